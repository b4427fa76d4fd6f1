/// Words as the English writer counts them: runs of letters, digits and apostrophes, without
/// apostrophes at either end, compared without case ("Rose," and "'rose'" are the word "rose";
/// "sea-light" is two words).
public enum EnglishWords {
    /// The lowercased words of `text`, in order.
    public static func words(in text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'") }.compactMap { piece in
            let trimmed = piece.drop { $0 == "'" }.reversed().drop { $0 == "'" }.reversed()
            return trimmed.isEmpty ? nil : String(trimmed).lowercased()
        }
    }
}
