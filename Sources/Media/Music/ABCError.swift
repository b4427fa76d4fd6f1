/// Why an ABC file could not be read at all.
public enum ABCError: Error, CustomStringConvertible, Equatable {
    case cannotRead(String, reason: String)
    case empty(String)
    case notUTF8(String, byteOffset: Int)
    case noTunes(String, skipped: Int, firstProblem: String?)

    public var description: String {
        switch self {
        case .cannotRead(let source, let reason): return "cannot read ABC file \(source): \(reason)"
        case .empty(let source): return "ABC file \(source) is empty"
        case .notUTF8(let source, let offset): return "ABC file \(source) is not UTF-8 text (bad byte at offset \(offset))"
        case .noTunes(let source, let skipped, let problem):
            if skipped == 0 { return "ABC file \(source) holds no tune (no X: field)" }
            return "ABC file \(source) holds no readable tune (\(skipped) skipped; first: \(problem ?? "?"))"
        }
    }
}

/// A tune the ABC reader skipped, and why.
public struct ABCWarning: Hashable, Sendable, CustomStringConvertible {
    /// The file or text the tune came from.
    public var source: String
    /// The line, counted from 1, where the problem was found.
    public var line: Int
    /// The tune's `X:` number, if it had one.
    public var number: Int?
    /// The tune's title, if it had one.
    public var title: String
    /// What was wrong, in one line.
    public var message: String

    public var description: String {
        let name = [number.map { "X:\($0)" }, title.isEmpty ? nil : "\"\(title)\""].compactMap { $0 }.joined(separator: " ")
        return "\(source):\(line): skipped tune \(name): \(message)"
    }
}

/// A problem inside one tune: the tune is skipped, the rest of the file is still read.
struct ABCTuneError: Error {
    var line: Int
    var message: String
}
