import XCTest
@testable import Poetry

final class CharacterVocabularyTests: XCTestCase {
    func testChineseAndEmojiRoundTripAsWholeCharacters() throws {
        let text = "床前明月光，🌙👨‍👩‍👧 café\n"
        let vocabulary = CharacterVocabulary(text: text)
        let tokens = vocabulary.encode(text)
        XCTAssertEqual(tokens.count, text.count, "one token per character, not per byte or code point")
        XCTAssertEqual(vocabulary.decode(tokens), text)
        XCTAssertNotNil(vocabulary.token(for: "👨‍👩‍👧"), "a family emoji of five code points is one character")

        let restored = try CharacterVocabulary.from(json: vocabulary.json())
        XCTAssertEqual(restored, vocabulary)
        XCTAssertEqual(restored.encode(text), tokens)
    }

    func testRareCharactersBecomeTheUnknownCharacter() {
        let vocabulary = CharacterVocabulary(text: "aab", minimumCount: 2)
        XCTAssertEqual(vocabulary.characters, [CharacterVocabulary.unknown, "a"])
        XCTAssertEqual(vocabulary.encode("abz"), [1, 0, 0])
    }

    func testAKeywordWithAnUnknownCharacterIsRefusedByName() {
        let vocabulary = CharacterVocabulary(text: "春风明月")
        XCTAssertThrowsError(try vocabulary.encodeKeyword("春鑫")) { error in
            XCTAssertEqual(error as? PoemError, .unknownCharacter("鑫", keyword: "春鑫"))
            XCTAssertTrue("\(error)".contains("'鑫'"))
            XCTAssertTrue("\(error)".contains("train"))
        }
    }
}
