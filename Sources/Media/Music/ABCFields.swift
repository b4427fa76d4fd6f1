import Foundation

/// Parsers for the values of ABC's information fields (`K:`, `M:`, `L:`, `Q:`), as they are
/// written in real collections: `K:Dmix`, `K: D Mixolydian`, `K:Hp`, `M:C|`, `M:none`, `Q:1/4=120`.
enum ABCFields {
    /// A key field: the key, plus any explicit accidentals (`K:D =c`) as letter index (C=0) → alteration.
    struct KeyField {
        var key: Key
        var accidentals: [Int: Int]
    }

    /// Parses the value of a `K:` field.
    static func key(_ text: String) throws -> KeyField {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // Settings such as clef=treble or middle=B say nothing about pitch.
        words.removeAll { $0.contains("=") && !$0.hasPrefix("=") }
        guard let first = words.first else { return KeyField(key: .cMajor, accidentals: [:]) }
        words.removeFirst()
        var key: Key
        var rest = Substring(first)
        let lowered = first.lowercased()
        if lowered == "none" {
            key = .cMajor
            rest = ""
        } else if lowered == "hp" {
            // Highland pipes: F♯ and C♯ with G natural, the scale of A mixolydian.
            key = Key(tonicLetter: "A", mode: .mixolydian)
            rest = ""
        } else {
            guard var letter = rest.first.map(Character.init), "ABCDEFGH".contains(letter) else {
                throw ABCFieldError("unknown key \"\(text)\"")
            }
            // H is the German name of B, used by some European collections.
            if letter == "H" { letter = "B" }
            rest = rest.dropFirst()
            var alteration = 0
            if rest.first == "#" { alteration = 1; rest = rest.dropFirst() } else if rest.first == "b" { alteration = -1; rest = rest.dropFirst() }
            var modeText = String(rest.prefix(while: { $0.isLetter }))
            rest = rest.dropFirst(modeText.count)
            if modeText.isEmpty, let next = words.first, mode(named: next) != nil {
                modeText = next
                words.removeFirst()
            }
            guard let mode = mode(named: modeText) else { throw ABCFieldError("unknown mode \"\(modeText)\" in key \"\(text)\"") }
            key = Key(tonicLetter: letter, tonicAlteration: alteration, mode: mode)
        }
        var accidentals: [Int: Int] = [:]
        for word in [String(rest)] + words where !word.isEmpty {
            var characters = Substring(word)
            while !characters.isEmpty {
                var alteration = 0
                while let symbol = characters.first, "^_=".contains(symbol) {
                    alteration += symbol == "^" ? 1 : symbol == "_" ? -1 : 0
                    characters = characters.dropFirst()
                }
                guard let letter = characters.first, let index = Key.letters.firstIndex(of: Character(letter.uppercased())) else {
                    throw ABCFieldError("cannot read key \"\(text)\"")
                }
                accidentals[index] = alteration
                characters = characters.dropFirst()
            }
        }
        return KeyField(key: key, accidentals: accidentals)
    }

    /// The mode a key field names ("" major, "m" minor, "Dor", "mixolydian"…); only the first three letters count.
    static func mode(named name: String) -> Key.Mode? {
        let prefix = name.lowercased().prefix(3)
        switch prefix {
        case "", "maj", "ion": return .major
        case "m", "min", "aeo": return .minor
        case "mix": return .mixolydian
        case "dor": return .dorian
        case "phr": return .phrygian
        case "lyd": return .lydian
        case "loc": return .locrian
        // A typo for "m" found in O'Neill's collection.
        case "n": return .minor
        default: return nil
        }
    }

    /// Parses the value of an `M:` field; nil means free meter (`none`, Essen's `FREI4/4`, or empty).
    static func meter(_ text: String) throws -> Meter? {
        let value = text.trimmingCharacters(in: .whitespaces)
        let lowered = value.lowercased()
        if lowered.isEmpty || lowered == "none" || lowered.hasPrefix("frei") { return nil }
        if value == "C" { return Meter(beats: 4, beatUnit: 4) }
        if value == "C|" { return Meter(beats: 2, beatUnit: 2) }
        // "2+3/8" adds its numerators; anything after the denominator (a stray "]") is ignored.
        let parts = value.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { throw ABCFieldError("unknown meter \"\(text)\"") }
        let beats = parts[0].split(separator: "+").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let unit = Int(parts[1].trimmingCharacters(in: .whitespaces).prefix(while: { $0.isNumber }))
        guard !beats.isEmpty, beats.allSatisfy({ $0 != nil && $0! > 0 && $0! <= 64 }), let unit, unit > 0, unit <= 64 else {
            throw ABCFieldError("unknown meter \"\(text)\"")
        }
        return Meter(beats: beats.reduce(0) { $0 + $1! }, beatUnit: unit)
    }

    /// Parses a length such as "1/8" or "1" (an `L:` value or a tempo's beat).
    static func length(_ text: String) throws -> Fraction {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1 ... 2).contains(numbers.count), numbers.allSatisfy({ $0 != nil && $0! > 0 && $0! <= 1024 }) else {
            throw ABCFieldError("unknown note length \"\(text)\"")
        }
        return Fraction(numbers[0]!, numbers.count == 2 ? numbers[1]! : 1)
    }

    /// Parses a `Q:` value: "1/4=120", "C=120" (a quarter), `"Allegro" 1/4=120`, or a bare "120"
    /// counted in `unitLength` beats as older ABC did. Returns nil for a tempo given only in words.
    static func tempo(_ text: String, unitLength: Fraction) throws -> Tempo? {
        var value = text
        // Quoted words ("Allegro") describe the tempo; they do not measure it.
        while let open = value.firstIndex(of: "\""), let close = value[value.index(after: open)...].firstIndex(of: "\"") {
            value.removeSubrange(open ... close)
        }
        value = value.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        let sides = value.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let speed = Double(sides.last!), speed > 0, speed < 10000 else { throw ABCFieldError("unknown tempo \"\(text)\"") }
        if sides.count == 1 { return Tempo(beatsPerMinute: speed, beat: unitLength) }
        if sides[0] == "C" { return Tempo(beatsPerMinute: speed) }
        // Several beats ("1/8 3/8=40") add up to one.
        var beat = Fraction.zero
        for part in sides[0].split(separator: " ") {
            beat += try length(String(part))
            // Each part is at most 1024/1 or 1/1024; many different ones would overflow the sum.
            guard beat.denominator <= 1 << 20, beat.numerator <= 1 << 30 else { throw ABCFieldError("unknown tempo \"\(text)\"") }
        }
        return Tempo(beatsPerMinute: speed, beat: beat)
    }
}

/// A field value that cannot be understood.
struct ABCFieldError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
