import Foundation
import XCTest
import Media

/// Every reader that loads a whole file refuses one beyond its size limit before reading a byte:
/// the 2 GB files here are sparse, they take no disk space and are never read.
final class FileSizeLimitTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    /// A file of `name` that claims two gigabytes and holds none.
    private func hugeSparseFile(_ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 2_000_000_000)
        try handle.close()
        return url
    }

    func testImagesAbove500MBAreRefusedUnread() throws {
        let url = try hugeSparseFile("huge.png")
        for read in [ImageFile.read(from:), PNG.read(from:), JPEG.read(from:)] {
            XCTAssertThrowsError(try read(url)) { error in
                XCTAssertEqual(error as? ImageError,
                               .cannotRead(path: url.path, reason: "2000 MB, larger than the 500 MB limit"))
            }
        }
    }

    func testABCFilesAbove50MBAreRefusedUnread() throws {
        let url = try hugeSparseFile("huge.abc")
        XCTAssertThrowsError(try ABCReader.read(contentsOf: url)) { error in
            XCTAssertEqual("\(error)", "cannot read ABC file \(url.path): 2000 MB, larger than the 50 MB limit")
        }
    }

    func testMIDIFilesAbove50MBAreRefusedUnread() throws {
        let url = try hugeSparseFile("huge.mid")
        XCTAssertThrowsError(try MIDIFile(contentsOf: url)) { error in
            XCTAssertEqual("\(error)", "cannot read MIDI file \(url.path): 2000 MB, larger than the 50 MB limit")
        }
    }
}
