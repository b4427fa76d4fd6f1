import AtomicWrite
import Foundation

/// Writes tunes as ABC notation that the ABC reader (and other ABC software) reads back to the
/// same notes: bar lines from the meter, notes split across bar lines with ties, accidentals
/// written against the key signature, and triplet-like lengths as tuplets.
public enum ABCWriter {
    /// The ABC text of `tunes`, one after another, separated by blank lines.
    public static func text(of tunes: [Tune]) -> String {
        tunes.enumerated().map { text(of: $1, number: $1.number ?? $0 + 1) }.joined(separator: "\n")
    }

    /// The ABC text of one tune, numbered `number` (by default its own number, or 1).
    public static func text(of tune: Tune, number: Int? = nil) -> String {
        var header = "X:\(number ?? tune.number ?? 1)\n"
        let title = tune.title.replacingOccurrences(of: "\n", with: " ")
        if !title.isEmpty { header += "T:\(title)\n" }
        header += "M:\(tune.meter.map(\.description) ?? "none")\n"
        header += "L:\(tune.unitLength)\n"
        if let tempo = tune.tempo {
            let speed = tempo.beatsPerMinute
            header += "Q:\(tempo.beat)=\(speed == speed.rounded() ? String(Int(speed)) : String(speed))\n"
        }
        header += "K:\(tune.key.abcName)\n"
        var body = ABCBodyWriter(tune: tune)
        return header + body.write() + "\n"
    }

    /// Writes `tunes` to `url` as one ABC file, atomically.
    public static func write(_ tunes: [Tune], to url: URL) throws {
        try AtomicFile.write(Data(text(of: tunes).utf8), to: url)
    }
}

/// The music lines of one tune.
private struct ABCBodyWriter {
    let tune: Tune
    /// The alteration each letter (C=0 … B=6) currently has: the signature's, or an accidental's earlier in the bar.
    var letterAlterations: [Int]
    let signature: [Int]
    var output = ""
    var barsOnLine = 0
    /// The time written so far, in whole notes.
    var time = Fraction.zero

    init(tune: Tune) {
        self.tune = tune
        signature = Key.letters.map { tune.key.signatureAlteration(of: $0) }
        letterAlterations = signature
    }

    /// A note or rest piece, after splitting at bar lines; `tied` when the next piece continues it.
    struct Piece {
        var pitch: Int?
        var duration: Fraction
        var tied: Bool
        var endsBar: Bool
    }

    mutating func write() -> String {
        let pieces = splitAtBarLines(contiguousNotes()).flatMap(splitOffTriplet)
        var index = 0
        while index < pieces.count {
            // Lengths that are not binary fractions of the unit (triplets) go into a tuplet group.
            // Groups of at most nine: `(3:2:r` applies to each of its r notes alone, so a long run may be
            // cut anywhere, and readers such as music21 take r as a single digit.
            let run = pieces[index...].prefix(9).prefix { ABCBodyWriter.isTripletLength($0.duration / tune.unitLength) }
            if run.isEmpty {
                write(pieces[index], scale: Fraction(1))
                index += 1
            } else {
                output += run.count == 3 ? "(3" : "(3:2:\(run.count)"
                for piece in run { write(piece, scale: Fraction(3, 2)) }
                index += run.count
            }
        }
        while output.last == " " || output.last == "\n" { output.removeLast() }
        output += output.hasSuffix("|") ? "]" : " |]"
        return output
    }

    /// The notes in time order with gaps filled by rests and overlaps cut (ABC here is one voice).
    func contiguousNotes() -> [Note] {
        var notes: [Note] = []
        var time = Fraction.zero
        for note in tune.notes.sorted(by: { $0.start < $1.start }) where note.duration > .zero {
            if note.start > time { notes.append(.rest(start: time, duration: note.start - time)) }
            if note.start < time, var last = notes.popLast() {
                last.duration = note.start - last.start
                if last.duration > .zero { notes.append(last) }
            }
            notes.append(note)
            time = note.end
        }
        return notes
    }

    func splitAtBarLines(_ notes: [Note]) -> [Piece] {
        guard let barLength = tune.meter?.barLength else {
            return notes.map { Piece(pitch: $0.pitch, duration: $0.duration, tied: false, endsBar: false) }
        }
        var pieces: [Piece] = []
        let offset = barOffset
        for note in notes {
            var start = note.start
            while start < note.end {
                let position = start + offset
                let barEnd = Fraction((position / barLength).floor + 1) * barLength - offset
                let end = min(barEnd, note.end)
                pieces.append(Piece(pitch: note.pitch, duration: end - start, tied: note.pitch != nil && end < note.end, endsBar: end == barEnd))
                start = end
            }
        }
        return pieces
    }

