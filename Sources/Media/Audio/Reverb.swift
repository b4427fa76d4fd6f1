/// A simple room reverb in the Schroeder–Moorer design (as in Freeverb): four damped feedback
/// combs in parallel make the dense tail, two all-pass filters in series diffuse it.
public struct Reverb: Hashable, Sendable {
    /// How long the tail is, roughly: the combs' feedback, 0…0.95.
    public var roomSize: Double
    /// How much the tail loses its highs on each pass, 0…1.
    public var damping: Double
    /// The share of reverberated sound in the output, 0…1.
    public var wet: Double

    /// A reverb with these settings; the defaults suit a small hall.
    public init(roomSize: Double = 0.8, damping: Double = 0.35, wet: Double = 0.22) {
        precondition((0 ... 0.95).contains(roomSize) && (0 ... 1).contains(damping) && (0 ... 1).contains(wet), "reverb settings out of range")
        self.roomSize = roomSize
        self.damping = damping
        self.wet = wet
    }

    /// Seconds of tail to leave after the last note so the reverb can die away.
    public var tailSeconds: Double { 2.5 * roomSize }

    /// The signal with the reverb mixed in.
    public func apply(to signal: [Double], sampleRate: Int) -> [Double] {
        // Freeverb's delays (samples at 44.1 kHz), mutually prime so their echoes do not line up.
        let scale = Double(sampleRate) / 44100
        let combDelays = [1116, 1188, 1277, 1356].map { max(1, Int(Double($0) * scale)) }
        let allPassDelays = [556, 441].map { max(1, Int(Double($0) * scale)) }
        var tail = [Double](repeating: 0, count: signal.count)
        for delay in combDelays {
            var buffer = [Double](repeating: 0, count: delay)
            var index = 0
            var filtered = 0.0
            for n in signal.indices {
                let output = buffer[index]
                filtered = output * (1 - damping) + filtered * damping
                buffer[index] = signal[n] + filtered * roomSize
                index = (index + 1) % delay
                tail[n] += output / Double(combDelays.count)
            }
        }
        for delay in allPassDelays {
            var buffer = [Double](repeating: 0, count: delay)
            var index = 0
            for n in tail.indices {
                let delayed = buffer[index]
                let input = tail[n]
                buffer[index] = input + delayed * 0.5
                tail[n] = delayed - input
                index = (index + 1) % delay
            }
        }
        return zip(signal, tail).map { dry, reverberated in (1 - wet) * dry + wet * 3 * reverberated }
    }
}
