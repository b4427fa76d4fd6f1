import Foundation

/// Reads one ABC tune (from its `X:` line to the blank line after it) into a monophonic `Tune`.
/// Throws `ABCTuneError` for anything it cannot read; the caller skips that tune and goes on.
struct ABCTuneParser {
    /// Lengths finer than 1/`finestDivision` of a whole note are taken to be malformed, as is a
    /// tune longer than `maximumWholeNotes` (a day and a half at 120 beats a minute). Every time
    /// and length in a tune read is checked against both, which keeps its exact arithmetic (here
    /// and in whoever adds its lengths up later) far from overflowing.
    static let finestDivision = 1 << 20
    static let maximumWholeNotes = 1 << 16

    private let source: String
    private var expandingRepeats = true
    private var number: Int?
    private var title = ""
    private var headerMeter: Meter?
    private var headerMeterSeen = false
    private var headerUnitLength: Fraction?
    private var tempoText: String?
    private var key = Key.cMajor
    private var currentKey = Key.cMajor

    // State while reading the body.
    private var meter: Meter?
    private var unitLength = Fraction(1, 8)
    /// The signature's alteration for each letter, C=0 … B=6.
    private var signature = [Int](repeating: 0, count: 7)
    /// Accidentals written earlier in this bar, keyed by letter (C=0 … B=6): as ABC 2.1's default
    /// (propagate-accidentals pitch) has it, they hold for that letter in every octave.
    private var barAccidentals: [Int: Int] = [:]
    private var elements: [ABCElement] = []
    private var lastNoteIndex: Int?
    private var brokenRhythmFactor: Fraction?
    private var tupletRatio = Fraction(1)
    private var tupletNotesLeft = 0

    // The music line being read.
    private var bytes: [UInt8] = []
    private var position = 0
    private var lineNumber = 0

    private init(source: String) { self.source = source }

    /// Reads the tune in `lines` (line number, text) from `source`; `expandingRepeats: false` keeps
    /// the notes in written order (both endings, each repeated part once), for comparing with other readers.
    static func parse(_ lines: [(number: Int, text: Substring)], source: String, expandingRepeats: Bool = true) throws -> Tune {
        var parser = ABCTuneParser(source: source)
        parser.expandingRepeats = expandingRepeats
        return try parser.parse(lines)
    }

    private mutating func parse(_ lines: [(number: Int, text: Substring)]) throws -> Tune {
        var bodyStart: Int?
        for (index, line) in lines.enumerated() {
            lineNumber = line.number
            let text = ABCTuneParser.withoutComment(line.text)
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let (field, value) = ABCTuneParser.field(in: text) else {
                throw ABCTuneError(line: line.number, message: "music before the K: field")
            }
            if field == "K" {
                try startBody(keyText: value)
                bodyStart = index + 1
                break
            }
            try readHeaderField(field, value)
        }
        guard let bodyStart else { throw ABCTuneError(line: lines.last?.number ?? 0, message: "no K: field") }
        for line in lines[bodyStart...] {
            lineNumber = line.number
            let text = ABCTuneParser.withoutComment(line.text)
            if let (field, value) = ABCTuneParser.field(in: text) {
                try readBodyField(field, value)
            } else {
                bytes = Array(text.utf8)
                position = 0
                try readMusic()
            }
        }
        return try finish()
    }

    // MARK: - Fields

    private mutating func readHeaderField(_ field: Character, _ value: String) throws {
        do {
            switch field {
            case "X": number = Int(value.trimmingCharacters(in: .whitespaces).prefix(while: { $0.isNumber }))
            case "T": if title.isEmpty { title = value.trimmingCharacters(in: .whitespaces) }
            case "M":
                headerMeter = try ABCFields.meter(value)
                headerMeterSeen = true
            case "L": headerUnitLength = try ABCFields.length(value)
            case "Q": tempoText = value
            case "V": throw ABCTuneError(line: lineNumber, message: "several voices (V:) are not read")
            default: break
            }
        } catch let error as ABCFieldError {
            throw ABCTuneError(line: lineNumber, message: error.message)
        }
    }

    private mutating func startBody(keyText: String) throws {
        meter = headerMeter
        // ABC's default unit length: a sixteenth for meters shorter than 3/4, otherwise an eighth.
        if let headerUnitLength {
            unitLength = headerUnitLength
        } else if headerMeterSeen, let meter = headerMeter, meter.barLength < Fraction(3, 4) {
            unitLength = Fraction(1, 16)
        } else {
            unitLength = Fraction(1, 8)
        }
        try setKey(keyText)
        key = currentKey
    }

