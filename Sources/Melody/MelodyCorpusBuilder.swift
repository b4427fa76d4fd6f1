import AtomicWrite
import Foundation
import Media

/// Builds `Corpora/melodies/` from the ABC collections in music21's corpus folder: reads every
/// tune with Belamy's ABC reader, infers the modes the Essen collection leaves out, encodes each
/// tune (`MelodyEncoding`), drops exact duplicates, and splits off a fixed validation set.
///
/// Writes `train.tsv` and `valid.tsv` (`MelodyCorpus` format) and `rejected.tsv`, which lists
/// every tune left out and why (source, title, reason). The output depends only on the input
/// files: running it twice writes identical bytes.
public enum MelodyCorpusBuilder {
    /// One collection of the music21 corpus: its folder and which of its files are tunes.
    struct Collection {
        let folder: String
        /// Essen's `K:` names only the final, so its modes are inferred from the notes.
        let infersModes: Bool
        let includes: (String) -> Bool
    }

    static let collections = [
        // test*.abc are music21's copies of Essen tunes for its own tests.
        Collection(folder: "essenFolksong", infersModes: true, includes: { !$0.hasPrefix("test") }),
        Collection(folder: "oneills1850", infersModes: false, includes: { _ in true }),
        Collection(folder: "ryansMammoth", infersModes: false, includes: { _ in true }),
    ]

    /// The salt of the validation split; changing it reshuffles the split.
    static let splitSalt = "belamy-melodies-validation-1\t"
    /// Percent of tunes (grouped by title) held out for validation.
    static let validationPercent: UInt64 = 5

    /// What a build found, per collection and in total.
    public struct Report: Sendable {
        public struct CollectionCount: Sendable {
            public var name: String
            /// Tunes (`X:` blocks) in its files.
            public var tunes = 0
            /// Tunes the ABC reader could read.
            public var read = 0
            /// Tunes kept in the corpus.
            public var kept = 0
        }
        public var collections: [CollectionCount] = []
        public var trainingTunes = 0
        public var validationTunes = 0
        /// Events (tokens) over all kept tunes.
        public var events = 0
        /// How many tunes were left out for each reason (line numbers and details removed).
        public var rejections: [String: Int] = [:]
        /// The tunes left out: source, title, reason.
        public var rejected: [(source: String, title: String, reason: String)] = []
    }

