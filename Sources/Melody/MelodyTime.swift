import Media

/// The encoding's clock: 48 ticks per quarter note (192 per whole note), the finest grid on which
/// both binary lengths down to a 64th and triplets down to a 16th-note triplet are whole numbers.
public enum MelodyTime {
    /// Ticks in a whole note.
    public static let ticksPerWholeNote = 192

    /// `length` (in whole notes) in ticks, or nil when it does not fall on the grid (quintuplets, septuplets…).
    public static func ticks(of length: Fraction) -> Int? {
        let scaled = length * Fraction(ticksPerWholeNote)
        return scaled.denominator == 1 ? scaled.numerator : nil
    }

    /// `ticks` as a length in whole notes.
    public static func fraction(ticks: Int) -> Fraction {
        Fraction(ticks, ticksPerWholeNote)
    }

    /// The name of a length in token form: a fraction of a whole note, always with a "/" ("3/8",
    /// "1/12", "2/1") so that it never reads as a scale step.
    static func name(ticks: Int) -> String {
        let length = fraction(ticks: ticks)
        return "\(length.numerator)/\(length.denominator)"
    }

    /// Reads a length written by `name(ticks:)`; nil otherwise.
    static func ticks(fromName name: String) -> Int? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let numerator = Int(parts[0]), let denominator = Int(parts[1]),
              numerator > 0, denominator > 0 else { return nil }
        // Only the canonical spelling names a token ("2/16" is not one).
        let length = Fraction(numerator, denominator)
        guard length.numerator == numerator && length.denominator == denominator else { return nil }
        return ticks(of: length)
    }
}
