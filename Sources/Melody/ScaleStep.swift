import Media

/// A pitch named relative to a tune's tonic and mode: a scale degree (1–7), possibly raised a
/// semitone, in an octave counted from the tonic pitch (0 is the octave starting on the tonic).
///
/// In-scale notes are plain degrees, whatever the mode, so "the sixth" of A dorian (F♯) and of
/// A minor (F) are the same symbol and a model learns one thing about it. A note outside the
/// mode's scale is always spelled as the degree below it raised ("♯4" in major, "♯7" — the leading
/// tone — in minor, "♯6" for the flat seventh of a major tune): one canonical spelling per pitch
/// keeps the encoding exact and unambiguous. Each mode uses 12 of the 14 spellings per octave;
/// the two it never uses are the raised degrees that land on the next degree (♯3 and ♯7 in major).
public struct ScaleStep: Hashable, Sendable, CustomStringConvertible {
    /// The scale degree, 1 (the tonic) to 7.
    public var degree: Int
    /// Whether the degree is raised by a semitone.
    public var isRaised: Bool
    /// Octaves above (positive) or below (negative) the tonic pitch's octave.
    public var octave: Int

    /// The step on `degree` (1–7), raised or not, `octave` octaves from the tonic's.
    public init(degree: Int, isRaised: Bool = false, octave: Int = 0) {
        precondition((1 ... 7).contains(degree), "a scale degree is 1 to 7")
        self.degree = degree
        self.isRaised = isRaised
        self.octave = octave
    }

    /// The step for the note `interval` semitones above the tonic pitch (negative: below) in `mode`.
    public init(interval: Int, mode: Key.Mode) {
        let scale = mode.scale
        let octave = Int((Double(interval) / 12).rounded(.down))
        let withinOctave = interval - 12 * octave
        if let index = scale.firstIndex(of: withinOctave) {
            self.init(degree: index + 1, octave: octave)
        } else {
            // Diatonic scales have no two semitone steps in a row, so the pitch a semitone below
            // an out-of-scale note is always in the scale.
            self.init(degree: scale.firstIndex(of: withinOctave - 1)! + 1, isRaised: true, octave: octave)
        }
    }

    /// Semitones above the tonic pitch (negative: below) of this step in `mode`.
    public func interval(in mode: Key.Mode) -> Int {
        12 * octave + mode.scale[degree - 1] + (isRaised ? 1 : 0)
    }

    /// Whether `mode` spells some pitch this way (false for a raised degree that lands on the next degree).
    public func isCanonical(in mode: Key.Mode) -> Bool {
        ScaleStep(interval: interval(in: mode), mode: mode) == self
    }

    /// "5", "#4'", "7," — the degree, "#" when raised, one "'" per octave up and one "," per octave down.
    public var description: String {
        (isRaised ? "#" : "") + String(degree)
            + String(repeating: octave > 0 ? "'" : ",", count: abs(octave))
    }

    /// Reads a step written by `description`; nil if `text` is not one.
    public init?(_ text: String) {
        var characters = Substring(text)
        let isRaised = characters.first == "#"
        if isRaised { characters = characters.dropFirst() }
        guard let digit = characters.first, let degree = Int(String(digit)), (1 ... 7).contains(degree) else { return nil }
        let marks = characters.dropFirst()
        guard marks.allSatisfy({ $0 == "'" }) || marks.allSatisfy({ $0 == "," }) else { return nil }
        self.init(degree: degree, isRaised: isRaised, octave: marks.first == "," ? -marks.count : marks.count)
    }
}

extension Key.Mode {
    /// The mode's seven scale tones as semitones above the tonic.
    public var scale: [Int] {
        switch self {
        case .major: return [0, 2, 4, 5, 7, 9, 11]
        case .dorian: return [0, 2, 3, 5, 7, 9, 10]
        case .phrygian: return [0, 1, 3, 5, 7, 8, 10]
        case .lydian: return [0, 2, 4, 6, 7, 9, 11]
        case .mixolydian: return [0, 2, 4, 5, 7, 9, 10]
        case .minor: return [0, 2, 3, 5, 7, 8, 10]
        case .locrian: return [0, 1, 3, 5, 6, 8, 10]
        }
    }

    /// Whether the pitch class `interval` semitones above the tonic belongs to the mode's scale.
    public func contains(interval: Int) -> Bool {
        scale.contains(((interval % 12) + 12) % 12)
    }
}
