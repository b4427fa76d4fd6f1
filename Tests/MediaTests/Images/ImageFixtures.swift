import Foundation
import XCTest
@testable import Media

/// The image files made by ImageMagick (see Fixtures/make_image_fixtures.sh) and the pixels
/// ImageMagick decoded from them when they were made.
enum ImageFixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("Images").appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// What `convert <name> txt:-` printed, scaled to 8 bits; gray comes out as three equal channels.
    static func expectedImage(_ name: String) throws -> Image {
        let lines = try String(contentsOf: url(name + ".txt"), encoding: .utf8).split(separator: "\n")
        // "# ImageMagick pixel enumeration: 5,3,65535,srgb"
        let header = lines[0].split(separator: ":")[1].split(separator: ",")
        let width = Int(header[0].trimmingCharacters(in: .whitespaces))!
        let height = Int(header[1])!
        let maximum = Double(header[2])!
        var channels = 0
        var pixels: [UInt8] = []
        for line in lines.dropFirst() {
            // "1,0: (12156,54561,1414)  #2F7CD5210586  srgb(…)"
            let tuple = line.split(separator: "(")[1].split(separator: ")")[0]
            let values = tuple.split(separator: ",").map { Double($0)! }
            channels = values.count
            pixels += values.map { UInt8(($0 * 255 / maximum).rounded()) }
        }
        return Image(width: width, height: height, format: channels == 4 ? .rgba : .rgb, pixels: pixels)
    }
}

/// Fails unless both images have the same size and layout and every channel is within `tolerance`.
func assertPixelsEqual(_ actual: Image, _ expected: Image, tolerance: Int = 0,
                       file: StaticString = #filePath, line: UInt = #line) {
    guard actual.width == expected.width, actual.height == expected.height, actual.format == expected.format else {
        XCTFail("got \(actual.width)×\(actual.height) \(actual.format), expected \(expected.width)×\(expected.height) \(expected.format)",
                file: file, line: line)
        return
    }
    let differences = zip(actual.pixels, expected.pixels).map { abs(Int($0) - Int($1)) }
    let worst = differences.max() ?? 0
    if worst > tolerance {
        let index = differences.firstIndex(of: worst)! / actual.channels
        XCTFail("pixel (\(index % actual.width), \(index / actual.width)) is \(actual.pixel(x: index % actual.width, y: index / actual.width)), "
                + "expected \(expected.pixel(x: index % actual.width, y: index / actual.width)) (tolerance \(tolerance))",
                file: file, line: line)
    }
}
