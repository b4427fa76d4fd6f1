import Foundation

/// A plucked string by the Karplus–Strong method: a burst of noise circulates in a delay line one
/// period long, and a gentle low-pass in the loop makes the upper partials die first, as on a guitar
/// or harp. Harder plucks start brighter.
public struct PluckedString: Instrument {
    public let name = "plucked"
    public let releaseTime = 0.08

    /// The plucked string with its standard voicing.
    public init() {}

    public func render(frequency: Double, held: Double, velocity: Double, sampleRate: Int, seed: UInt64) -> [Float] {
        let rate = Double(sampleRate)
        // The loop filter (1 − s)·x[n] + s·x[n−1] is Karplus and Strong's two-point average (s = ½) at
        // 44.1 kHz; at other rates s is chosen so that each partial loses as much per second, keeping
        // the tone the same. It delays by about s samples; the delay line, read with linear
        // interpolation, supplies the rest of the period so the pitch is in tune.
        let lossProduct = min(0.25, 0.25 * pow(rate / 44100, 2))
        let stretch = (1 - (1 - 4 * lossProduct).squareRoot()) / 2
        let delay = max(2, rate / frequency - stretch)
        let lineLength = Int(delay) + 2
        var line = [Double](repeating: 0, count: lineLength)
        var noise = NoiseSource(seed: seed)
        // The pluck: noise, low-passed twice, more for soft notes, which sound darker.
        let cutoff = 2500 + 9000 * velocity
        let brightness = 1 - exp(-2 * Double.pi * cutoff / rate)
        var first = 0.0, second = 0.0
        for index in 0 ..< lineLength {
            first += brightness * (noise.next() - first)
            second += brightness * (first - second)
            line[index] = second
        }
        // Centred and scaled, so every pluck starts equally strong whatever the noise drew.
        let mean = line.reduce(0, +) / Double(lineLength)
        let largest = line.map { abs($0 - mean) }.max() ?? 1
        for index in line.indices { line[index] = (line[index] - mean) / max(largest, 1e-9) }
        // Ring time falls with pitch: about 4 s at 110 Hz, 1.3 s at 880 Hz (60 dB down).
        let ringTime = min(6, 4 * pow(110 / frequency, 0.55))
        let loopGain = pow(0.001, 1 / (ringTime * frequency))
        let envelope = Envelope(attack: 0.003, decay: 10, sustain: 1, release: releaseTime)
        let count = Int((envelope.length(held: held) * rate).rounded(.up))
        var output = [Float](repeating: 0, count: count)
        var writeIndex = 0
        var previous = 0.0
        var dcInput = 0.0, dcOutput = 0.0
        for n in 0 ..< count {
            let readPosition = Double(writeIndex) - delay
            let wrapped = readPosition < 0 ? readPosition + Double(lineLength) : readPosition
            let base = Int(wrapped), fraction = wrapped - Double(base)
            let delayed = line[base % lineLength] * (1 - fraction) + line[(base + 1) % lineLength] * fraction
            let value = loopGain * ((1 - stretch) * delayed + stretch * previous)
            previous = delayed
            line[writeIndex] = value
            writeIndex = (writeIndex + 1) % lineLength
            // The noise burst carries a DC offset; a one-pole high-pass removes it so notes start and end at zero.
            dcOutput = value - dcInput + 0.995 * dcOutput
            dcInput = value
            output[n] = Float(dcOutput * envelope.level(at: Double(n) / rate, held: held) * (0.4 + 0.6 * velocity))
        }
        return output
    }
}
