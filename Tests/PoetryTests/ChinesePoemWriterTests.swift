import NeuralCore
import XCTest
@testable import Poetry

/// The Chinese writer's promises, checked on an untrained model over many seeds: form, punctuation,
/// keywords, acrostic, rhyme and tones hold because decoding enforces them, not because the model
/// has learned them.
final class ChinesePoemWriterTests: XCTestCase {
    private let writer = PoemWriter(model: TinyPoemModels.chinese())
    private let readings = TinyPoemModels.chineseReadings

    /// The poem's lines (句) without punctuation, after checking the couplet layout: each printed
    /// line is `line，line。`.
    private func verses(of poem: Poem, form: ChineseForm, file: StaticString = #filePath, line: UInt = #line) -> [[Character]] {
        XCTAssertEqual(poem.lines.count, form.lineCount / 2, "one printed line per couplet", file: file, line: line)
        var verses: [[Character]] = []
        for couplet in poem.lines {
            let characters = Array(couplet)
            XCTAssertEqual(characters.count, 2 * form.lineLength + 2, "\(couplet)", file: file, line: line)
            guard characters.count == 2 * form.lineLength + 2 else { continue }
            XCTAssertEqual(characters[form.lineLength], "，", "\(couplet)", file: file, line: line)
            XCTAssertEqual(characters.last, "。", "\(couplet)", file: file, line: line)
            let first = Array(characters[0 ..< form.lineLength])
            let second = Array(characters[form.lineLength + 1 ..< 2 * form.lineLength + 1])
            for verse in [first, second] {
                XCTAssertTrue(verse.allSatisfy(ChineseScript.isIdeograph), "\(couplet)", file: file, line: line)
                verses.append(verse)
            }
        }
        return verses
    }

    private func assertRhymes(_ verses: [[Character]], firstLineRhymes: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let rhymeIndices = verses.indices.filter { $0 % 2 == 1 || ($0 == 0 && firstLineRhymes) }
        let finals = rhymeIndices.map { verses[$0].last! }
        let groups = Set(finals.map { readings.reading(of: $0)?.rhymeGroup ?? "none" })
        XCTAssertEqual(groups.count, 1, "rhyming line ends \(String(finals)) fall in groups \(groups)", file: file, line: line)
        XCTAssertFalse(groups.contains("none"), file: file, line: line)
        XCTAssertEqual(Set(finals).count, finals.count, "no rhyme character repeats: \(String(finals))", file: file, line: line)
    }

    func testEveryFormHasExactLinesPunctuationAndRhymeForRandomSeeds() throws {
        for form in ChineseForm.allCases {
            for seed in UInt64(0) ..< 6 {
                let poem = try writer.write(PoemRequest(keywords: ["春"], form: form, candidateCount: 2), seed: seed)
                let verses = verses(of: poem, form: form)
                XCTAssertEqual(verses.count, form.lineCount)
                assertRhymes(verses, firstLineRhymes: form.firstLineRhymesByCustom)
                XCTAssertEqual(poem.formName, form.chineseName)
            }
        }
    }

    func testTheDefaultFormIsASevenCharacterQuatrain() throws {
        let poem = try writer.write(PoemRequest(keywords: ["月"]), seed: 7)
        XCTAssertEqual(poem.formName, "七言绝句")
        XCTAssertEqual(verses(of: poem, form: .sevenCharacterQuatrain).count, 4)
    }

    func testEveryKeywordAppearsWithItsCharactersTogether() throws {
        var generator = RandomGenerator(seed: 11)
        for seed in UInt64(0) ..< 12 {
            // Random keywords of one to three characters, four to seven characters in all.
            let characters = TinyPoemModels.chineseCharacters.shuffled(using: &generator)
            var keywords: [String] = [], used = 0
            while used < 4 + seed % 4 {
                let length = 1 + Int(generator.next() % 3)
                keywords.append(String(characters[used ..< used + length]))
                used += length
            }
            let form = ChineseForm.allCases[Int(seed) % 4]
            let poem = try writer.write(PoemRequest(keywords: keywords, form: form, firstLineRhymes: seed % 2 == 0,
                                                    candidateCount: 3), seed: seed)
            let verses = verses(of: poem, form: form).map { String($0) }
            for keyword in keywords {
                XCTAssertTrue(verses.contains { $0.contains(keyword) }, "'\(keyword)' missing from \(poem.text)")
            }
            assertRhymes(verses.map(Array.init), firstLineRhymes: seed % 2 == 0)
        }
    }

