/// A time signature such as 6/8: `beats` notes of length 1/`beatUnit` per bar.
public struct Meter: Hashable, Sendable, CustomStringConvertible {
    /// The upper number of the time signature.
    public var beats: Int
    /// The lower number of the time signature (a power of two).
    public var beatUnit: Int

    /// The meter `beats`/`beatUnit`.
    public init(beats: Int, beatUnit: Int) {
        precondition(beats > 0 && beatUnit > 0, "a meter needs positive numbers")
        self.beats = beats
        self.beatUnit = beatUnit
    }

    /// The length of one bar in whole notes.
    public var barLength: Fraction { Fraction(beats, beatUnit) }

    /// Whether the meter is compound (6/8, 9/8, 12/8…): its beats group in threes.
    public var isCompound: Bool { beats % 3 == 0 && beats > 3 }

    public var description: String { "\(beats)/\(beatUnit)" }
}
