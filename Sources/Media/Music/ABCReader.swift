import Foundation

/// Reads ABC notation (abcnotation.com, standard 2.1 plus the habits of real collections) into
/// monophonic tunes. A file may hold many tunes, each starting at an `X:` line and ending at a
/// blank line; a tune that cannot be read is skipped with a warning, never a crash.
public enum ABCReader {
    /// Largest ABC file read; the largest collections are a few megabytes.
    public static let maximumFileByteCount = 50_000_000

    /// Reads every tune in the ABC file at `url`.
    public static func read(contentsOf url: URL) throws -> ABCTunebook {
        if let reason = FileSizeLimit.reasonToRefuse(url, maximumByteCount: maximumFileByteCount) {
            throw ABCError.cannotRead(url.path, reason: reason)
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ABCError.cannotRead(url.path, reason: (error as NSError).localizedFailureReason ?? "unreadable")
        }
        return try read(data, source: url.lastPathComponent)
    }

    /// Reads every tune in `data`, UTF-8 ABC text; `source` names it in warnings and errors.
    public static func read(_ data: Data, source: String) throws -> ABCTunebook {
        if data.isEmpty { throw ABCError.empty(source) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ABCError.notUTF8(source, byteOffset: firstInvalidUTF8Offset(data))
        }
        return try read(text: text, source: source)
    }

    /// Reads every tune in `text`; `source` names it in warnings and errors.
    public static func read(text: String, source: String) throws -> ABCTunebook {
        try read(text: text, source: source, expandingRepeats: true)
    }

    static func read(text: String, source: String, expandingRepeats: Bool) throws -> ABCTunebook {
        if text.allSatisfy(\.isWhitespace) { throw ABCError.empty(source) }
        var tunes: [Tune] = []
        var warnings: [ABCWarning] = []
        for block in tuneBlocks(text) {
            do {
                tunes.append(try ABCTuneParser.parse(block, source: source, expandingRepeats: expandingRepeats))
            } catch let error as ABCTuneError {
                warnings.append(ABCWarning(source: source, line: error.line, number: number(of: block),
                                           title: title(of: block), message: error.message))
            }
        }
        if tunes.isEmpty {
            throw ABCError.noTunes(source, skipped: warnings.count, firstProblem: warnings.first?.description)
        }
        return ABCTunebook(tunes: tunes, warnings: warnings)
    }

    /// The lines of each tune: from an `X:` line up to a blank line or the next `X:`.
    /// Text outside tunes (a file header, free notes) is not music and is passed over.
    static func tuneBlocks(_ text: String) -> [[(number: Int, text: Substring)]] {
        var blocks: [[(number: Int, text: Substring)]] = []
        var current: [(number: Int, text: Substring)]?
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.hasPrefix("X:") {
                if let current { blocks.append(current) }
                current = [(lineNumber, line)]
            } else if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if let current { blocks.append(current) }
                current = nil
            } else {
                current?.append((lineNumber, line))
            }
        }
        if let current { blocks.append(current) }
        return blocks
    }

    private static func number(of block: [(number: Int, text: Substring)]) -> Int? {
        block.first.flatMap { Int($0.text.dropFirst(2).trimmingCharacters(in: .whitespaces).prefix(while: { $0.isNumber })) }
    }

    private static func title(of block: [(number: Int, text: Substring)]) -> String {
        block.first { $0.text.hasPrefix("T:") }.map { $0.text.dropFirst(2).trimmingCharacters(in: .whitespaces) } ?? ""
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var low = 0, high = bytes.count
        // The longest valid prefix, found by bisection (a prefix cut inside a character also fails, so step back up to 3 bytes).
        while low < high {
            let middle = (low + high + 1) / 2
            if String(validating: bytes[..<middle], as: UTF8.self) != nil { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
