import XCTest
@testable import Poetry

final class PoemCorpusTests: XCTestCase {
    func testRecordFormatSkipsMetadataAndSplitsAtPercentLines() {
        let corpus = PoemCorpus(text: "#\t静夜思\t李白\ttang300\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n%\n#\t\t\tx\nOne line\n%\n")
        XCTAssertEqual(corpus.poems, ["床前明月光，疑是地上霜。\n举头望明月，低头思故乡。", "One line"])
        XCTAssertEqual(corpus.stream, "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n\nOne line\n\n")
    }

    func testPlainTextSplitsAtBlankLinesAndKeepsHashLines() {
        let corpus = PoemCorpus(text: "# not metadata\nsecond line  \r\n\n\n\nanother poem\n")
        XCTAssertEqual(corpus.poems, ["# not metadata\nsecond line", "another poem"])
        let (training, validation) = PoemCorpus(poems: (0 ..< 40).map(String.init)).holdingOut(fraction: 0.05)
        XCTAssertEqual(validation.poems, ["19", "39"])
        XCTAssertEqual(training.poems.count, 38)
    }

    func testTextAbove100MBIsRefusedUnread() throws {
        // A sparse file: it claims two gigabytes, takes no disk space, and is never read.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-huge-\(UUID().uuidString).txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 2_000_000_000)
        try handle.close()
        XCTAssertThrowsError(try PoemCorpus.read([url])) { error in
            XCTAssertEqual(error as? PoemError, .textTooLarge(url.path, byteCount: 2_000_000_000))
            XCTAssertEqual("\(error)", "\(url.path) is 2000 MB, more than the 100 MB of poem text belamy reads at once; train on a part of it")
        }
    }

    func testReadingsTableTakesTheCustomaryReadingAndSkipsTheNeutralTone() throws {
        let table = try ChineseReadings.parse(tsv: """
            # character\tpinyin\trhyme\ttone
            看\tkan4,kan1\t八寒,八寒\t仄,平
            们\tmen5,men2\t九文,九文\t轻,平
            """, source: "test")
        XCTAssertEqual(table.reading(of: "看"), .init(rhymeGroup: "八寒", tone: .oblique))
        XCTAssertEqual(table.reading(of: "们"), .init(rhymeGroup: "九文", tone: .level))
        XCTAssertEqual(try ChineseReadings.deserialized(table.serialized()), table)
        XCTAssertThrowsError(try ChineseReadings.parse(tsv: "看\tkan4\t八寒", source: "bad.tsv")) {
            XCTAssertEqual($0 as? PoemError, .badReadingsTable("bad.tsv", line: 1))
        }
    }

    func testTonePatternsAreTheStandardOnes() {
        func text(_ pattern: TonePattern) -> String {
            pattern.lines.map { String($0.map { $0?.rawValue.first ?? "中" }) }.joined(separator: "，")
        }
        // 七言绝句, first line rhyming: 仄起 and 平起 openings, with 一三五不论 (except against 孤平 and 三平尾).
        XCTAssertEqual(TonePattern.standardPatterns(for: .sevenCharacterQuatrain, firstLineRhymes: true).map(text), [
            "中平中仄仄平平，中仄平平中仄平，中仄中平中仄仄，中平中仄仄平平",
            "中仄平平中仄平，中平中仄仄平平，中平中仄中平仄，中仄平平中仄平",
        ])
        // 五言律诗, first line not rhyming: the quatrain's couplets twice.
        XCTAssertEqual(TonePattern.standardPatterns(for: .fiveCharacterRegulatedVerse, firstLineRhymes: false)[0].lines.count, 8)
        XCTAssertEqual(text(TonePattern.standardPatterns(for: .fiveCharacterQuatrain, firstLineRhymes: false)[0]),
                       "中仄中平仄，平平中仄平，中平中仄仄，中仄仄平平")
    }
}
