import Foundation

/// How Chinese characters sound, as far as verse cares: each character's customary reading's
/// rhyme group (中华新韵, the modern fourteen groups) and tone class (平 level or 仄 oblique).
///
/// The source is `Corpora/poems/zh-readings.tsv`, built from Unihan's kMandarin field; a trained
/// model carries the rows for its own characters in its metadata, so writing needs no other file.
/// A character with several readings (多音字) is judged by its customary (first) one.
public struct ChineseReadings: Equatable {
    /// The tone class of a reading: level (first and second Mandarin tones) or oblique (third and fourth).
    public enum Tone: String, Equatable {
        case level = "平"
        case oblique = "仄"
    }

    /// What verse needs to know of one character.
    public struct Reading: Equatable {
        /// The 中华新韵 group's name (`八寒`).
        public let rhymeGroup: String
        /// 平 or 仄.
        public let tone: Tone

        public init(rhymeGroup: String, tone: Tone) {
            self.rhymeGroup = rhymeGroup
            self.tone = tone
        }
    }

    private var table: [Character: Reading]

    /// A table with the given readings.
    public init(_ table: [Character: Reading]) { self.table = table }

    /// The customary reading of `character`, if the table has it.
    public func reading(of character: Character) -> Reading? { table[character] }

    /// Number of characters with a reading.
    public var count: Int { table.count }

    /// Only the rows for `characters`.
    public func restricted(to characters: [Character]) -> ChineseReadings {
        let wanted = Set(characters)
        return ChineseReadings(table.filter { wanted.contains($0.key) })
    }

    /// Parses `zh-readings.tsv`: `character<TAB>pinyin,…<TAB>rhyme,…<TAB>tone,…`, readings in the
    /// same order in each column, customary first; `#` lines are comments. A neutral-tone reading
    /// (轻, as in 们) has no place in verse, so the first reading with a level or oblique tone counts.
    public static func parse(tsv: String, source: String) throws -> ChineseReadings {
        var table: [Character: Reading] = [:]
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 4, columns[0].count == 1 else { throw PoemError.badReadingsTable(source, line: number + 1) }
            let rhymes = columns[2].split(separator: ","), tones = columns[3].split(separator: ",")
            guard rhymes.count == tones.count else { throw PoemError.badReadingsTable(source, line: number + 1) }
            if let index = tones.firstIndex(where: { Tone(rawValue: String($0)) != nil }) {
                table[columns[0].first!] = Reading(rhymeGroup: String(rhymes[index]), tone: Tone(rawValue: String(tones[index]))!)
            }
        }
        return ChineseReadings(table)
    }

    /// Reads `zh-readings.tsv` from `url`.
    public static func read(from url: URL) throws -> ChineseReadings {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw PoemError.unreadableText(url.path)
        }
        return try parse(tsv: text, source: url.path)
    }

    /// The table as compact lines `character<TAB>rhyme<TAB>tone`, in code point order (for model metadata).
    public func serialized() -> String {
        table.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            .map { "\($0.key)\t\($0.value.rhymeGroup)\t\($0.value.tone.rawValue)" }
            .joined(separator: "\n")
    }

    /// Reads what `serialized()` wrote.
    public static func deserialized(_ text: String) throws -> ChineseReadings {
        var table: [Character: Reading] = [:]
        for line in text.split(separator: "\n") {
            let columns = line.split(separator: "\t")
            guard columns.count == 3, columns[0].count == 1, let tone = Tone(rawValue: String(columns[2])) else {
                throw PoemError.damagedModel("its readings table has a malformed row '\(line)'")
            }
            table[columns[0].first!] = Reading(rhymeGroup: String(columns[1]), tone: tone)
        }
        return ChineseReadings(table)
    }
}
