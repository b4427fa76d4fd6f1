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

    func testWithALexiconEveryWordIsAKnownWordOrAKeyword() throws {
        let lexicon = TinyPoemModels.englishLexicon
        let writer = PoemWriter(model: TinyPoemModels.english(lexicon: lexicon))
        for seed in UInt64(0) ..< 8 {
            let keywords = seed % 2 == 0 ? ["ember", "rose"] : ["kite"]
            let poem = try writer.write(PoemRequest(keywords: keywords, lineCount: 4, candidateCount: 2), seed: seed)
            XCTAssertEqual(poem.lines.count, 4)
            for word in EnglishWords.words(in: poem.text) {
                XCTAssertTrue(lexicon.contains(word) || keywords.contains(word), "'\(word)' in:\n\(poem.text)")
            }
            // An acrostic letter that begins no known word (e, k) still begins its line.
            let acrostic = try writer.write(PoemRequest(keywords: ["ekos"], acrostic: true, candidateCount: 2), seed: seed)
            XCTAssertEqual(String(acrostic.lines.map { $0.first! }), "EKOS")
        }
        XCTAssertEqual(EnglishLexicon(text: "O'er the sea, the 'sea' and THE sea-light o'er it", minimumCount: 2),
                       EnglishLexicon(words: ["o'er", "the", "sea"]))
        XCTAssertEqual(EnglishLexicon.deserialized(lexicon.serialized()), lexicon)
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
