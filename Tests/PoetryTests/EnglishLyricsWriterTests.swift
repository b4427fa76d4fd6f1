import XCTest
@testable import Poetry

/// The English writer's promises on an untrained model: the number of lines, the acrostic letters,
/// and every keyword as a word of the poem.
final class EnglishLyricsWriterTests: XCTestCase {
    private let writer = PoemWriter(model: TinyPoemModels.english())

    func testAcrosticSpellsTheKeywordLettersDownTheLines() throws {
        for seed in UInt64(0) ..< 6 {
            let poem = try writer.write(PoemRequest(keywords: ["rose", "sky"], acrostic: true, candidateCount: 2), seed: seed)
            XCTAssertEqual(poem.lines.count, 7)
            XCTAssertEqual(String(poem.lines.map { $0.first! }), "ROSESKY", poem.text)
            XCTAssertTrue(poem.lines.allSatisfy { !$0.isEmpty && !$0.contains("\n") })
        }
    }

    func testEveryKeywordAppearsAsAWordInExactlyTheLinesAskedFor() throws {
        let keywords = ["river", "night", "a", "Moon", "far"]
        for seed in UInt64(0) ..< 8 {
            let lineCount = 2 + Int(seed % 5)
            let chosen = Array(keywords.prefix(1 + Int(seed) % keywords.count))
            let poem = try writer.write(PoemRequest(keywords: chosen, lineCount: lineCount, candidateCount: 3), seed: seed)
            XCTAssertEqual(poem.lines.count, lineCount, poem.text)
            let words = Set(EnglishWords.words(in: poem.text))
            for keyword in chosen {
                XCTAssertTrue(words.contains(keyword.lowercased()), "'\(keyword)' missing from:\n\(poem.text)")
            }
            for line in poem.lines {
                XCTAssertGreaterThanOrEqual(line.count, EnglishLyricsWriter.minimumLineLength - 1, line)
                XCTAssertTrue(line.first!.isLetter && line.first!.isUppercase, line)
            }
        }
    }

    func testTheSameSeedWritesTheSamePoem() throws {
        let request = PoemRequest(keywords: ["rain"])
        XCTAssertEqual(try writer.write(request, seed: 5), try writer.write(request, seed: 5))
        XCTAssertNotEqual(try writer.write(request, seed: 5).text, try writer.write(request, seed: 6).text)
    }

    func testUnusableKeywordsAreRefusedWithAReason() {
        func reason(_ request: PoemRequest) -> PoemError? {
            do { _ = try writer.write(request, seed: 1); return nil } catch { return error as? PoemError }
        }
        XCTAssertEqual(reason(PoemRequest(keywords: [])), .noKeywords)
        XCTAssertEqual(reason(PoemRequest(keywords: ["café"])), .unknownCharacter("é", keyword: "café"))
        XCTAssertEqual(reason(PoemRequest(keywords: ["..."])), .noLetters("..."))
        XCTAssertEqual(reason(PoemRequest(keywords: ["rose"], acrostic: true, lineCount: 3)),
                       .acrosticTooLong(4, form: "3-line poem", lines: 3, remedy: "use --form 4 or fewer letters"))
    }
}
