import Media

/// What the user asks the composer for: key, meter, tempo, length, an optional primer to
/// continue, how adventurous to be, and the seed that makes it repeatable.
public struct MelodyRequest: Sendable {
    public var key: Key
    public var meter: Meter
    /// Beats per minute, a beat being the meter's (a dotted quarter in 6/8, a half in 2/2).
    public var beatsPerMinute: Double
    /// How many bars the tune has.
    public var bars: Int
    /// ABC notes the tune starts with, in `key` and `meter` with an eighth as the unit length.
    public var primer: String?
    /// Softmax temperature: below 1 keeps to the model's favourite moves, above 1 strays.
    public var temperature: Float
    public var seed: UInt64

    /// A request; `temperature` must be positive and `bars` at least 1.
    public init(key: Key, meter: Meter, beatsPerMinute: Double = 100, bars: Int = 16, primer: String? = nil,
                temperature: Float = 1, seed: UInt64) {
        self.key = key
        self.meter = meter
        self.beatsPerMinute = beatsPerMinute
        self.bars = bars
        self.primer = primer
        self.temperature = temperature
        self.seed = seed
    }

    /// The keys a seed picks from when none is asked for, weighted as folk tunes use them.
    public static let keysBySeed: [String] = ["D", "D", "G", "G", "A", "C", "F", "Em", "Am", "Dm", "Edor", "Ador", "Dmix", "Bm"]

    /// A key chosen by `seed`, for a request that names none.
    public static func key(forSeed seed: UInt64) -> Key {
        KeyName.key(keysBySeed[Int(seed % UInt64(keysBySeed.count))])!
    }

    /// The tempo: `beatsPerMinute` counted in the meter's beat.
    public var tempo: Tempo {
        Tempo(beatsPerMinute: beatsPerMinute, beat: Fraction(meter.isCompound ? 3 : 1, meter.beatUnit))
    }

    /// Where the tune sits: the tonic pitch (scale step 1, octave 0) is the key's tonic between A3
    /// and G♯4, so that with `pitchRange` every key lands between D3 and A♯5.
    public var tonicPitch: Int { 57 + (key.tonicPitchClass - 9 + 12) % 12 }

    /// The notes a voice can sing, in semitones from the tonic pitch: a fifth below it to a ninth
    /// above, an octave and a sixth in all, where most folk tunes live.
    public static let pitchRange = -7 ... 14

    /// The lowest and highest MIDI pitch the tune may use.
    public var pitchLimits: ClosedRange<Int> { (tonicPitch + Self.pitchRange.lowerBound) ... (tonicPitch + Self.pitchRange.upperBound) }
}
