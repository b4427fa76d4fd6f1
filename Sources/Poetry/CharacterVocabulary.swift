import Foundation

/// The characters a model knows, each with a token id. Characters are Swift `Character`s (extended
/// grapheme clusters), not bytes: a Chinese character, an accented letter or a family emoji built
/// from several code points is one token, so text splits and joins back unchanged.
///
/// Token 0 is the unknown character (`�`), which stands for every character the training text had
/// too rarely to learn; the writer never produces it.
public struct CharacterVocabulary: Equatable {
    /// The characters by token id; `characters[0]` is `unknown`.
    public let characters: [Character]
    private let tokens: [Character: Int]

    /// What a character outside the vocabulary encodes to.
    public static let unknown: Character = "\u{FFFD}"
    /// The token of `unknown`.
    public static let unknownToken = 0

    /// A vocabulary over exactly `characters` (after the unknown character, which must not be among them).
    public init(characters: [Character]) {
        precondition(!characters.contains(Self.unknown), "the unknown character is added by the vocabulary itself")
        precondition(Set(characters).count == characters.count, "a vocabulary lists each character once")
        self.characters = [Self.unknown] + characters
        var tokens: [Character: Int] = [:]
        for (token, character) in self.characters.enumerated() { tokens[character] = token }
        self.tokens = tokens
    }

    /// The characters of `text` seen at least `minimumCount` times, most frequent first (ties in
    /// code point order, so the same text always gives the same ids).
    public init(text: String, minimumCount: Int = 1) {
        var counts: [Character: Int] = [:]
        for character in text where character != Self.unknown { counts[character, default: 0] += 1 }
        let kept = counts.filter { $0.value >= minimumCount }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars)
        }
        self.init(characters: kept.map(\.key))
    }

    /// Number of tokens, the unknown one included.
    public var count: Int { characters.count }

    /// The token of `character`, or nil if the model does not know it.
    public func token(for character: Character) -> Int? { tokens[character] }

    /// The tokens of `text`, with unknown characters as `unknownToken` (for training text).
    public func encode(_ text: String) -> [Int] { text.map { tokens[$0] ?? Self.unknownToken } }

    /// The tokens of a keyword, which must consist of known characters.
    public func encodeKeyword(_ keyword: String) throws -> [Int] {
        try keyword.map { character in
            guard let token = tokens[character] else { throw PoemError.unknownCharacter(character, keyword: keyword) }
            return token
        }
    }

    /// The text of `tokens`.
    public func decode<S: Sequence>(_ tokens: S) -> String where S.Element == Int {
        String(tokens.map { characters[$0] })
    }

    /// The characters after the unknown one, as a JSON array of strings (how a model file stores them).
    public func json() -> String {
        String(decoding: try! JSONEncoder().encode(characters.dropFirst().map(String.init)), as: UTF8.self)
    }

    /// Reads what `json()` wrote.
    public static func from(json: String) throws -> CharacterVocabulary {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(json.utf8)),
              strings.allSatisfy({ $0.count == 1 }) else {
            throw PoemError.damagedModel("its vocabulary is not a JSON list of single characters")
        }
        let characters = strings.map { $0.first! }
        guard Set(characters).count == characters.count, !characters.contains(unknown) else {
            throw PoemError.damagedModel("its vocabulary lists a character twice")
        }
        return CharacterVocabulary(characters: characters)
    }

    public static func == (a: CharacterVocabulary, b: CharacterVocabulary) -> Bool { a.characters == b.characters }
}
