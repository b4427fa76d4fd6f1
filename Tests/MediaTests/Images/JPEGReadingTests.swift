import XCTest
@testable import Media

/// JPEG files from ImageMagick decode to what ImageMagick decodes (same libjpeg-turbo underneath).
final class JPEGReadingTests: XCTestCase {
    private func assertReadsLikeImageMagick(_ name: String, tolerance: Int = 0,
                                            file: StaticString = #filePath, line: UInt = #line) throws {
        let image = try JPEG.read(from: ImageFixtures.url(name))
        assertPixelsEqual(image, try ImageFixtures.expectedImage(name), tolerance: tolerance, file: file, line: line)
    }

    func testBaselineSmallerThanOneBlock() throws { try assertReadsLikeImageMagick("baseline.jpg") }
    func testBaselineSeveralBlocks() throws { try assertReadsLikeImageMagick("baseline-11x9.jpg") }
    func testProgressive() throws { try assertReadsLikeImageMagick("progressive.jpg") }
    func testGrayIsWidenedToRGB() throws { try assertReadsLikeImageMagick("gray.jpg") }

    func testExifOrientationIsHonoured() throws {
        // 5×3 stored, rotated 90° clockwise for display (big-endian Exif).
        let rotated = try JPEG.read(from: ImageFixtures.url("orientation6.jpg"))
        XCTAssertEqual([rotated.width, rotated.height], [3, 5])
        assertPixelsEqual(rotated, try ImageFixtures.expectedImage("orientation6.jpg"))
        // Rotated 180° (little-endian Exif).
        assertPixelsEqual(try JPEG.read(from: ImageFixtures.url("orientation3.jpg")),
                          try ImageFixtures.expectedImage("orientation3.jpg"))
    }

    func testCMYKIsRefusedWithAReason() throws {
        XCTAssertThrowsError(try JPEG.read(from: ImageFixtures.url("cmyk.jpg"))) { error in
            guard case .inFile(_, .unsupported(format: "JPEG", _)) = error as? ImageError else {
                return XCTFail("unexpected \(error)")
            }
        }
    }
}