    private mutating func setKey(_ text: String) throws {
        do {
            let field = try ABCFields.key(text)
            currentKey = field.key
            signature = Key.letters.map { field.key.signatureAlteration(of: $0) }
            for (letter, alteration) in field.accidentals { signature[letter] = alteration }
            barAccidentals = [:]
        } catch let error as ABCFieldError {
            throw ABCTuneError(line: lineNumber, message: error.message)
        }
    }

    private mutating func readBodyField(_ field: Character, _ value: String) throws {
        do {
            switch field {
            case "K": try setKey(value)
            case "M": meter = try ABCFields.meter(value)
            case "L": unitLength = try ABCFields.length(value)
            case "V": throw ABCTuneError(line: lineNumber, message: "several voices (V:) are not read")
            default: break  // titles of parts, lyrics, notes, tempo changes: nothing to play
            }
        } catch let error as ABCFieldError {
            throw ABCTuneError(line: lineNumber, message: error.message)
        }
    }

    /// A field line "K:G" → ("K", "G"); nil for a music line.
    private static func field(in text: Substring) -> (Character, String)? {
        guard text.count >= 2, let letter = text.first, letter.isASCII, letter.isLetter,
              text[text.index(after: text.startIndex)] == ":" else { return nil }
        let value = text.dropFirst(2)
        // "A:|" would be a field by shape, but it is a note before a repeat sign.
        if let next = value.first, next == "|" || next == ":" , "ABCDEFGabcdefg".contains(letter) { return nil }
        return (letter, String(value))
    }

    /// The line without its `%` comment (a `\%` is a literal percent sign, kept).
    private static func withoutComment(_ text: Substring) -> Substring {
        var previous: Character?
        for index in text.indices {
            if text[index] == "%" && previous != "\\" { return text[..<index] }
            previous = text[index]
        }
        return text
    }

    // MARK: - Music

    private func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func failure(_ message: String) -> ABCTuneError {
        ABCTuneError(line: lineNumber, message: "\(message) at column \(position + 1)")
    }

