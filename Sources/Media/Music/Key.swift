/// A key: a tonic and a mode (major, minor or a church mode), which together fix the key signature.
public struct Key: Hashable, Sendable, CustomStringConvertible {
    /// The seven modes of the diatonic scale; `major` is Ionian and `minor` is Aeolian.
    public enum Mode: String, CaseIterable, Sendable {
        case major, minor, dorian, phrygian, lydian, mixolydian, locrian

        /// How many fifths flatwards the signature lies from the major key on the same tonic.
        var fifthsBelowMajor: Int {
            switch self {
            case .lydian: return -1
            case .major: return 0
            case .mixolydian: return 1
            case .dorian: return 2
            case .minor: return 3
            case .phrygian: return 4
            case .locrian: return 5
            }
        }

        /// The ABC spelling of the mode after the tonic ("" for major, "m" for minor).
        var abcSuffix: String {
            switch self {
            case .major: return ""
            case .minor: return "m"
            default: return String(rawValue.prefix(3))
            }
        }
    }

    /// The tonic's letter, "A" to "G".
    public var tonicLetter: Character
    /// The tonic's alteration in semitones: -1 flat, 0 natural, +1 sharp.
    public var tonicAlteration: Int
    /// The mode.
    public var mode: Mode

    /// The key on `tonicLetter` (A–G) raised or lowered by `tonicAlteration` semitones, in `mode`.
    public init(tonicLetter: Character, tonicAlteration: Int = 0, mode: Mode = .major) {
        precondition(Key.letters.contains(tonicLetter), "a tonic letter is A to G")
        self.tonicLetter = tonicLetter
        self.tonicAlteration = tonicAlteration
        self.mode = mode
    }

    /// The key whose signature has `fifths` sharps (negative: flats), major or minor; as in a MIDI key signature.
    public init(fifths: Int, mode: Mode = .major) {
        let majorFifths = fifths + mode.fifthsBelowMajor
        // Walking the circle of fifths from C: each step is a fifth up (7 semitones, 4 letters).
        let letterIndex = ((majorFifths * 4) % 7 + 7) % 7
        let letter = Key.letters[letterIndex]
        let semitones = ((majorFifths * 7) % 12 + 12) % 12
        var alteration = semitones - Key.naturalPitchClass(letter)
        if alteration > 6 { alteration -= 12 }
        if alteration < -6 { alteration += 12 }
        self.init(tonicLetter: letter, tonicAlteration: alteration, mode: mode)
    }

    /// C major, also used for ABC's `K:none`.
    public static let cMajor = Key(tonicLetter: "C")

    /// The number of sharps in the signature (negative: flats), -7…7 for usual keys.
    public var fifths: Int {
        let letterFifths = ["F": -1, "C": 0, "G": 1, "D": 2, "A": 3, "E": 4, "B": 5][String(tonicLetter)]!
        return letterFifths + 7 * tonicAlteration - mode.fifthsBelowMajor
    }

    /// The tonic's pitch class, 0 (C) to 11 (B).
    public var tonicPitchClass: Int { ((Key.naturalPitchClass(tonicLetter) + tonicAlteration) % 12 + 12) % 12 }

    /// The alteration the signature gives to notes on `letter` (uppercase A–G): -1, 0 or +1 (or ±2 beyond seven accidentals).
    public func signatureAlteration(of letter: Character) -> Int {
        let sharpOrder: [Character] = ["F", "C", "G", "D", "A", "E", "B"]
        let position = sharpOrder.firstIndex(of: letter)!
        let fifths = self.fifths
        if fifths >= 0 { return (fifths - position + 6) / 7 }
        return -((-fifths - (6 - position) + 6) / 7)
    }

    /// The key as ABC writes it in a `K:` field, such as "F#m" or "Dmix".
    public var abcName: String {
        let accidental = tonicAlteration > 0 ? String(repeating: "#", count: tonicAlteration)
            : String(repeating: "b", count: -tonicAlteration)
        return "\(tonicLetter)\(accidental)\(mode.abcSuffix)"
    }

    public var description: String {
        let accidental = tonicAlteration > 0 ? String(repeating: "♯", count: tonicAlteration)
            : String(repeating: "♭", count: -tonicAlteration)
        return "\(tonicLetter)\(accidental) \(mode.rawValue)"
    }

    static let letters: [Character] = ["C", "D", "E", "F", "G", "A", "B"]

    static func naturalPitchClass(_ letter: Character) -> Int {
        ["C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11][String(letter)]!
    }
}
