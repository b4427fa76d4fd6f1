import Foundation

/// An ADSR envelope: a rise over `attack`, a fall over `decay` to the `sustain` level held while the
/// key is down, then a fall to silence over `release`. The rise and the release follow raised-cosine
/// curves, so the level and its slope start and end at zero: no clicks at either end of a note.
public struct Envelope: Hashable, Sendable {
    /// Seconds from silence to full level.
    public var attack: Double
    /// Seconds from full level down to the sustain level (an exponential approach).
    public var decay: Double
    /// The level held after the decay, 0…1.
    public var sustain: Double
    /// Seconds from the level at key release down to silence.
    public var release: Double

    /// An envelope with these times (seconds) and sustain level.
    public init(attack: Double, decay: Double, sustain: Double, release: Double) {
        precondition(attack > 0 && decay > 0 && release > 0 && (0 ... 1).contains(sustain), "envelope times must be positive")
        self.attack = attack
        self.decay = decay
        self.sustain = sustain
        self.release = release
    }

    /// The level at `time` seconds after the key went down, for a key held `held` seconds.
    public func level(at time: Double, held: Double) -> Double {
        if time < 0 { return 0 }
        if time < held { return keyDownLevel(at: time) }
        let sinceRelease = time - held
        if sinceRelease >= release { return 0 }
        return keyDownLevel(at: held) * 0.5 * (1 + cos(Double.pi * sinceRelease / release))
    }

    /// How long the note sounds in all, release included.
    public func length(held: Double) -> Double { held + release }

    /// The samples of the envelope for a key held `held` seconds, at `sampleRate`.
    public func samples(held: Double, sampleRate: Int) -> [Double] {
        let count = Int((length(held: held) * Double(sampleRate)).rounded(.up))
        return (0 ..< count).map { level(at: Double($0) / Double(sampleRate), held: held) }
    }

    private func keyDownLevel(at time: Double) -> Double {
        if time < attack { return 0.5 * (1 - cos(Double.pi * time / attack)) }
        // The decay starts with zero slope too, joining the attack's rounded top.
        return sustain + (1 - sustain) * exp(-(time - attack) / decay)
    }
}
