import Foundation

/// Turns notes into sound: each note rendered by an instrument at its time under a tempo, mixed,
/// optionally reverberated, and scaled so the loudest sample sits at a set level (−1 dBFS by default).
public struct Synthesizer: Sendable {
    /// The voice that plays every note.
    public var instrument: any Instrument
    /// Samples per second of the output.
    public var sampleRate: Int
    /// Room reverb, or nil for a dry sound.
    public var reverb: Reverb?
    /// The level of the loudest sample, in dB relative to full scale.
    public var peakDecibels: Double

    /// A synthesizer playing `instrument` at `sampleRate`, with optional `reverb`, normalised to `peakDecibels`.
    public init(instrument: any Instrument = PluckedString(), sampleRate: Int = 44100, reverb: Reverb? = nil, peakDecibels: Double = -1) {
        precondition(sampleRate >= 8000 && peakDecibels <= 0, "a sample rate of at least 8 kHz and a peak at or below 0 dBFS")
        self.instrument = instrument
        self.sampleRate = sampleRate
        self.reverb = reverb
        self.peakDecibels = peakDecibels
    }

    /// The tune played at its own tempo (or 120 quarter notes a minute).
    public func render(_ tune: Tune) -> AudioBuffer {
        render(tune.notes, tempo: tune.tempo ?? .standard)
    }

    /// The notes played at `tempo`, as mono audio; rests and silence cost nothing.
    public func render(_ notes: [Note], tempo: Tempo) -> AudioBuffer {
        let rate = Double(sampleRate)
        let sounding = notes.filter { $0.pitch != nil && $0.duration > .zero }
        let end = sounding.map { tempo.seconds(at: $0.end) }.max() ?? 0
        let tail = instrument.releaseTime + (reverb?.tailSeconds ?? 0) + 0.05
        var mix = [Double](repeating: 0, count: Int(((end + tail) * rate).rounded(.up)))
        for (index, note) in sounding.enumerated() {
            let startSample = Int((tempo.seconds(at: note.start) * rate).rounded())
            let held = tempo.seconds(at: note.end) - tempo.seconds(at: note.start)
            let samples = instrument.render(frequency: note.frequency!, held: held, velocity: Double(note.velocity) / 127,
                                            sampleRate: sampleRate, seed: UInt64(index))
            for (offset, sample) in samples.enumerated() where startSample + offset < mix.count {
                mix[startSample + offset] += Double(sample)
            }
        }
        if let reverb { mix = reverb.apply(to: mix, sampleRate: sampleRate) }
        let peak = mix.reduce(0) { max($0, abs($1)) }
        let gain = peak > 0 ? pow(10, peakDecibels / 20) / peak : 0
        return AudioBuffer(sampleRate: sampleRate, samples: mix.map { Float($0 * gain) })
    }
}
