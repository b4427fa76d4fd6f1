import Foundation
import XCTest
@testable import belamy

final class ProjectPathsTests: XCTestCase {
    func testOutputIsTheFileNamedOrTheDefaultNameInsideAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        XCTAssertEqual(ProjectPaths.output(folder.path + "/tune.wav", defaultName: "melody-seed7.wav").path, folder.path + "/tune.wav")
        XCTAssertEqual(ProjectPaths.output(folder.path, defaultName: "melody-seed7.wav").path, folder.path + "/melody-seed7.wav",
                       "an existing folder is written into, not beside")
        XCTAssertEqual(ProjectPaths.output(folder.path + "/new/", defaultName: "poem-seed1.txt").path, folder.path + "/new/poem-seed1.txt",
                       "a trailing slash names a folder to make")
        XCTAssertEqual(ProjectPaths.output(nil, defaultName: "portrait-seed3.png"),
                       ProjectPaths.outputs.appendingPathComponent("portrait-seed3.png"))
    }
}
