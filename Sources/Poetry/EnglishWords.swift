/// Words as the English writer counts them: runs of non-space text with leading and trailing
/// punctuation removed, compared without case ("Rose," is the word "rose").
public enum EnglishWords {
    /// The lowercased words of `text`, in order.
    public static func words(in text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).compactMap { piece in
            let trimmed = piece.drop { !$0.isLetter && !$0.isNumber }.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed()
            return trimmed.isEmpty ? nil : String(trimmed).lowercased()
        }
    }
}
