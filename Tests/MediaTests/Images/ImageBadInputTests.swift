import Foundation
import XCTest
@testable import Media

/// Broken or hostile files give a typed, one-line error, never a crash or a giant allocation.
final class ImageBadInputTests: XCTestCase {
    private func assertImageError(_ expression: @autoclosure () throws -> some Any, _ message: String = "",
                                  file: StaticString = #filePath, line: UInt = #line,
                                  matching check: (ImageError) -> Bool = { _ in true }) {
        XCTAssertThrowsError(try expression(), message, file: file, line: line) { error in
            guard let imageError = error as? ImageError else { return XCTFail("untyped error \(error)", file: file, line: line) }
            XCTAssertTrue(check(imageError), "unexpected \(imageError)", file: file, line: line)
            XCTAssertFalse(imageError.description.contains("\n"), file: file, line: line)
            XCTAssertFalse(imageError.description.isEmpty, file: file, line: line)
        }
    }

    func testEmptyData() {
        assertImageError(try PNG.decode(Data())) { $0 == .empty }
        assertImageError(try JPEG.decode(Data())) { $0 == .empty }
        assertImageError(try PNG.textMetadata(in: Data())) { $0 == .empty }
    }

    func testEmptyFileNamesTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-empty-\(UUID().uuidString).png")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        assertImageError(try ImageFile.read(from: url)) { $0 == .inFile(path: url.path, .empty) }
    }

    func testMissingFile() {
        assertImageError(try ImageFile.read(from: URL(fileURLWithPath: "/nonexistent/belamy.png"))) {
            $0 == .cannotRead(path: "/nonexistent/belamy.png", reason: "No such file or directory")
        }
    }

    func testWrongSignature() throws {
        let png = try ImageFixtures.data("rgb8.png"), jpeg = try ImageFixtures.data("baseline.jpg")
        assertImageError(try PNG.decode(jpeg)) { $0 == .wrongSignature(expected: "PNG") }
        assertImageError(try JPEG.decode(png)) { $0 == .wrongSignature(expected: "JPEG") }
        assertImageError(try ImageFile.decode(Data("GIF89a, or maybe just text".utf8))) {
            $0 == .wrongSignature(expected: "PNG or JPEG")
        }
    }

    func testEveryTruncationOfAPNGIsAnError() throws {
        for name in ["rgb8.png", "interlaced.png", "palette.png"] {
            let data = try ImageFixtures.data(name)
            for length in 1..<data.count {
                assertImageError(try PNG.decode(data.prefix(length)), "\(name) cut to \(length) bytes")
                assertImageError(try PNG.textMetadata(in: data.prefix(length)), "\(name) cut to \(length) bytes")
            }
        }
    }

    func testEveryTruncationOfAJPEGIsAnError() throws {
        for name in ["baseline-11x9.jpg", "progressive.jpg", "gray.jpg"] {
            let data = try ImageFixtures.data(name)
            // The last two bytes are the end-of-image marker, which libjpeg does not need.
            for length in 1..<(data.count - 2) {
                assertImageError(try JPEG.decode(data.prefix(length)), "\(name) cut to \(length) bytes")
            }
        }
    }

    func testAPNGClaimingTenBillionPixelsIsRefusedBeforeAllocating() throws {
        var chunks = try PNGChunk.chunks(in: ImageFixtures.data("rgb8.png"))
        let side: [UInt8] = [0x00, 0x01, 0x86, 0xA0]  // 100000
        chunks[0].data.replaceSubrange(0..<8, with: side + side)
        let data = Data(PNG.signature + chunks.flatMap(\.encoded))
        assertImageError(try PNG.decode(data)) { $0 == .tooLarge(width: 100_000, height: 100_000) }
    }

    func testAJPEGClaimingHugeDimensionsIsRefusedBeforeAllocating() throws {
        var bytes = [UInt8](try ImageFixtures.data("baseline.jpg"))
        // Start of frame 0: FF C0, length (2), precision (1), height (2), width (2).
        let frame = (0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 }!
        bytes.replaceSubrange((frame + 5)..<(frame + 9), with: [0xFD, 0xE8, 0xFD, 0xE8])  // 65000 × 65000
        assertImageError(try JPEG.decode(Data(bytes))) { $0 == .tooLarge(width: 65000, height: 65000) }
    }

    func testAJPEGClaimingMorePixelsThanItsBytesCanHoldIsRefusedBeforeDecoding() throws {
        // Found by fuzzing (10 s a run): 258 bytes whose header claims 5125×8466 pixels and whose scan
        // stops at a marker at once; libjpeg pads the 43 million missing pixels with gray.
        let bomb = try ImageFixtures.data("fuzz-slow-gray-bomb.jpg")
        assertImageError(try JPEG.decode(bomb)) { $0 == .malformed(format: "JPEG", reason: "5125×8466 pixels cannot fit in 258 bytes") }
    }

    func testAProgressiveJPEGWithMoreThan1000ScansIsRefused() throws {
        // Each scan is a pass over the whole image: a small file of thousands would keep the decoder
        // busy for minutes. The fixture's ten scans end with a refinement scan, repeated here.
        let bytes = [UInt8](try ImageFixtures.data("progressive.jpg"))
        let lastScan = (0..<(bytes.count - 1)).last { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA }!
        let scan = bytes[lastScan..<(bytes.count - 2)]
        func withScans(_ count: Int) -> Data {
            Data(bytes.prefix(lastScan) + Array(repeating: scan, count: count - 9).flatMap { $0 } + [0xFF, 0xD9])
        }
        XCTAssertEqual(try JPEG.decode(withScans(1000)).width, try JPEG.decode(Data(bytes)).width)
        assertImageError(try JPEG.decode(withScans(1001))) { $0 == .malformed(format: "JPEG", reason: "more than 1000 scans") }
    }

    func testAPNGWithABadChecksumIsAnError() throws {
        var bytes = [UInt8](try ImageFixtures.data("rgb8.png"))
        bytes[20] ^= 0xFF  // inside IHDR's data
        assertImageError(try PNG.decode(Data(bytes))) { if case .malformed(format: "PNG", _) = $0 { return true } else { return false } }
        assertImageError(try PNG.textMetadata(in: Data(bytes))) { if case .malformed(format: "PNG", _) = $0 { return true } else { return false } }
    }

    func testFlippingAnyByteNeverCrashes() throws {
        for name in ["rgba8.png", "baseline.jpg", "progressive.jpg", "orientation6.jpg"] {
            let original = [UInt8](try ImageFixtures.data(name))
            for index in original.indices {
                var bytes = original
                bytes[index] ^= 0x5A
                do {
                    let image = try ImageFile.decode(Data(bytes))
                    XCTAssertLessThanOrEqual(image.width * image.height, 11 * 9 * 16, "\(name) byte \(index)")
                } catch {
                    XCTAssertTrue(error is ImageError, "\(name) byte \(index): untyped \(error)")
                }
            }
        }
    }
}
