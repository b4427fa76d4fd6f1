import Foundation
import XCTest
@testable import Media

final class GIFTests: XCTestCase {
    /// A frame whose colours are all drawn from `palette`, scattered so that LZW finds few repeats.
    private func scattered(width: Int, height: Int, palette: [RGBColor], seed: Int) -> Image {
        var state = UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15
        let pixels = (0..<(width * height)).flatMap { _ -> [UInt8] in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let colour = palette[Int(state >> 33) % palette.count]
            return [colour.red, colour.green, colour.blue]
        }
        return Image(width: width, height: height, format: .rgb, pixels: pixels)
    }

    func testFramesWithFewColoursRoundTripExactly() throws {
        let palette = (0..<256).map { (index: Int) -> RGBColor in
            RGBColor(red: UInt8(index), green: UInt8(255 - index), blue: UInt8(index * 7 % 256))
        }
        // 96×96 scattered pixels need far more than 4096 codes: the table fills and restarts.
        let frames = [
            scattered(width: 96, height: 96, palette: palette, seed: 1),
            scattered(width: 96, height: 96, palette: Array(palette.prefix(2)), seed: 2),
            Image(width: 96, height: 96, filledWith: RGBColor(red: 9, green: 8, blue: 7)),
            scattered(width: 96, height: 96, palette: Array(palette.prefix(5)), seed: 3),
        ]
        let decoded = try GIFTestDecoder(GIF.encode(frames: frames, delayInCentiseconds: 8))
        XCTAssertEqual(decoded.loopCount, 0, "loops forever")
        XCTAssertEqual(decoded.delays, [8, 8, 8, 8])
        XCTAssertEqual(decoded.frames, frames)
    }

    func testTinyAndOddSizedFrames() throws {
        for (width, height) in [(1, 1), (1, 7), (5, 3)] {
            let frame = PNGWritingTests.patterned(width: width, height: height, format: .rgb)
            XCTAssertEqual(try GIFTestDecoder(GIF.encode(frames: [frame], delayInCentiseconds: 0)).frames, [frame])
        }
    }

    func testLZWRoundTripsEveryCodeSize() throws {
        for minimumCodeSize in 2...8 {
            let alphabet = 1 << minimumCodeSize
            let indices = (0..<20000).map { UInt8(($0 * $0 / 3 + $0 / 5) % alphabet) }
            let compressed = GIFLZW.compress(indices, minimumCodeSize: minimumCodeSize)
            XCTAssertEqual(try GIFTestDecoder.decompress(compressed, minimumCodeSize: minimumCodeSize), indices, "code size \(minimumCodeSize)")
        }
    }

    func testMedianCutApproximatesManyColours() throws {
        // A smooth 64×64 gradient has 4096 colours; 256 boxes keep every channel close.
        let gradient = Image(width: 64, height: 64, format: .rgb, pixels: (0..<4096).flatMap { index -> [UInt8] in
            let x = index % 64, y = index / 64
            return [UInt8(x * 4), UInt8(y * 4), UInt8((x + y) * 2)]
        })
        let shown = try XCTUnwrap(GIFTestDecoder(GIF.encode(frames: [gradient], delayInCentiseconds: 5)).frames.first)
        let errors = zip(shown.pixels, gradient.pixels).map { abs(Int($0) - Int($1)) }
        XCTAssertLessThanOrEqual(errors.max()!, 12)
        XCTAssertLessThan(Double(errors.reduce(0, +)) / Double(errors.count), 4)
    }

    func testFixedPaletteSnapsToTheColourCube() throws {
        let cubeColours = [OrderedDither.palette[0], OrderedDither.palette[100], OrderedDither.palette[251]]
        let onCube = scattered(width: 8, height: 8, palette: cubeColours, seed: 4)
        let gif = GIF.encode(frames: [onCube], delayInCentiseconds: 10, palette: .fixed(dithered: true))
        XCTAssertEqual(try GIFTestDecoder(gif).frames, [onCube], "cube colours survive, even dithered")
        let offCube = Image(width: 2, height: 1, format: .rgb, pixels: [60, 50, 240, 10, 200, 130])
        let snapped = try GIFTestDecoder(GIF.encode(frames: [offCube], delayInCentiseconds: 10, palette: .fixed(dithered: false))).frames[0]
        // Levels: red and blue in steps of 51, green in steps of 42.5.
        XCTAssertEqual(snapped.pixels, [51, 43, 255, 0, 213, 153])
    }

    func testDitheringKeepsTheAverageColour() throws {
        let flat = Image(width: 16, height: 16, filledWith: RGBColor(red: 100, green: 150, blue: 30))
        let dithered = try GIFTestDecoder(GIF.encode(frames: [flat], delayInCentiseconds: 10, palette: .fixed(dithered: true))).frames[0]
        for channel in 0..<3 {
            let values = stride(from: channel, to: dithered.pixels.count, by: 3).map { Double(dithered.pixels[$0]) }
            XCTAssertEqual(values.reduce(0, +) / Double(values.count), Double(flat.pixels[channel]), accuracy: 1.5, "channel \(channel)")
            XCTAssertGreaterThan(Set(values).count, 1, "channel \(channel) is dithered between levels")
        }
    }

    func testBayerMatrixIsAPermutationWithTheClassicCorner() {
        XCTAssertEqual(OrderedDither.bayer.sorted(), Array(0..<64))
        XCTAssertEqual(Array(OrderedDither.bayer.prefix(4)), [0, 32, 8, 40])
        XCTAssertEqual(OrderedDither.bayer[8], 48)
    }

    func testTransparencyIsCompositedOntoTheBackground() throws {
        let frame = Image(width: 2, height: 1, format: .rgba, pixels: [255, 0, 0, 255, 255, 0, 0, 0])
        let shown = try GIFTestDecoder(GIF.encode(frames: [frame], delayInCentiseconds: 4, background: .white)).frames[0]
        XCTAssertEqual(shown.pixels, [255, 0, 0, 255, 255, 255])
    }

    func testEncodingIsDeterministic() {
        let frames = [PNGWritingTests.patterned(width: 33, height: 17, format: .rgb)]
        XCTAssertEqual(GIF.encode(frames: frames, delayInCentiseconds: 3), GIF.encode(frames: frames, delayInCentiseconds: 3))
    }
}
