/// PNG text metadata chunks: tEXt (Latin-1) and iTXt (UTF-8), keyed by a Latin-1 keyword.
enum PNGText {
    /// A tEXt chunk when the text is Latin-1, else an uncompressed iTXt chunk.
    static func encode(key: String, text: String) throws -> PNGChunk {
        let keyword = try latin1(key, key: key)
        guard (1...79).contains(keyword.count) else {
            throw ImageError.invalidMetadata(key: key, reason: "keys must be 1 to 79 characters")
        }
        // PNG keywords: printable Latin-1, no leading, trailing or doubled spaces.
        guard keyword.allSatisfy({ (32...126).contains($0) || (161...255).contains($0) }),
              keyword.first != 32, keyword.last != 32,
              !zip(keyword, keyword.dropFirst()).contains(where: { $0 == 32 && $1 == 32 }) else {
            throw ImageError.invalidMetadata(key: key, reason: "keys must be printable, without leading, trailing or double spaces")
        }
        guard !text.unicodeScalars.contains("\0") else {
            throw ImageError.invalidMetadata(key: key, reason: "text must not contain NUL characters")
        }
        if let latin1Text = try? latin1(text, key: key) {
            return PNGChunk(type: "tEXt", data: keyword + [0] + latin1Text)
        }
        // Compression flag 0, method 0, empty language tag, empty translated keyword.
        return PNGChunk(type: "iTXt", data: keyword + [0, 0, 0, 0, 0] + Array(text.utf8))
    }

    /// The key and text of a tEXt or uncompressed iTXt chunk; nil for any other chunk.
    static func decode(_ chunk: PNGChunk) -> (key: String, text: String)? {
        guard chunk.type == "tEXt" || chunk.type == "iTXt",
              let separator = chunk.data.firstIndex(of: 0) else { return nil }
        let key = fromLatin1(chunk.data[..<separator])
        let rest = chunk.data[(separator + 1)...]
        if chunk.type == "tEXt" {
            return (key, fromLatin1(rest))
        }
        // iTXt: compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text.
        guard rest.count >= 2, rest[rest.startIndex] == 0 else { return nil }
        let afterFlags = rest.dropFirst(2)
        guard let languageEnd = afterFlags.firstIndex(of: 0),
              let translatedEnd = afterFlags[(languageEnd + 1)...].firstIndex(of: 0) else { return nil }
        return (key, String(decoding: afterFlags[(translatedEnd + 1)...], as: UTF8.self))
    }

    private static func fromLatin1(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    private static func latin1(_ string: String, key: String) throws -> [UInt8] {
        try string.unicodeScalars.map { scalar in
            guard scalar.value <= 255 else {
                throw ImageError.invalidMetadata(key: key, reason: "keys must be Latin-1")
            }
            return UInt8(scalar.value)
        }
    }
}
