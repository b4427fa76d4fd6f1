import XCTest
@testable import Media

/// Belamy reads what ImageMagick wrote the way ImageMagick reads it.
final class PNGReadingTests: XCTestCase {
    private func assertReadsLikeImageMagick(_ name: String, format: Image.PixelFormat, tolerance: Int = 0,
                                            file: StaticString = #filePath, line: UInt = #line) throws {
        let image = try PNG.read(from: ImageFixtures.url(name))
        XCTAssertEqual(image.format, format, name, file: file, line: line)
        assertPixelsEqual(image, try ImageFixtures.expectedImage(name), tolerance: tolerance, file: file, line: line)
    }

    func testEightBitGray() throws { try assertReadsLikeImageMagick("gray8.png", format: .rgb) }
    func testSixteenBitGray() throws { try assertReadsLikeImageMagick("gray16.png", format: .rgb, tolerance: 1) }
    func testOneBitGray() throws { try assertReadsLikeImageMagick("gray1.png", format: .rgb) }
    func testEightBitGrayWithAlpha() throws { try assertReadsLikeImageMagick("gray-alpha8.png", format: .rgba) }
    func testSixteenBitGrayWithAlpha() throws { try assertReadsLikeImageMagick("gray-alpha16.png", format: .rgba, tolerance: 1) }
    func testEightBitRGB() throws { try assertReadsLikeImageMagick("rgb8.png", format: .rgb) }
    func testSixteenBitRGB() throws { try assertReadsLikeImageMagick("rgb16.png", format: .rgb, tolerance: 1) }
    func testSixteenBitRGBWithoutColourSpaceChunks() throws {
        try assertReadsLikeImageMagick("rgb16-untagged.png", format: .rgb, tolerance: 1)
    }
    func testEightBitRGBA() throws { try assertReadsLikeImageMagick("rgba8.png", format: .rgba) }
    func testSixteenBitRGBA() throws { try assertReadsLikeImageMagick("rgba16.png", format: .rgba, tolerance: 1) }
    func testPalette() throws { try assertReadsLikeImageMagick("palette.png", format: .rgb) }
    func testInterlaced() throws { try assertReadsLikeImageMagick("interlaced.png", format: .rgb) }
    func testOnePixel() throws { try assertReadsLikeImageMagick("one-pixel.png", format: .rgb) }

    func testTextWrittenByImageMagickAfterTheImageData() throws {
        let metadata = try PNG.readTextMetadata(from: ImageFixtures.url("comment.png"))
        XCTAssertEqual(metadata["comment"], "made by ImageMagick")
    }

    func testFileFormatIsRecognisedFromItsBytes() throws {
        XCTAssertEqual(try ImageFile.read(from: ImageFixtures.url("rgb8.png")), try PNG.read(from: ImageFixtures.url("rgb8.png")))
        XCTAssertEqual(try ImageFile.read(from: ImageFixtures.url("gray.jpg")), try JPEG.read(from: ImageFixtures.url("gray.jpg")))
    }
}
