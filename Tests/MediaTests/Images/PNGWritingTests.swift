import Foundation
import XCTest
@testable import Media

final class PNGWritingTests: XCTestCase {
    /// A small image whose every channel value differs from its neighbours'.
    static func patterned(width: Int, height: Int, format: Image.PixelFormat) -> Image {
        let count = width * height * format.rawValue
        return Image(width: width, height: height, format: format, pixels: (0..<count).map { UInt8(($0 * 37 + $0 / 7) % 256) })
    }

    func testRGBRoundTripKeepsEveryPixel() throws {
        let image = Self.patterned(width: 7, height: 5, format: .rgb)
        XCTAssertEqual(try PNG.decode(PNG.encode(image)), image)
    }

    func testRGBARoundTripKeepsEveryPixelIncludingColourUnderZeroAlpha() throws {
        var pixels = Self.patterned(width: 6, height: 4, format: .rgba).pixels
        pixels[3] = 0
        pixels[7] = 255
        let image = Image(width: 6, height: 4, format: .rgba, pixels: pixels)
        XCTAssertEqual(try PNG.decode(PNG.encode(image)), image)
    }

    func testMetadataRoundTripsThroughAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-png-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("portrait.png")
        let metadata = [
            "seed": "42",
            "config": "{\"latent\": 100,\n \"size\": 64}",
            "Title": "café au lait",  // Latin-1: tEXt
            "poem": "月が綺麗ですね 🌙",  // beyond Latin-1: iTXt
            "empty": "",
        ]
        let image = Self.patterned(width: 3, height: 2, format: .rgb)
        try PNG.write(image, metadata: metadata, to: url)
        XCTAssertEqual(try PNG.read(from: url), image)
        XCTAssertEqual(try PNG.readTextMetadata(from: url), metadata)
    }

    func testTextChunksFollowTheHeaderInKeyOrder() throws {
        let data = try PNG.encode(Self.patterned(width: 2, height: 2, format: .rgb), metadata: ["b": "2", "a": "1", "c": "ü", "d": "∞"])
        let types = try PNGChunk.chunks(in: data).map(\.type)
        XCTAssertEqual(Array(types.prefix(5)), ["IHDR", "tEXt", "tEXt", "tEXt", "iTXt"])
        XCTAssertEqual(types.last, "IEND")
    }

    func testEncodingIsDeterministic() throws {
        let image = Self.patterned(width: 9, height: 9, format: .rgba)
        var first: [String: String] = [:], second: [String: String] = [:]
        for key in ["model", "seed", "date", "craft"] { first[key] = key.uppercased() }
        for key in ["craft", "date", "seed", "model"] { second[key] = key.uppercased() }
        XCTAssertEqual(try PNG.encode(image, metadata: first), try PNG.encode(image, metadata: second))
    }

    func testIncompressibleImagesStillEncode() throws {
        var generator = SystemRandomNumberGenerator()
        let pixels = (0..<(64 * 64 * 4)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = Image(width: 64, height: 64, format: .rgba, pixels: pixels)
        XCTAssertEqual(try PNG.decode(PNG.encode(image)), image)
    }

    func testKeysPNGCannotStoreAreRefused() {
        let image = Self.patterned(width: 1, height: 1, format: .rgb)
        for key in ["", String(repeating: "k", count: 80), " seed", "seed ", "two  spaces", "tab\tkey", "π"] {
            XCTAssertThrowsError(try PNG.encode(image, metadata: [key: "value"]), "key \(key.debugDescription)") { error in
                guard case .invalidMetadata = error as? ImageError else { return XCTFail("unexpected \(error)") }
            }
        }
        XCTAssertThrowsError(try PNG.encode(image, metadata: ["key": "nul\0inside"]))
    }
}