    func testAcrosticLinesBeginWithTheKeywordCharactersInOrder() throws {
        for seed in UInt64(0) ..< 8 {
            let poem = try writer.write(PoemRequest(keywords: ["春风", "秋月"], acrostic: true, candidateCount: 2), seed: seed)
            let verses = verses(of: poem, form: .sevenCharacterQuatrain)
            XCTAssertEqual(String(verses.map { $0[0] }), "春风秋月", poem.text)
        }
        // More than four characters: eight lines, and a short acrostic leaves the later lines free.
        let long = try writer.write(PoemRequest(keywords: ["春风明月花山"], acrostic: true), seed: 1)
        XCTAssertEqual(long.formName, "七言律诗")
        XCTAssertEqual(String(verses(of: long, form: .sevenCharacterRegulatedVerse).prefix(6).map { $0[0] }), "春风明月花山")
    }

    func testStrictTonesFollowAStandardPatternOfTheForm() throws {
        for form in ChineseForm.allCases {
            for seed in UInt64(0) ..< 4 {
                let poem = try writer.write(PoemRequest(keywords: ["江", "孤城"], form: form, strictTones: true, candidateCount: 2),
                                            seed: seed)
                let verses = verses(of: poem, form: form)
                let patterns = TonePattern.standardPatterns(for: form, firstLineRhymes: form.firstLineRhymesByCustom)
                let matches = patterns.contains { pattern in
                    zip(pattern.lines, verses).allSatisfy { tones, verse in
                        zip(tones, verse).allSatisfy { tone, character in tone == nil || readings.reading(of: character)?.tone == tone }
                    }
                }
                XCTAssertTrue(matches, "\(poem.text) follows no 平仄 pattern of \(form.chineseName)")
                assertRhymes(verses, firstLineRhymes: form.firstLineRhymesByCustom)
            }
        }
    }

    func testTheSameSeedWritesTheSamePoemAndAnotherSeedAnother() throws {
        let request = PoemRequest(keywords: ["明月", "江"])
        let first = try writer.write(request, seed: 42)
        XCTAssertEqual(try PoemWriter(model: TinyPoemModels.chinese()).write(request, seed: 42), first)
        XCTAssertNotEqual(try writer.write(request, seed: 43).text, first.text)
    }

    func testRequestsThatCannotBeMetAreRefusedWithAReason() {
        func reason(_ request: PoemRequest) -> PoemError? {
            do { _ = try writer.write(request, seed: 1); return nil } catch { return error as? PoemError }
        }
        XCTAssertEqual(reason(PoemRequest(keywords: [])), .noKeywords)
        XCTAssertEqual(reason(PoemRequest(keywords: ["  "])), .noKeywords)
        XCTAssertEqual(reason(PoemRequest(keywords: ["春鑫"])), .unknownCharacter("鑫", keyword: "春鑫"))
        XCTAssertEqual(reason(PoemRequest(keywords: ["spring"])), .notChinese("s", keyword: "spring"))
        XCTAssertEqual(reason(PoemRequest(keywords: ["春风明月花山水云天"], acrostic: true)),
                       .acrosticTooLong(9, form: "七言律诗", lines: 8, remedy: "use at most eight characters"))
        XCTAssertEqual(reason(PoemRequest(keywords: ["春风明月花山"], form: .fiveCharacterQuatrain)),
                       .keywordTooLong("春风明月花山", form: "五言绝句", lineLength: 5))
    }
}
