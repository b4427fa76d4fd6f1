/// A monophonic tune: its notes in time order (rests included) with the key, meter, unit length
/// and tempo it was written in. What the ABC reader produces, the ABC writer consumes, and the
/// melody model learns from.
public struct Tune: Hashable, Sendable {
    /// The reference number (ABC's `X:`), if any.
    public var number: Int?
    /// The title (the first `T:`), or "" when the tune has none.
    public var title: String
    /// The key at the start of the tune.
    public var key: Key
    /// The meter at the start of the tune; nil for free meter (ABC's `M:none`).
    public var meter: Meter?
    /// The default note length (ABC's `L:`), in whole notes.
    public var unitLength: Fraction
    /// The tempo, if the source gave one.
    public var tempo: Tempo?
    /// The length of the pickup before the first full bar, in whole notes (zero when none).
    public var anacrusis: Fraction
    /// The notes and rests, each starting where the previous one ends, repeats already expanded.
    public var notes: [Note]
    /// Where the tune came from, such as "oneills1850/0001-0050.abc X:5".
    public var source: String

    /// A tune from its parts; `notes` must be in time order.
    public init(number: Int? = nil, title: String = "", key: Key = .cMajor, meter: Meter? = Meter(beats: 4, beatUnit: 4),
                unitLength: Fraction = Fraction(1, 8), tempo: Tempo? = nil, anacrusis: Fraction = .zero,
                notes: [Note], source: String = "") {
        self.number = number
        self.title = title
        self.key = key
        self.meter = meter
        self.unitLength = unitLength
        self.tempo = tempo
        self.anacrusis = anacrusis
        self.notes = notes
        self.source = source
    }

    /// The length of the whole tune in whole notes.
    public var length: Fraction { notes.last?.end ?? .zero }
}
