import XCTest
@testable import Media

final class ImageOrientationTests: XCTestCase {
    /// Pixels labelled by letter (the label is the red value), e.g. ["abc", "def"] for 3×2.
    private func labelled(_ rows: [String]) -> Image {
        let pixels = rows.joined().unicodeScalars.flatMap { scalar -> [UInt8] in [UInt8(scalar.value), 0, 0] }
        return Image(width: rows[0].count, height: rows.count, format: .rgb, pixels: pixels)
    }

    func testAllEightExifOrientations() {
        let stored = labelled(["abc", "def"])
        let displayed: [Int: [String]] = [
            1: ["abc", "def"],
            2: ["cba", "fed"],          // mirrored left–right
            3: ["fed", "cba"],          // rotated 180°
            4: ["def", "abc"],          // mirrored top–bottom
            5: ["ad", "be", "cf"],      // transposed
            6: ["da", "eb", "fc"],      // rotated 90° clockwise
            7: ["fc", "eb", "da"],      // transversed
            8: ["cf", "be", "ad"],      // rotated 90° counter-clockwise
        ]
        for (orientation, rows) in displayed {
            XCTAssertEqual(stored.oriented(byExif: orientation), labelled(rows), "orientation \(orientation)")
        }
    }

    func testOrientationTagIsFoundInBothByteOrdersAndDefaultsToUpright() throws {
        XCTAssertEqual(ExifOrientation.value(inJPEG: [UInt8](try ImageFixtures.data("orientation6.jpg"))), 6)
        XCTAssertEqual(ExifOrientation.value(inJPEG: [UInt8](try ImageFixtures.data("orientation3.jpg"))), 3)
        XCTAssertEqual(ExifOrientation.value(inJPEG: [UInt8](try ImageFixtures.data("baseline.jpg"))), 1)
    }
}