    private mutating func readMusic() throws {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "`"), UInt8(ascii: "$"),
                 UInt8(ascii: "*"), UInt8(ascii: ")"):
                position += 1
            case UInt8(ascii: "\\"):
                // A line continuation: line breaks carry no musical meaning here.
                position += 1
            case UInt8(ascii: "\""):
                try skip(past: UInt8(ascii: "\""), what: "quoted text")
            case UInt8(ascii: "!"), UInt8(ascii: "+"):
                // A long decoration (!trill!, +fermata+); a lone one is an old-style line break.
                if bytes[(position + 1)...].contains(byte) { try skip(past: byte, what: "decoration") } else { position += 1 }
            case UInt8(ascii: "{"):
                try skip(past: UInt8(ascii: "}"), what: "grace notes")
            case UInt8(ascii: "("):
                try readTupletOrSlur()
            case UInt8(ascii: "["):
                try readBracket()
            case UInt8(ascii: "|"), UInt8(ascii: ":"):
                try readBarLine()
            case UInt8(ascii: "-"):
                // A tie; between different pitches it is a slur (as in O'Neill's), dropped when ties are joined.
                if let index = lastNoteIndex, case .note(var note) = elements[index] {
                    note.tied = true
                    elements[index] = .note(note)
                }
                position += 1
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                try readBrokenRhythm()
            case UInt8(ascii: "y"):
                position += 1
                _ = readNumber()
            case UInt8(ascii: "."), UInt8(ascii: "~"):
                position += 1
            case UInt8(ascii: "&"):
                throw failure("voice overlay (&) is not read")
            case UInt8(ascii: "Z"), UInt8(ascii: "X"):
                try readMultiBarRest()
            default:
                if (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte), case .bar = elements.last {
                    // An ending number on the line after its bar line ("…|\n1 abc :|").
                    try readEnding()
                } else if ABCTuneParser.startsNote(byte) {
                    let note = try readNote()
                    try appendNote(pitch: note.pitch, length: note.length)
                } else if (UInt8(ascii: "H") ... UInt8(ascii: "W")).contains(byte) || (UInt8(ascii: "h") ... UInt8(ascii: "w")).contains(byte) {
                    // Single-letter decorations (T trill, H fermata, u up-bow, v down-bow…).
                    position += 1
                } else {
                    throw failure("unexpected character \"\(String(decoding: [byte], as: UTF8.self))\"")
                }
            }
        }
    }

    private mutating func skip(past terminator: UInt8, what: String) throws {
        let start = position
        position += 1
        while let byte = peek(), byte != terminator { position += 1 }
        guard peek() == terminator else {
            position = start
            throw failure("unclosed \(what)")
        }
        position += 1
    }

    private static func startsNote(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A") ... UInt8(ascii: "G"), UInt8(ascii: "a") ... UInt8(ascii: "g"),
             UInt8(ascii: "z"), UInt8(ascii: "x"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    private mutating func readNumber() -> Int? {
        var value = 0, digits = 0
        while let byte = peek(), (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) {
            // Longer numbers are nonsense in music; capping keeps the arithmetic from overflowing.
            if digits < 6 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            digits += 1
            position += 1
        }
        return digits == 0 ? nil : value
    }

    /// A note or rest with its length multiplier (relative to the unit length).
    private mutating func readNote() throws -> (pitch: Int?, length: Fraction) {
        var alteration: Int?
        while let byte = peek(), byte == UInt8(ascii: "^") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "=") {
            alteration = (alteration ?? 0) + (byte == UInt8(ascii: "^") ? 1 : byte == UInt8(ascii: "_") ? -1 : 0)
            position += 1
        }
        guard let letterByte = peek() else { throw failure("accidental without a note") }
        position += 1
        var pitch: Int?
        switch letterByte {
        case UInt8(ascii: "z"), UInt8(ascii: "x"):
            if alteration != nil { throw failure("accidental on a rest") }
        case UInt8(ascii: "A") ... UInt8(ascii: "G"), UInt8(ascii: "a") ... UInt8(ascii: "g"):
            let isLower = letterByte >= UInt8(ascii: "a")
            let letter = Character(Unicode.Scalar(isLower ? letterByte - 32 : letterByte))
            let letterIndex = Key.letters.firstIndex(of: letter)!
            var octave = isLower ? 5 : 4
            while let mark = peek(), mark == UInt8(ascii: "'") || mark == UInt8(ascii: ",") {
                octave += mark == UInt8(ascii: "'") ? 1 : -1
                position += 1
            }
            if let alteration { barAccidentals[letterIndex] = alteration }
            let sounding = alteration ?? barAccidentals[letterIndex] ?? signature[letterIndex]
            let midi = 12 * (octave + 1) + Key.naturalPitchClass(letter) + sounding
            guard (0 ... 127).contains(midi) else { throw failure("pitch outside the MIDI range") }
            pitch = midi
        default:
            position -= 1
            throw failure("accidental without a note")
        }
        return (pitch, try readLength())
    }

    /// A length multiplier: "", "2", "/", "//", "/4", "3/2", "3/".
    private mutating func readLength() throws -> Fraction {
        var length = Fraction(readNumber() ?? 1)
        while peek() == UInt8(ascii: "/") {
            position += 1
            let divisor = readNumber() ?? 2
            guard divisor > 0 else { throw failure("note length divided by zero") }
            length = length / Fraction(divisor)
            // Checked at every "/", before a long run of them ("A////…") overflows the denominator.
            guard length.denominator <= 1024 else { throw failure("impossible note length") }
        }
        guard length > .zero, length <= Fraction(1024) else { throw failure("impossible note length") }
        return length
    }

    private mutating func appendNote(pitch: Int?, length: Fraction) throws {
        var duration = unitLength * length
        if let factor = brokenRhythmFactor {
            duration *= factor
            brokenRhythmFactor = nil
        }
        if tupletNotesLeft > 0 {
            duration *= tupletRatio
            tupletNotesLeft -= 1
        }
        lastNoteIndex = elements.count
        elements.append(.note(ABCNote(pitch: pitch, duration: try withinLimits(duration), tied: false, line: lineNumber)))
    }

    private mutating func readBrokenRhythm() throws {
        let symbol = peek()!
        var count = 0
        while peek() == symbol {
            count += 1
            position += 1
        }
        guard count <= 3, let index = lastNoteIndex, case .note(var note) = elements[index], brokenRhythmFactor == nil else {
            throw failure("misplaced broken rhythm")
        }
        // a>b makes a dotted and b short: > is 3/2 and 1/2, >> is 7/4 and 1/4, >>> is 15/8 and 1/8.
        let short = Fraction(1, 1 << count)
        let long = Fraction(2) - short
        note.duration = try withinLimits(note.duration * (symbol == UInt8(ascii: ">") ? long : short))
        elements[index] = .note(note)
        brokenRhythmFactor = symbol == UInt8(ascii: ">") ? short : long
    }

    private mutating func readTupletOrSlur() throws {
        position += 1
        guard let p = readNumber() else { return }  // a slur: phrasing only
        var q: Int?, r: Int?
        if peek() == UInt8(ascii: ":") {
            position += 1
            q = readNumber()
            if peek() == UInt8(ascii: ":") {
                position += 1
                r = readNumber()
            }
        }
        guard (2 ... 32).contains(p) else { throw failure("unknown tuplet (\(p)") }
        // "(p" puts p notes into the time of q: 3 in 2, 2 in 3, 4 in 3, others in 2 (3 in compound meter).
        let defaultQ: Int
        switch p {
        case 2, 4, 8: defaultQ = 3
        case 3, 6: defaultQ = 2
        default: defaultQ = (meter?.isCompound ?? false) ? 3 : 2
        }
        let notes = r ?? p
        guard (1 ... 64).contains(notes), (1 ... 64).contains(q ?? defaultQ) else { throw failure("unknown tuplet") }
        tupletRatio = Fraction(q ?? defaultQ, p)
        tupletNotesLeft = notes
    }

    private mutating func readBracket() throws {
        guard let next = peek(1) else { throw failure("unclosed [") }
        if next == UInt8(ascii: "|") {
            try readBarLine()
        } else if (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(next) {
            position += 1
            try readEnding()
        } else if let colon = peek(2), colon == UInt8(ascii: ":"), (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z")) || (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) {
            try readInlineField()
        } else {
            try readChord()
        }
    }

    private mutating func readInlineField() throws {
        let start = position
        try skip(past: UInt8(ascii: "]"), what: "inline field")
        let text = String(decoding: bytes[(start + 1) ..< (position - 1)], as: UTF8.self)
        let field = Character(String(text.first!))
        try readBodyField(field, String(text.dropFirst(2)))
    }

    /// A chord: only its top note is kept, with the first note's length times the length after "]".
    private mutating func readChord() throws {
        position += 1
        var top: (pitch: Int, length: Fraction)?
        var firstLength: Fraction?
        while let byte = peek(), byte != UInt8(ascii: "]") {
            if byte == UInt8(ascii: "\"") {
                try skip(past: byte, what: "quoted text")
            } else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "+") {
                try skip(past: byte, what: "decoration")
            } else if ABCTuneParser.startsNote(byte) {
                let note = try readNote()
                if firstLength == nil { firstLength = note.length }
                if let pitch = note.pitch, pitch > top?.pitch ?? -1 { top = (pitch, note.length) }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~") {
                position += 1
            } else {
                throw failure("unexpected character in a chord")
            }
        }
        guard peek() == UInt8(ascii: "]") else { throw failure("unclosed chord") }
        position += 1
        let outer = try readLength()
        guard let firstLength else { throw failure("empty chord") }
        try appendNote(pitch: top?.pitch, length: firstLength * outer)
    }

    private mutating func readBarLine() throws {
        var symbol = ""
        while let byte = peek() {
            if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ":") {
                symbol.append(Character(Unicode.Scalar(byte)))
            } else if byte == UInt8(ascii: "[") && peek(1) == UInt8(ascii: "|") {
                symbol.append("[")
            } else if byte == UInt8(ascii: "]") && (symbol.hasSuffix("|") || symbol.hasSuffix(":")) {
                symbol.append("]")
            } else {
                break
            }
            position += 1
        }
        if symbol.hasSuffix(":]") { symbol.removeLast() }  // ":]", a misprint of ":|]"
        let startsRepeat = symbol.hasSuffix(":")
        let endsRepeat = symbol.hasPrefix(":")
        let bar: ABCBarLine
        switch (endsRepeat, startsRepeat) {
        case (true, true): bar = .repeatEndAndStart
        case (true, false): bar = .repeatEnd
        case (false, true): bar = .repeatStart
        case (false, false):
            if symbol.contains(":") {
                bar = .repeatStart  // "|:|" reads as "|:" then "|"
            } else {
                bar = symbol == "|" ? .plain : .double
            }
        }
        elements.append(.bar(bar))
        barAccidentals = [:]
        // "|1", ":|2", "| [2": an ending starts right after the bar line.
        if let next = peek(), (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(next) {
            try readEnding()
        } else if peek() == UInt8(ascii: "[") , let next = peek(1), (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(next) {
            position += 1
            try readEnding()
        }
    }

    /// An ending's numbers: "1", "2", "1,3", "1-3".
    private mutating func readEnding() throws {
        var numbers: [Int] = []
        while let first = readNumber() {
            if peek() == UInt8(ascii: "-") {
                position += 1
                guard let last = readNumber(), last >= first, last - first < 16 else { throw failure("unknown ending") }
                numbers += Array(first ... last)
            } else {
                numbers.append(first)
            }
            guard peek() == UInt8(ascii: ",") else { break }
            position += 1
        }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 >= 1 && $0 <= 16 }) else { throw failure("unknown ending") }
        elements.append(.ending(numbers))
    }

    /// Z4: four bars of rest.
    private mutating func readMultiBarRest() throws {
        position += 1
        let bars = readNumber() ?? 1
        guard let meter, bars >= 1, bars <= 1000 else { throw failure("multi-bar rest without a meter") }
        let saved = (brokenRhythmFactor, tupletNotesLeft)
        (brokenRhythmFactor, tupletNotesLeft) = (nil, 0)
        try appendNote(pitch: nil, length: meter.barLength * Fraction(bars) / unitLength)
        (brokenRhythmFactor, tupletNotesLeft) = saved
    }

    // MARK: - Result

    private func finish() throws -> Tune {
        let played = expandingRepeats ? try ABCRepeats.expand(elements, line: lineNumber)
            : elements.compactMap { if case .note(let note) = $0 { return note } else { return nil } }
        // Ties join notes of the same pitch; a "tie" to another pitch is a slur and changes nothing.
        var merged: [ABCNote] = []
        for note in played {
            // Rests in a row are one silence.
            if let last = merged.last, (last.tied && last.pitch != nil && last.pitch == note.pitch) || (last.pitch == nil && note.pitch == nil) {
                merged[merged.count - 1].duration = try withinLimits(last.duration + note.duration)
                merged[merged.count - 1].tied = note.tied
            } else {
                merged.append(note)
            }
        }
        guard merged.contains(where: { $0.pitch != nil }) else {
            throw ABCTuneError(line: lineNumber, message: "no notes")
        }
        var notes: [Note] = []
        var time = Fraction.zero
        for note in merged {
            notes.append(note.pitch == nil ? .rest(start: time, duration: note.duration)
                : Note(pitch: note.pitch, start: time, duration: note.duration))
            time = try withinLimits(time + note.duration)
        }
        var tempo: Tempo?
        if let tempoText {
            do { tempo = try ABCFields.tempo(tempoText, unitLength: headerUnitLength ?? unitLength) } catch let error as ABCFieldError {
                throw ABCTuneError(line: lineNumber, message: error.message)
            }
        }
        let sourceName = number.map { "\(source) X:\($0)" } ?? source
        return Tune(number: number, title: title, key: key, meter: headerMeter, unitLength: headerUnitLength ?? unitLengthAtStart,
                    tempo: tempo, anacrusis: try anacrusis(), notes: notes, source: sourceName)
    }

    /// `time` (a length or a moment, in whole notes) when it is within the tune limits.
    private func withinLimits(_ time: Fraction) throws -> Fraction {
        guard time.denominator <= Self.finestDivision else {
            throw ABCTuneError(line: lineNumber, message: "a note length finer than 1/\(Self.finestDivision) of a whole note")
        }
        guard time.numerator <= Self.maximumWholeNotes * time.denominator else {
            throw ABCTuneError(line: lineNumber, message: "longer than \(Self.maximumWholeNotes) whole notes")
        }
        return time
    }

    private var unitLengthAtStart: Fraction {
        if headerMeterSeen, let meter = headerMeter, meter.barLength < Fraction(3, 4) { return Fraction(1, 16) }
        return Fraction(1, 8)
    }

    /// The pickup: what comes before the first bar line, when it is shorter than a bar.
    private func anacrusis() throws -> Fraction {
        guard let barLength = headerMeter?.barLength else { return .zero }
        var length = Fraction.zero
        for element in elements {
            switch element {
            case .note(let note): length = try withinLimits(length + note.duration)
            case .bar, .ending: return length < barLength ? length : .zero
            }
        }
        return .zero
    }
}
