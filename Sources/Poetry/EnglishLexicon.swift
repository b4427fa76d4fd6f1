/// The English words a model may spell: those its training text uses at least three times. A small
/// character model misspells often; writing only letters that continue some known word (and ending
/// a word only where it is complete) keeps every word real while the model still picks which.
///
/// Words are lowercased runs of letters and apostrophes (`o'er`, `dancin'`); an apostrophe that
/// begins a run is a quotation mark, not part of the word.
public struct EnglishLexicon: Equatable {
    private let words: Set<String>
    private let prefixes: Set<String>

    /// A lexicon of exactly `words` (lowercased).
    public init<S: Sequence>(words: S) where S.Element == String {
        self.words = Set(words.map { $0.lowercased() }.filter { !$0.isEmpty })
        var prefixes: Set<String> = [""]
        for word in self.words {
            var prefix = ""
            for character in word {
                prefix.append(character)
                prefixes.insert(prefix)
            }
        }
        self.prefixes = prefixes
    }

    /// The words of `text` seen at least `minimumCount` times (rarer ones are mostly typos and
    /// archaisms a small model would overuse).
    public init(text: String, minimumCount: Int = 3) {
        var counts: [String: Int] = [:]
        var word = ""
        for character in text {
            if Self.isWordCharacter(character, inWord: !word.isEmpty) {
                word.append(contentsOf: character.lowercased())
            } else if !word.isEmpty {
                counts[word, default: 0] += 1
                word = ""
            }
        }
        if !word.isEmpty { counts[word, default: 0] += 1 }
        self.init(words: counts.filter { $0.value >= minimumCount }.keys)
    }

    /// Whether the lexicon holds no words (then nothing is constrained).
    public var isEmpty: Bool { words.isEmpty }
    /// Number of words.
    public var count: Int { words.count }

    /// Whether `word` (lowercased) is a complete word.
    public func contains(_ word: String) -> Bool { words.contains(word) }

    /// Whether some word begins with `prefix` (lowercased); the empty prefix always does.
    public func hasWord(startingWith prefix: String) -> Bool { prefixes.contains(prefix) }

    /// Whether `character` continues a word: a letter, or an apostrophe inside a word.
    public static func isWordCharacter(_ character: Character, inWord: Bool) -> Bool {
        character.isLetter || (inWord && character == "'")
    }

    /// The words, one per line in sorted order (how a model file stores them).
    public func serialized() -> String { words.sorted().joined(separator: "\n") }

    /// Reads what `serialized()` wrote.
    public static func deserialized(_ text: String) -> EnglishLexicon {
        EnglishLexicon(words: text.split(separator: "\n").map(String.init))
    }
}
