import Foundation
@testable import Media

/// music21's reading of one ABC tune, as check_abc_with_music21.py writes it: sounding notes as
/// [MIDI pitch, onset, length] with times in quarter notes ("n/d"), and the total length.
struct Music21Reading: Decodable {
    var source: String?
    var number: Int?
    var text: String?
    var notes: [[Music21Value]]
    var length: String
    /// The same tune in written order (repeats not played out), when the sample has it.
    var written: Written?

    /// Notes and length of a tune in written order.
    struct Written: Decodable {
        var notes: [[Music21Value]]
        var length: String
    }

    /// A JSON array element: a pitch number or a fraction text.
    enum Music21Value: Decodable {
        case number(Int)
        case text(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
    }

    /// The first way `tune` reads differently, or nil when it has the same notes and length.
    func difference(from tune: Tune) -> String? {
        Music21Reading.difference(notes: notes, length: length, tune: tune)
    }

    /// The first way `tune`, read without playing out repeats, differs from the written order.
    func writtenDifference(from tune: Tune) -> String? {
        written.flatMap { Music21Reading.difference(notes: $0.notes, length: $0.length, tune: tune) }
    }

    private static func difference(notes: [[Music21Value]], length: String, tune: Tune) -> String? {
        let quarter = Fraction(4)
        let ours = tune.notes.filter { !$0.isRest }
        let expectedLength = fraction(length)
        for (index, expected) in notes.enumerated() {
            guard case .number(let pitch) = expected[0], case .text(let onset) = expected[1], case .text(let duration) = expected[2] else {
                return "malformed reference"
            }
            guard index < ours.count else { return "music21 has \(notes.count) notes, Belamy \(ours.count)" }
            let note = ours[index]
            let reference = "pitch \(pitch) at \(onset) for \(duration)"
            let found = "pitch \(note.pitch!) at \(note.start * quarter) for \(note.duration * quarter)"
            if note.pitch != pitch || note.start * quarter != fraction(onset)
                || note.duration * quarter != fraction(duration) {
                return "note \(index): music21 \(reference), Belamy \(found)"
            }
        }
        if ours.count != notes.count { return "music21 has \(notes.count) notes, Belamy \(ours.count)" }
        if tune.length * quarter != expectedLength { return "length: music21 \(expectedLength), Belamy \(tune.length * quarter)" }
        return nil
    }

    static func fraction(_ text: String) -> Fraction {
        let parts = text.split(separator: "/").map { Int($0)! }
        return Fraction(parts[0], parts.count > 1 ? parts[1] : 1)
    }
}
