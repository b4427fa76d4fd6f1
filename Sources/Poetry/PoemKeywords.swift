/// Turns what a person typed into keywords the writer can use, or an error that says what to change.
enum PoemKeywords {
    /// Words split at white space; an error if there are none.
    static func words(_ keywords: [String]) throws -> [String] {
        let words = keywords.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        guard !words.isEmpty else { throw PoemError.noKeywords }
        return words
    }

    /// Chinese keywords as tokens: Chinese characters only, each one known to the model.
    static func chinese(_ keywords: [String], vocabulary: CharacterVocabulary) throws -> [[Int]] {
        try words(keywords).map { word in
            if let foreign = word.first(where: { !ChineseScript.isIdeograph($0) }) {
                throw PoemError.notChinese(foreign, keyword: word)
            }
            return try vocabulary.encodeKeyword(word)
        }
    }

    /// English keywords: words with at least one letter, each character known to the model.
    static func english(_ keywords: [String], vocabulary: CharacterVocabulary) throws -> [String] {
        try words(keywords).map { word in
            guard word.contains(where: \.isLetter) else { throw PoemError.noLetters(word) }
            _ = try vocabulary.encodeKeyword(word)
            return word
        }
    }
}
