import Foundation

/// Poems read from text: Belamy's record format (Corpora/SOURCES.md: a `#` metadata line, the
/// poem's lines, a `%` line) or plain UTF-8 text, where blank lines separate poems.
///
/// The model reads poems as one stream of characters, each poem's lines ended by a newline and
/// the poem by one more (an empty line), so "a new poem starts here" is the context `\n\n`.
public struct PoemCorpus {
    /// Each poem's lines joined by newlines.
    public let poems: [String]

    /// A corpus of the given poems.
    public init(poems: [String]) { self.poems = poems }

    /// Splits `text` into poems.
    public init(text: String) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let isRecordFormat = lines.contains("%")
        var poems: [String] = [], current: [String] = []
        func finishPoem() {
            if !current.isEmpty { poems.append(current.joined(separator: "\n")) }
            current = []
        }
        for line in lines {
            if isRecordFormat && line.hasPrefix("#") { continue }
            if line.isEmpty || (isRecordFormat && line == "%") { finishPoem() } else { current.append(line) }
        }
        finishPoem()
        self.poems = poems
    }

    /// Largest text file read: training holds about eight bytes per character in memory, so
    /// 100 MB of text is already more than a gigabyte.
    public static let maximumFileByteCount = 100_000_000

    /// Reads and splits the files at `urls`, in order.
    public static func read(_ urls: [URL]) throws -> PoemCorpus {
        var poems: [String] = []
        for url in urls {
            // Refused before reading, so that a wrong path (a disk image, a video) cannot exhaust memory.
            if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
               size.int64Value > Int64(maximumFileByteCount) {
                throw PoemError.textTooLarge(url.path, byteCount: size.int64Value)
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { throw PoemError.unreadableText(url.path) }
            guard let text = String(data: data, encoding: .utf8) else { throw PoemError.notUTF8(url.path) }
            poems += PoemCorpus(text: text).poems
        }
        return PoemCorpus(poems: poems)
    }

    /// The poems as the model reads them: each line ended by a newline, each poem by an empty line.
    public var stream: String { poems.map { $0 + Self.poemEnd }.joined() }

    /// What follows a poem's last character: its line's newline and the empty line after it.
    public static let poemEnd = "\n\n"

    /// Splits off roughly `fraction` of the poems (every n-th one) for validation, for user text
    /// that comes without a validation split.
    public func holdingOut(fraction: Double) -> (training: PoemCorpus, validation: PoemCorpus) {
        let every = max(2, Int((1 / fraction).rounded()))
        var training: [String] = [], validation: [String] = []
        for (index, poem) in poems.enumerated() {
            if index % every == every - 1 { validation.append(poem) } else { training.append(poem) }
        }
        return (PoemCorpus(poems: training), PoemCorpus(poems: validation))
    }
}
