import Foundation

/// A soft piano-like tone: struck-string partials, slightly stretched as real strings' are, each
/// decaying faster the higher it is, two strings a hair apart in tune beating slowly, and dampers
/// that stop the sound when the key is released.
public struct SoftPiano: Instrument {
    public let name = "piano"
    public let releaseTime = 0.1

    /// The piano with its standard voicing.
    public init() {}

    public func render(frequency: Double, held: Double, velocity: Double, sampleRate: Int, seed: UInt64) -> [Float] {
        let rate = Double(sampleRate)
        let envelope = Envelope(attack: 0.004, decay: 30, sustain: 1, release: releaseTime)
        let count = Int((envelope.length(held: held) * rate).rounded(.up))
        // Low notes ring longer: about 3 s for the fundamental at middle C.
        let fundamentalDecay = 3 * pow(261.6 / frequency, 0.5)
        let inharmonicity = 0.0004
        // A harder strike brings up the upper partials.
        let tilt = 1.6 - 0.5 * velocity
        var partials: [(rotation: (Double, Double), state: (Double, Double), amplitude: Double, decay: Double)] = []
        for k in 1 ... 12 {
            let partialFrequency = Double(k) * frequency * (1 + inharmonicity * Double(k * k)).squareRoot()
            guard partialFrequency < rate / 3 else { break }
            for detune in [-0.0006, 0.0006] {
                let step = 2 * Double.pi * partialFrequency * (1 + detune) / rate
                // A per-sample rotation: sin and cos advance by multiplication, not by calling sin().
                partials.append(((cos(step), sin(step)), (1, 0), 0.5 / pow(Double(k), tilt),
                                 exp(-1 / (fundamentalDecay / (1 + 0.7 * Double(k - 1)) * rate))))
            }
        }
        var output = [Float](repeating: 0, count: count)
        for n in 0 ..< count {
            var sum = 0.0
            for index in partials.indices {
                let (c, s) = partials[index].rotation
                let (x, y) = partials[index].state
                partials[index].state = (x * c - y * s, x * s + y * c)
                partials[index].amplitude *= partials[index].decay
                sum += partials[index].amplitude * partials[index].state.1
            }
            // The hammer's thump: a quickly fading extra weight on the first 30 ms.
            let time = Double(n) / rate
            let strike = 1 + 0.6 * exp(-time / 0.03)
            output[n] = Float(sum * strike * envelope.level(at: time, held: held) * (0.3 + 0.7 * velocity))
        }
        return output
    }
}
