/// A voice of the synthesizer: turns one note into samples.
public protocol Instrument: Sendable {
    /// The instrument's name on the command line ("plucked", "flute", "piano").
    var name: String { get }
    /// How long the sound lasts after the key is released, in seconds.
    var releaseTime: Double { get }
    /// One note of `frequency` Hz held for `held` seconds at `velocity` (0…1), including its release;
    /// `seed` fixes any noise in the sound, so the same note always sounds the same.
    func render(frequency: Double, held: Double, velocity: Double, sampleRate: Int, seed: UInt64) -> [Float]
}

/// The instruments Belamy ships.
public enum Instruments {
    /// Every instrument, in the order the command line lists them.
    public static let all: [any Instrument] = [PluckedString(), Flute(), SoftPiano()]

    /// The instrument called `name`, if there is one.
    public static func named(_ name: String) -> (any Instrument)? {
        all.first { $0.name == name.lowercased() }
    }
}

/// A small seeded noise source (SplitMix64) for the instruments' breath and pluck noise; Media does
/// not depend on NeuralCore, and sound needs no better randomness than this.
struct NoiseSource {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// A uniform value in [-1, 1).
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-52 - 1
    }
}
