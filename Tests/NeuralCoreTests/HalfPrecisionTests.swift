import XCTest
@testable import NeuralCore

final class HalfPrecisionTests: XCTestCase {
    func testEveryHalfSurvivesARoundTripThroughFloat() {
        for bits in UInt16.min ... UInt16.max {
            let value = Float(halfPrecisionBits: bits)
            if value.isNaN {
                XCTAssertTrue(Float(halfPrecisionBits: value.halfPrecisionBits).isNaN)
            } else {
                XCTAssertEqual(value.halfPrecisionBits, bits, "half 0x\(String(bits, radix: 16))")
            }
        }
    }

    func testKnownValues() {
        XCTAssertEqual(Float(1).halfPrecisionBits, 0x3C00)
        XCTAssertEqual(Float(-2).halfPrecisionBits, 0xC000)
        XCTAssertEqual(Float(65504).halfPrecisionBits, 0x7BFF)
        XCTAssertEqual(Float(65520).halfPrecisionBits, 0x7C00, "halfway past the largest half rounds to infinity")
        XCTAssertEqual(Float(0x1p-24).halfPrecisionBits, 0x0001, "smallest subnormal")
        XCTAssertEqual(Float(0x1p-25).halfPrecisionBits, 0x0000, "tie between 0 and the smallest subnormal goes to even 0")
        XCTAssertEqual(Float(0x1.8p-24).halfPrecisionBits, 0x0002, "tie between 1 and 2 units goes to even 2")
        XCTAssertEqual(Float(-0.0).halfPrecisionBits, 0x8000)
        XCTAssertEqual(Float.infinity.halfPrecisionBits, 0x7C00)
        XCTAssertEqual(Float(halfPrecisionBits: 0x0001), 0x1p-24)
        XCTAssertEqual(Float(bfloat16Bits: 0x3F80), 1)
        XCTAssertEqual(Float(bfloat16Bits: 0xC049), -3.140625)
    }

    #if !(os(macOS) && arch(x86_64))
    /// Swift's own `Float16` (where the platform has it) is an independent reference for rounding.
    func testFloatToHalfAgreesWithSwiftFloat16() {
        var generator = RandomGenerator(seed: 1)
        var mismatches: [Float] = []
        for draw in 0 ..< 100_000 {
            let random = UInt32(truncatingIfNeeded: generator.next())
            // Half the draws anywhere, half with exponents around the half range (2⁻²⁸ … 2¹⁶).
            let bits = draw.isMultiple(of: 2)
                ? random
                : (random & 0x807F_FFFF) | (UInt32(127 - 28 + Int(random >> 23 & 0xFF) % 45) << 23)
            let value = Float(bitPattern: bits)
            let reference = Float16(value)
            let agrees = reference.isNaN
                ? Float(halfPrecisionBits: value.halfPrecisionBits).isNaN
                : value.halfPrecisionBits == reference.bitPattern
            if !agrees { mismatches.append(value) }
        }
        XCTAssertEqual(mismatches.count, 0, "first disagreements: \(mismatches.prefix(5))")
    }
    #endif
}