    /// A triplet-like piece whose length inside a tuplet group would be no plain note value (ten
    /// sixteenths of a triplet, say, which music21 cannot read) as a plain-length piece tied to a
    /// short triplet one: written length n/2^k inside the group becomes (n − r)/2^k outside it
    /// (a binary fraction, as n − r is a multiple of three) and r/2^k inside, with r = n mod 3.
    func splitOffTriplet(_ piece: Piece) -> [Piece] {
        let written = piece.duration / tune.unitLength * Fraction(3, 2)
        guard ABCBodyWriter.isTripletLength(piece.duration / tune.unitLength), written.numerator > 2 else { return [piece] }
        let triplet = Fraction(written.numerator % 3, written.denominator) * Fraction(2, 3) * tune.unitLength
        let plain = Piece(pitch: piece.pitch, duration: piece.duration - triplet, tied: piece.pitch != nil, endsBar: false)
        return [plain, Piece(pitch: piece.pitch, duration: triplet, tied: piece.tied, endsBar: piece.endsBar)]
    }

    static func isTripletLength(_ length: Fraction) -> Bool {
        length.denominator % 3 == 0 && (length * Fraction(3, 2)).hasPowerOfTwoDenominator
    }

    /// Where the bar grid starts relative to time zero: a pickup shifts it.
    var barOffset: Fraction {
        guard let barLength = tune.meter?.barLength, tune.anacrusis > .zero, tune.anacrusis < barLength else { return .zero }
        return barLength - tune.anacrusis
    }

    mutating func write(_ piece: Piece, scale: Fraction) {
        output += piece.pitch.map { spelling(of: $0) } ?? "z"
        output += ABCBodyWriter.lengthText(piece.duration / tune.unitLength * scale)
        if piece.tied { output += "-" }
        if piece.endsBar {
            letterAlterations = signature
            barsOnLine += 1
            if barsOnLine == 4 {
                output += " |\n"
                barsOnLine = 0
            } else {
                output += " | "
            }
        } else if let meter = tune.meter {
            // A space at each beat, as ABC groups (beams) notes.
            time += piece.duration
            let beat = meter.isCompound ? Fraction(3, meter.beatUnit) : Fraction(1, meter.beatUnit)
            if ((time + barOffset) / beat).denominator == 1 { output += " " }
        } else {
            output += " "
        }
        if piece.endsBar { time += piece.duration }
    }

    /// "", "2", "/", "/4", "3/2": a length relative to the unit length.
    static func lengthText(_ length: Fraction) -> String {
        let numerator = length.numerator == 1 && length.denominator != 1 ? "" : String(length.numerator)
        switch length.denominator {
        case 1: return length.numerator == 1 ? "" : numerator
        case 2: return numerator + "/"
        default: return numerator + "/\(length.denominator)"
        }
    }

    /// The note's letter, accidental and octave marks. The accidental is written on every note the
    /// key signature alone would not give, and wherever an earlier accidental in the bar would
    /// change it: then the note reads the same whether a reader carries accidentals through the
    /// bar (ABC 2.1) or not (older ABC, music21 without a version line).
    mutating func spelling(of pitch: Int) -> String {
        let pitchClass = pitch % 12
        let (letterIndex, alteration) = spell(pitchClass)
        let letter = Key.letters[letterIndex]
        var text = ""
        if signature[letterIndex] != alteration || letterAlterations[letterIndex] != alteration {
            text += alteration > 0 ? String(repeating: "^", count: alteration)
                : alteration < 0 ? String(repeating: "_", count: -alteration) : "="
            letterAlterations[letterIndex] = alteration
        }
        let octave = (pitch - alteration - Key.naturalPitchClass(letter)) / 12 - 1
        if octave >= 5 {
            text += String(letter).lowercased() + String(repeating: "'", count: octave - 5)
        } else {
            text += String(letter) + String(repeating: ",", count: 4 - octave)
        }
        return text
    }

    /// The letter and alteration for a pitch class: the key's own note if there is one, otherwise
    /// the nearest letter, sharpened in sharp keys and flattened in flat keys.
    func spell(_ pitchClass: Int) -> (letter: Int, alteration: Int) {
        for letter in 0 ..< 7 where (Key.naturalPitchClass(Key.letters[letter]) + signature[letter] + 12) % 12 == pitchClass {
            return (letter, signature[letter])
        }
        for letter in 0 ..< 7 where Key.naturalPitchClass(Key.letters[letter]) == pitchClass { return (letter, 0) }
        // Judged from the major key on the same tonic, so G minor raises F (its leading note) rather than writing G♭.
        let useFlats = tune.key.fifths + tune.key.mode.fifthsBelowMajor < 0
        let natural = (pitchClass + (useFlats ? 1 : 11)) % 12
        let letter = (0 ..< 7).first { Key.naturalPitchClass(Key.letters[$0]) == natural }!
        return (letter, useFlats ? -1 : 1)
    }
}
