import Media

/// Reads keys as people and ABC files write them: "D", "Am", "F#m", "Bb", "Gdor", "E dorian",
/// "c minor", "A mixolydian".
public enum KeyName {
    /// The key named `text`, or nil.
    public static func key(_ text: String) -> Key? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let letter = rest.first.map({ Character($0.uppercased()) }), "ABCDEFG".contains(letter) else { return nil }
        rest = rest.dropFirst()
        var alteration = 0
        if let sign = rest.first, "#♯b♭".contains(sign) {
            alteration = sign == "#" || sign == "♯" ? 1 : -1
            rest = rest.dropFirst()
        }
        guard let mode = mode(named: rest.trimmingCharacters(in: .whitespaces)) else { return nil }
        return Key(tonicLetter: letter, tonicAlteration: alteration, mode: mode)
    }

    /// "" and "major" → major, "m" and "minor" → minor, a church mode by its name or first three letters.
    static func mode(named name: String) -> Key.Mode? {
        let lowered = name.lowercased()
        switch lowered {
        case "", "maj", "major", "ion", "ionian": return .major
        case "m", "min", "minor", "aeo", "aeolian": return .minor
        default:
            return Key.Mode.allCases.first { $0.rawValue == lowered || String($0.rawValue.prefix(3)) == lowered }
        }
    }
}
