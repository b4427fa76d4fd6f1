import Foundation
import Media
import XCTest
@testable import Melody

final class MelodyCorpusBuilderTests: XCTestCase {
    /// A miniature music21 corpus folder: the three collections, with one tune of each kind the
    /// builder must handle.
    func makeCorpus() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("melody-corpus-\(UUID().uuidString)")
        let files = [
            // Essen writes the final's major signature: =G throughout makes this E minor.
            "essenFolksong/kinder0.abc": """
            X:1
            T: Schlaf
            M: 2/4
            L: 1/8
            K: E
            E=GBG | F2E2 | =GBAG | F2E2 |]

            X:2
            T: Bad
            M: 2/4
            L: 1/8
            K: E
            E=GB& | F2E2 |]
            """,
            "essenFolksong/test0.abc": "X:1\nT: Skipped test copy\nM: 2/4\nL: 1/8\nK: C\nCDEF | G4 |]\n",
            "oneills1850/0001-0050.abc": """
            X:1
            T:Changing
            M:6/8
            L:1/8
            K:G
            GAB c2d | [M:9/8] e2d BAG A3 |]

            X:2
            T:The Jig
            M:6/8
            L:1/8
            K:D
            |:FAd cBA|BGE E3:|
            """,
            // The same jig again, in another key: a duplicate once key-relative.
            "ryansMammoth/TheJig.abc": "X:1\nT:The Jig Again\nM:6/8\nL:1/8\nK:G\n|:Bdg fed|ecA A3:|\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    func testBuildsTheSplitsListsWhatItLeavesOutAndRepeatsExactly() throws {
        let corpus = try makeCorpus()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let output = corpus.appendingPathComponent("out")
        let report = try MelodyCorpusBuilder.build(music21Corpus: corpus, output: output)
        XCTAssertEqual(report.collections.map(\.tunes), [2, 2, 1])
        XCTAssertEqual(report.collections.map(\.read), [1, 2, 1])
        XCTAssertEqual(report.collections.map(\.kept), [1, 1, 0])
        XCTAssertEqual(report.trainingTunes + report.validationTunes, 2)

        let rejected = try String(contentsOf: output.appendingPathComponent("rejected.tsv"), encoding: .utf8)
        XCTAssertEqual(rejected.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").first! }, [
            "essenFolksong/kinder0.abc X:2", "oneills1850/0001-0050.abc X:1", "ryansMammoth/TheJig.abc X:1",
        ])
        XCTAssertTrue(rejected.contains("line 13: skipped tune X:2 \"Bad\": voice overlay (&) is not read at column 5"), rejected)
        XCTAssertTrue(rejected.contains("the meter changes mid-tune"))
        XCTAssertTrue(rejected.contains("duplicate of oneills1850/0001-0050.abc X:2"))

        let tunes = try MelodyCorpus.read(from: output.appendingPathComponent("train.tsv"))
            + MelodyCorpus.read(from: output.appendingPathComponent("valid.tsv"))
        XCTAssertEqual(tunes.first { $0.title == "Schlaf" }?.melody.key.mode, .minor)

        let first = try Data(contentsOf: output.appendingPathComponent("train.tsv"))
        _ = try MelodyCorpusBuilder.build(music21Corpus: corpus, output: output)
        XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("train.tsv")), first)
    }

    func testModeInferenceFindsTheScaleThatHoldsTheTune() {
        func notes(_ pitches: [Int]) -> [Note] {
            pitches.enumerated().map { Note(pitch: $1, start: Fraction($0, 4), duration: Fraction(1, 4)) }
        }
        XCTAssertEqual(ModeInference.mode(of: notes([62, 64, 66, 67, 69, 71, 73, 74]), tonicPitchClass: 2), .major)
        XCTAssertEqual(ModeInference.mode(of: notes([62, 64, 65, 67, 69, 70, 72, 74]), tonicPitchClass: 2), .minor)
        XCTAssertEqual(ModeInference.mode(of: notes([62, 64, 65, 67, 69, 71, 72, 74]), tonicPitchClass: 2), .dorian)
        // Five notes fit major and mixolydian alike: the more common mode wins.
        XCTAssertEqual(ModeInference.mode(of: notes([62, 64, 66, 69, 71]), tonicPitchClass: 2), .major)
    }
}
