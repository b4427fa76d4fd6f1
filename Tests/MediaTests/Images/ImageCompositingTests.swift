import XCTest
@testable import Media

final class ImageCompositingTests: XCTestCase {
    func testCropTakesTheRectangle() {
        let image = PNGWritingTests.patterned(width: 5, height: 4, format: .rgba)
        let crop = image.cropped(x: 1, y: 2, width: 3, height: 2)
        XCTAssertEqual([crop.width, crop.height], [3, 2])
        for y in 0..<2 {
            for x in 0..<3 { XCTAssertEqual(crop.pixel(x: x, y: y), image.pixel(x: x + 1, y: y + 2)) }
        }
        XCTAssertEqual(image.cropped(x: 0, y: 0, width: 5, height: 4), image)
    }

    func testCompositingBlendsByAlpha() {
        let image = Image(width: 3, height: 1, format: .rgba, pixels: [200, 100, 0, 255, 200, 100, 0, 0, 200, 100, 0, 128])
        let background = RGBColor(red: 0, green: 0, blue: 255)
        let flat = image.composited(onto: background)
        XCTAssertEqual(flat.format, .rgb)
        // Opaque keeps its colour, transparent shows the background, half-way mixes (128/255 of the pixel).
        XCTAssertEqual(flat.pixels, [200, 100, 0, 0, 0, 255, 100, 50, 127])
        let opaque = PNGWritingTests.patterned(width: 2, height: 2, format: .rgb)
        XCTAssertEqual(opaque.composited(onto: .white), opaque)
    }

    func testGridLaysOutCellsWithSpacingAndCentresSmallerImages() {
        let red = Image(width: 2, height: 2, filledWith: RGBColor(red: 255, green: 0, blue: 0))
        let green = Image(width: 2, height: 2, filledWith: RGBColor(red: 0, green: 255, blue: 0))
        let smallBlue = Image(width: 1, height: 1, format: .rgba, pixels: [0, 0, 255, 255])
        let grid = Image.grid([red, green, smallBlue], columns: 2, spacing: 1, background: .white)
        // 2 columns × 2 rows of 2×2 cells, 1 pixel around and between: 7 × 7.
        XCTAssertEqual([grid.width, grid.height], [7, 7])
        XCTAssertEqual(grid.format, .rgb)
        let rows = (0..<7).map { y in (0..<7).map { x -> Character in
            switch grid.pixel(x: x, y: y) {
            case [255, 0, 0]: return "R"
            case [0, 255, 0]: return "G"
            case [0, 0, 255]: return "B"
            case [255, 255, 255]: return "."
            default: return "?"
            }
        } }.map { String($0) }
        XCTAssertEqual(rows, [
            ".......",
            ".RR.GG.",
            ".RR.GG.",
            ".......",
            ".B.....",  // the 1×1 image in its 2×2 cell: centring rounds up and left
            ".......",
            ".......",
        ])
    }

    func testGridWithFewerImagesThanColumnsIsOneRow() {
        let images = [Image(width: 3, height: 2, filledWith: .black)]
        XCTAssertEqual(Image.grid(images, columns: 8, spacing: 0, background: .white), images[0])
    }
}
