import XCTest
@testable import Media

final class ImageFloatConversionTests: XCTestCase {
    func testPlanesAreChannelMajorInMinusOneToOne() {
        // 2×1 RGB: black then white.
        let image = Image(width: 2, height: 1, format: .rgb, pixels: [0, 0, 0, 255, 255, 255])
        XCTAssertEqual(image.floatCHW(), [-1, 1, -1, 1, -1, 1])
        let colours = Image(width: 2, height: 1, format: .rgba, pixels: [10, 20, 30, 40, 50, 60, 70, 80])
        let planes = colours.floatCHW().map { (($0 + 1) * 127.5).rounded() }
        XCTAssertEqual(planes, [10, 50, 20, 60, 30, 70, 40, 80])
    }

    func testEveryByteRoundTrips() {
        let pixels = (0..<(16 * 16 * 3)).map { UInt8($0 % 256) }
        let image = Image(width: 16, height: 16, format: .rgb, pixels: pixels)
        XCTAssertEqual(Image(floatCHW: image.floatCHW(), width: 16, height: 16), image)
        let rgba = PNGWritingTests.patterned(width: 3, height: 5, format: .rgba)
        XCTAssertEqual(Image(floatCHW: rgba.floatCHW(), width: 3, height: 5), rgba)
    }

    func testOutOfRangeValuesAreClampedAndRounded() {
        let values: [Float] = [-3, 3, .nan, 0, 0.001, -0.001]  // two pixels, three planes
        let image = Image(floatCHW: values, width: 2, height: 1)
        XCTAssertEqual(image.pixels, [0, 0, 128, 255, 128, 127])
    }
}
