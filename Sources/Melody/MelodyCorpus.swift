import Foundation
import Media

/// One tune of a melody corpus: where it came from, its title, and its event encoding.
public struct MelodyRecord: Hashable, Sendable {
    /// The collection, file and tune number, such as "oneills1850/0001-0050.abc X:5".
    public var source: String
    public var title: String
    public var melody: EncodedMelody

    /// A record of `melody` from `source`.
    public init(source: String, title: String, melody: EncodedMelody) {
        self.source = source
        self.title = title
        self.melody = melody
    }
}

/// The melody corpus files (`Corpora/melodies/*.tsv`): one tune per line, tab-separated,
///
/// ```
/// source  title  key  meter  tonic  events
/// oneills1850/0001-0050.abc X:5	The Humours of Glynn	G	6/8	G4	5, 1/8 | 1 1/4 …
/// ```
///
/// `key` as ABC writes it ("G", "Ador", "F#m"), `meter` "6/8" or "none", `tonic` the pitch of scale
/// step 1 in octave 0 ("G4"), `events` the tune's event tokens separated by spaces (see
/// `EncodedMelody`). A first line starting with "#" names the columns.
public enum MelodyCorpus {
    /// The column header written as the first line.
    public static let header = "# source\ttitle\tkey\tmeter\ttonic\tevents"

    /// The file's text for `records`.
    public static func text(of records: [MelodyRecord]) -> String {
        var text = header + "\n"
        for record in records {
            let melody = record.melody
            let fields = [clean(record.source), clean(record.title), melody.key.abcName, melody.meter?.description ?? "none",
                          PitchName.name(of: melody.tonicPitch), melody.events.map(\.description).joined(separator: " ")]
            text += fields.joined(separator: "\t") + "\n"
        }
        return text
    }

    /// Reads the tunes of the corpus file at `url`.
    public static func read(from url: URL) throws -> [MelodyRecord] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw MelodyError.malformedCorpus(url.path, line: 0, "cannot read the file")
        }
        return try records(in: text, path: url.path)
    }

    /// The tunes in corpus `text`; `path` names it in errors.
    public static func records(in text: String, path: String) throws -> [MelodyRecord] {
        var records: [MelodyRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || (index == 0 && line.hasPrefix("#")) { continue }
            func failure(_ reason: String) -> MelodyError { .malformedCorpus(path, line: index + 1, reason) }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6 else { throw failure("expected 6 tab-separated fields, found \(fields.count)") }
            guard let key = KeyName.key(fields[2]) else { throw failure("unknown key '\(fields[2])'") }
            var meter: Meter?
            if fields[3] != "none" {
                let parts = fields[3].split(separator: "/").compactMap { Int($0) }
                guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { throw failure("unknown meter '\(fields[3])'") }
                meter = Meter(beats: parts[0], beatUnit: parts[1])
            }
            guard let tonic = PitchName.pitch(named: fields[4]) else { throw failure("unknown tonic pitch '\(fields[4])'") }
            var events: [MelodyToken] = []
            for name in fields[5].split(separator: " ") {
                guard let token = MelodyToken(String(name)) else { throw failure("unknown event '\(name)'") }
                events.append(token)
            }
            records.append(MelodyRecord(source: fields[0], title: fields[1],
                                        melody: EncodedMelody(key: key, meter: meter, tonicPitch: tonic, events: events)))
        }
        return records
    }

    /// Tabs and line breaks would break the format; titles never need them.
    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }
}
