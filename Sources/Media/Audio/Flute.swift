import Foundation

/// A flute-like wind voice by additive synthesis: a few harmonics falling off steeply, a delayed
/// vibrato that grows in after the attack, a puff of breath noise, and a slow swell.
public struct Flute: Instrument {
    public let name = "flute"
    public let releaseTime = 0.12

    /// Relative amplitudes of harmonics 1…6: mostly fundamental, as a flute's tone is.
    private let harmonics: [Double] = [1, 0.42, 0.18, 0.09, 0.05, 0.025]

    /// The flute with its standard voicing.
    public init() {}

    public func render(frequency: Double, held: Double, velocity: Double, sampleRate: Int, seed: UInt64) -> [Float] {
        let rate = Double(sampleRate)
        let envelope = Envelope(attack: 0.06, decay: 0.15, sustain: 0.82, release: releaseTime)
        let count = Int((envelope.length(held: held) * rate).rounded(.up))
        var output = [Float](repeating: 0, count: count)
        var noise = NoiseSource(seed: seed)
        var breath = 0.0
        var phase = 0.0
        let vibratoRate = 5.2, vibratoDepth = 0.005
        // Harmonics above a third of the sample rate would alias; leave them out.
        let usable = harmonics.enumerated().filter { Double($0.offset + 1) * frequency < rate / 3 }
        for n in 0 ..< count {
            let time = Double(n) / rate
            // Vibrato fades in over the first 0.4 s, as a player's does.
            let vibratoAmount = vibratoDepth * min(1, max(0, (time - 0.15) / 0.4))
            let instantaneous = frequency * (1 + vibratoAmount * sin(2 * Double.pi * vibratoRate * time))
            phase += 2 * Double.pi * instantaneous / rate
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
            var tone = 0.0
            for (index, amplitude) in usable { tone += amplitude * sin(Double(index + 1) * phase) }
            // Breath: low-passed noise, strongest in the attack's first 80 ms.
            breath += 0.15 * (noise.next() - breath)
            let breathLevel = 0.02 + 0.12 * exp(-time / 0.08)
            let level = envelope.level(at: time, held: held) * (0.35 + 0.65 * velocity)
            output[n] = Float(level * (0.6 * tone + breathLevel * breath))
        }
        return output
    }
}
