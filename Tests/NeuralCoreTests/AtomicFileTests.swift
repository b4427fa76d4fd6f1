import AtomicWrite
import Foundation
import XCTest

final class AtomicFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    func testReplacesTheFileAndLeavesNothingElse() throws {
        let url = folder.appendingPathComponent("out.bin")
        try AtomicFile.write(Data("first".utf8), to: url)
        try AtomicFile.write(Data("second".utf8), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data("second".utf8))
        XCTAssertEqual(try names(), ["out.bin"])
    }

    func testAPartialFileOfAKilledWriterIsRemovedAndALiveOnesIsKept() throws {
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = ".out.bin.\(finished.processIdentifier).partial", live = ".out.bin.\(getppid()).partial"
        for name in [dead, live, ".other.bin.\(finished.processIdentifier).partial"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("half".utf8))
        }
        try AtomicFile.write(Data("whole".utf8), to: folder.appendingPathComponent("out.bin"))
        XCTAssertEqual(try names(), [".other.bin.\(finished.processIdentifier).partial", live, "out.bin"].sorted(),
                       "only the dead writer's leftover of this very file goes")
    }

    func testAnUnwritablePlaceIsAClearError() {
        XCTAssertThrowsError(try AtomicFile.write(Data(), to: URL(fileURLWithPath: "/dev/null/out.bin"))) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("cannot create folder /dev/null"), "\(error)")
        }
    }

    func testFilesWrittenTogetherAppearAllOrNotAtAll() throws {
        let wav = folder.appendingPathComponent("tune.wav"), midi = folder.appendingPathComponent("tune.mid")
        try FileManager.default.createDirectory(at: midi, withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write([(Data("audio".utf8), wav), (Data("midi".utf8), midi)])) { error in
            XCTAssertEqual(String(describing: error), "cannot write \(midi.path): a folder of that name is in the way")
        }
        XCTAssertEqual(try names(), ["tune.mid"], "no WAV without its MIDI, and no partial files")
        try FileManager.default.removeItem(at: midi)
        try AtomicFile.write([(Data("audio".utf8), wav), (Data("midi".utf8), midi)])
        XCTAssertEqual(try names(), ["tune.mid", "tune.wav"])
    }
}