    /// Reads the collections under `music21Corpus` (the `music21/corpus` folder of the music21
    /// wheel) and writes the corpus files into `output`.
    public static func build(music21Corpus: URL, output: URL) throws -> Report {
        var report = Report()
        var training: [MelodyRecord] = [], validation: [MelodyRecord] = []
        var firstSource: [String: String] = [:]  // encoded tune → source of its first copy
        for collection in collections {
            var count = Report.CollectionCount(name: collection.folder)
            let folder = music21Corpus.appendingPathComponent(collection.folder)
            let files: [String]
            do { files = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
                throw MelodyError.malformedCorpus(folder.path, line: 0, "cannot list the folder (is this music21's corpus folder?)")
            }
            for file in files.filter({ $0.hasSuffix(".abc") && collection.includes($0) }).sorted() {
                let url = folder.appendingPathComponent(file)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw MelodyError.malformedCorpus(url.path, line: 0, "cannot read the file")
                }
                let text = String(decoding: data, as: UTF8.self)
                for block in tuneBlocks(text) {
                    count.tunes += 1
                    let source = "\(collection.folder)/\(file)"
                    func reject(_ title: String, _ reason: String, category: String) {
                        report.rejected.append((block.number.map { "\(source) X:\($0)" } ?? source, title, reason))
                        report.rejections[category, default: 0] += 1
                    }
                    let tune: Tune
                    do {
                        // Blank lines in front keep the reader's line numbers those of the file.
                        let padded = String(repeating: "\n", count: block.firstLine - 1) + block.text
                        guard let read = try ABCReader.read(text: padded, source: source).tunes.first else { continue }
                        tune = read
                    } catch ABCError.noTunes(_, _, let problem) {
                        let reason = problem.map { $0.replacingOccurrences(of: "\(source):", with: "line ") } ?? "unreadable"
                        reject(block.title, reason, category: "ABC reader: " + readerCategory(reason))
                        continue
                    }
                    count.read += 1
                    if block.changesMeter {
                        reject(tune.title, "the meter changes mid-tune (the bar grid would be wrong)", category: "meter changes mid-tune")
                        continue
                    }
                    var key = tune.key
                    if collection.infersModes && key.mode == .major {
                        key.mode = ModeInference.mode(of: tune.notes, tonicPitchClass: key.tonicPitchClass)
                    }
                    var keyed = tune
                    keyed.key = key
                    let melody: EncodedMelody
                    do {
                        melody = try MelodyEncoding.encode(keyed)
                    } catch let error as MelodyError {
                        let reason: String
                        if case .unencodable(let why) = error { reason = why } else { reason = error.description }
                        reject(tune.title, reason, category: "encoding: " + encodingCategory(reason))
                        continue
                    }
                    let decoded = try MelodyEncoding.decode(melody)
                    guard decoded.notes == keyed.notes && decoded.anacrusis == keyed.anacrusis else {
                        reject(tune.title, "the encoding does not give the tune back exactly", category: "encoding: no round trip")
                        continue
                    }
                    let identity = melody.conditioning.map(\.description).joined(separator: " ") + " "
                        + melody.events.map(\.description).joined(separator: " ")
                    if let original = firstSource[identity] {
                        reject(tune.title, "duplicate of \(original) (same events, meter and mode)", category: "duplicate")
                        continue
                    }
                    firstSource[identity] = tune.source
                    count.kept += 1
                    report.events += melody.events.count
                    let record = MelodyRecord(source: tune.source, title: tune.title, melody: melody)
                    if isValidation(record) { validation.append(record) } else { training.append(record) }
                }
            }
            report.collections.append(count)
        }
        report.trainingTunes = training.count
        report.validationTunes = validation.count
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try AtomicFile.write(Data(MelodyCorpus.text(of: training).utf8), to: output.appendingPathComponent("train.tsv"))
        try AtomicFile.write(Data(MelodyCorpus.text(of: validation).utf8), to: output.appendingPathComponent("valid.tsv"))
        var rejectedText = "# source\ttitle\treason\n"
        for entry in report.rejected {
            rejectedText += [entry.source, entry.title, entry.reason].map { $0.replacingOccurrences(of: "\t", with: " ") }
                .joined(separator: "\t") + "\n"
        }
        try AtomicFile.write(Data(rejectedText.utf8), to: output.appendingPathComponent("rejected.tsv"))
        return report
    }

    /// Whether `record` belongs to the validation split: FNV-1a of the salted, simplified title
    /// (the source when untitled), so versions of a tune under one title fall on the same side.
    static func isValidation(_ record: MelodyRecord) -> Bool {
        let simplified = String(record.title.lowercased().filter { $0.isLetter || $0.isNumber })
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (splitSalt + (simplified.isEmpty ? record.source : simplified)).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash % 100 < validationPercent
    }

    /// One tune's lines as the ABC reader splits a file: from an `X:` line to a blank line or the next `X:`.
    struct TuneBlock {
        var firstLine: Int
        var text: String
        var number: Int?
        var title: String
        /// Whether an `M:` field follows the `K:` line, or an inline `[M:…]` appears.
        var changesMeter: Bool
    }

    static func tuneBlocks(_ text: String) -> [TuneBlock] {
        var blocks: [TuneBlock] = []
        var current: TuneBlock?
        var inBody = false
        func close() {
            if let block = current { blocks.append(block) }
            current = nil
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.hasPrefix("X:") {
                close()
                let number = Int(line.dropFirst(2).trimmingCharacters(in: .whitespaces).prefix(while: \.isNumber))
                current = TuneBlock(firstLine: index + 1, text: "", number: number, title: "", changesMeter: false)
                inBody = false
            } else if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                close()
                continue
            }
            guard current != nil else { continue }
            current!.text += line + "\n"
            if line.hasPrefix("T:") && current!.title.isEmpty { current!.title = line.dropFirst(2).trimmingCharacters(in: .whitespaces) }
            if inBody && (line.hasPrefix("M:") || line.contains("[M:")) { current!.changesMeter = true }
            if line.hasPrefix("K:") { inBody = true }
        }
        close()
        return blocks
    }

    /// A reader's reason without the tune-specific parts, for counting.
    private static func readerCategory(_ reason: String) -> String {
        let message = reason.components(separatedBy: ": ").last ?? reason
        return message.replacingOccurrences(of: #" at column \d+"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #""[^"]*""#, with: "…", options: .regularExpression)
    }

    private static func encodingCategory(_ reason: String) -> String {
        reason.replacingOccurrences(of: #"[A-G]#?-?\d+"#, with: "…", options: .regularExpression)
            .replacingOccurrences(of: #"\d+/\d+|\d+"#, with: "…", options: .regularExpression)
    }
}
