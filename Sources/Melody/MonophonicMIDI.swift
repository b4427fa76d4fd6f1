import Foundation
import Media

/// Reads a melody out of a MIDI file for training: one line of notes on the 1/48-quarter grid,
/// with the key and meter the file gives (or the tonic of its last note and the mode its notes
/// suggest, and 4/4, when it gives none).
public enum MonophonicMIDI {
    /// The tune in `file`: the track with the most notes, its times rounded to the grid, the highest
    /// of notes that start together kept, each note cut where the next begins, gaps made rests.
    public static func tune(from file: MIDIFile, source: String) throws -> Tune {
        guard let track = file.tracks.max(by: { $0.notes.count < $1.notes.count }), !track.notes.isEmpty else {
            throw MelodyError.unencodable("\(source) has no notes")
        }
        func onGrid(_ time: Fraction) -> Int {
            Int((time.doubleValue * Double(MelodyTime.ticksPerWholeNote)).rounded())
        }
        // Highest note first among notes starting together, so the first one at each time is kept.
        let sorted = track.notes.compactMap { note in note.pitch.map { (start: onGrid(note.start), end: onGrid(note.end), pitch: $0) } }
            .sorted { ($0.start, -$0.pitch) < ($1.start, -$1.pitch) }
        var line: [(start: Int, end: Int, pitch: Int)] = []
        for note in sorted where note.start != line.last?.start {
            if let last = line.last, last.end > note.start { line[line.count - 1].end = note.start }
            line.append(note)
        }
        line.removeAll { $0.end <= $0.start }
        var notes: [Note] = [], time = 0
        for note in line {
            if note.start > time {
                notes.append(.rest(start: MelodyTime.fraction(ticks: time), duration: MelodyTime.fraction(ticks: note.start - time)))
            }
            notes.append(Note(pitch: note.pitch, start: MelodyTime.fraction(ticks: note.start),
                              duration: MelodyTime.fraction(ticks: note.end - note.start)))
            time = note.end
        }
        guard let lastPitch = notes.last?.pitch else { throw MelodyError.unencodable("\(source) has no notes on the grid") }
        let key = file.key ?? {
            let tonic = ((lastPitch % 12) + 12) % 12
            let mode = ModeInference.mode(of: notes, tonicPitchClass: tonic)
            return MonophonicMIDI.key(tonicPitchClass: tonic, mode: mode)
        }()
        return Tune(title: source, key: key, meter: file.meter ?? Meter(beats: 4, beatUnit: 4), tempo: file.tempo,
                    notes: notes, source: source)
    }

    /// The key on `tonicPitchClass` in `mode`, its tonic spelled as the major key with the fewest accidentals would.
    static func key(tonicPitchClass: Int, mode: Key.Mode) -> Key {
        // The major key on pitch class p has 7·p mod 12 sharps; beyond six, it reads better in flats.
        var fifths = (7 * tonicPitchClass) % 12
        if fifths > 6 { fifths -= 12 }
        let major = Key(fifths: fifths, mode: .major)
        return Key(tonicLetter: major.tonicLetter, tonicAlteration: major.tonicAlteration, mode: mode)
    }
}
