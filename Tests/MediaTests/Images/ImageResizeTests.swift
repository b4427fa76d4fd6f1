import XCTest
@testable import Media

final class ImageResizeTests: XCTestCase {
    func testEnlargingMatchesImageMagicksLanczosInLinearLight() throws {
        let source = try PNG.read(from: ImageFixtures.url("rgb8.png"))
        assertPixelsEqual(source.resized(width: 13, height: 8), try ImageFixtures.expectedImage("rgb8-lanczos-13x8.png"), tolerance: 1)
    }

    func testEnlargingWithAlphaMatchesImageMagick() throws {
        let source = try PNG.read(from: ImageFixtures.url("rgba8.png"))
        let expected = try ImageFixtures.expectedImage("rgba8-lanczos-9x7.png")
        let resized = source.resized(width: 9, height: 7)
        // Where a pixel is almost transparent its colour is barely defined; compare what shows.
        assertPixelsEqual(resized.composited(onto: .white), expected.composited(onto: .white), tolerance: 1)
        assertPixelsEqual(resized.composited(onto: .black), expected.composited(onto: .black), tolerance: 1)
    }

    func testShrinkingByAFractionalFactorMatchesImageMagicksAreaAveraging() throws {
        let source = try PNG.read(from: ImageFixtures.url("interlaced.png"))
        assertPixelsEqual(source.resized(width: 4, height: 3), try ImageFixtures.expectedImage("interlaced-area-4x3.png"), tolerance: 1)
    }

    func testAveragingHappensInLinearLight() {
        // A black and white checkerboard halves to the gray of half the light: sRGB 188, not 128.
        let checkerboard = Image(width: 4, height: 4, format: .rgb, pixels: (0..<16).flatMap { index -> [UInt8] in
            let white = (index % 4 + index / 4) % 2 == 0
            return Array(repeating: white ? 255 : 0, count: 3)
        })
        XCTAssertEqual(checkerboard.resized(width: 2, height: 2), Image(width: 2, height: 2, filledWith: RGBColor(red: 188, green: 188, blue: 188)))
    }

    func testTransparentPixelsDoNotBleedTheirColour() {
        // Opaque red next to fully transparent green: any mix stays pure red.
        let image = Image(width: 2, height: 1, format: .rgba, pixels: [255, 0, 0, 255, 0, 255, 0, 0])
        for resized in [image.resized(width: 1, height: 1), image.resized(width: 7, height: 3)] {
            for y in 0..<resized.height {
                for x in 0..<resized.width where resized.pixel(x: x, y: y)[3] > 0 {
                    XCTAssertEqual(Array(resized.pixel(x: x, y: y).prefix(3)), [255, 0, 0], "(\(x), \(y))")
                }
            }
        }
        XCTAssertEqual(image.resized(width: 1, height: 1).pixel(x: 0, y: 0)[3], 128)
    }

    func testSameSizeIsTheIdentityAndUniformStaysUniform() {
        let image = PNGWritingTests.patterned(width: 5, height: 4, format: .rgba)
        XCTAssertEqual(image.resized(width: 5, height: 4), image)
        let teal = RGBColor(red: 0, green: 128, blue: 128)
        XCTAssertEqual(Image(width: 3, height: 2, filledWith: teal).resized(width: 11, height: 1),
                       Image(width: 11, height: 1, filledWith: teal))
        XCTAssertEqual(Image(width: 9, height: 6, filledWith: teal).resized(width: 2, height: 5),
                       Image(width: 2, height: 5, filledWith: teal))
    }

    func testFillingCropsTheOverflowEvenly() {
        // A wide image whose middle third is white: filling a square keeps only the white.
        let wide = Image(width: 9, height: 3, format: .rgb, pixels: (0..<27).flatMap { index -> [UInt8] in
            Array(repeating: (3..<6).contains(index % 9) ? 255 : 0, count: 3)
        })
        XCTAssertEqual(wide.resizedToFill(width: 2, height: 2), Image(width: 2, height: 2, filledWith: .white))
        let tall = Image(width: 1, height: 5, format: .rgb, pixels: [0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0].flatMap { [$0] })
        XCTAssertEqual(tall.resizedToFill(width: 2, height: 6), Image(width: 2, height: 6, filledWith: .white))
    }
}
