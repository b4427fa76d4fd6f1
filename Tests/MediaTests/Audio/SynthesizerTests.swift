import Foundation
import XCTest
@testable import Media

/// The synthesizer as a listener would check it: in tune, at the promised level, without clicks,
/// with real overtones, the same every time.
final class SynthesizerTests: XCTestCase {
    private let sampleRate = 22050

    /// Three notes with rests between them, so each start and end can be looked at alone.
    private func staccato() -> [Note] {
        [Note(pitch: 69, start: .zero, duration: Fraction(1, 4), velocity: 100),
         Note(pitch: 64, start: Fraction(1, 2), duration: Fraction(1, 4), velocity: 60),
         Note(pitch: 76, start: Fraction(1), duration: Fraction(1, 8), velocity: 127)]
    }

    /// The amplitude of `frequency` in `samples` (Goertzel), relative to a full-scale sine.
    private func amplitude(of frequency: Double, in samples: ArraySlice<Float>) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / Double(sampleRate))
        var previous = 0.0, beforePrevious = 0.0
        for (index, sample) in samples.enumerated() {
            // A Hann window keeps neighbouring partials from leaking in.
            let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(index) / Double(samples.count - 1))
            let current = Double(sample) * window + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = current
        }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return 4 * power.squareRoot() / Double(samples.count)
    }

    func testEveryInstrumentPeaksAtMinusOneDecibel() {
        for instrument in Instruments.all {
            let audio = Synthesizer(instrument: instrument, sampleRate: sampleRate).render(staccato(), tempo: .standard)
            XCTAssertEqual(Double(audio.peak), pow(10, -1.0 / 20), accuracy: 1e-6, instrument.name)
            XCTAssertEqual(audio.channelCount, 1)
            // 9/8 of a whole note at 120 quarters a minute is 2.25 s, then the release.
            XCTAssertEqual(audio.duration, 2.25 + instrument.releaseTime + 0.05, accuracy: 0.01, instrument.name)
        }
    }

    func testEveryInstrumentIsInTuneWithOvertones() {
        for instrument in Instruments.all {
            let note = Note(pitch: 69, start: .zero, duration: Fraction(1, 2), velocity: 100)
            let audio = Synthesizer(instrument: instrument, sampleRate: sampleRate).render([note], tempo: .standard)
            let steady = audio.samples[2205 ..< 13230]  // 0.1 s to 0.6 s
            let fundamental = amplitude(of: 440, in: steady)
            // In tune: 440 Hz is far stronger than a quarter tone either side.
            XCTAssertGreaterThan(fundamental, 4 * amplitude(of: 427, in: steady), instrument.name)
            XCTAssertGreaterThan(fundamental, 4 * amplitude(of: 453, in: steady), instrument.name)
            // Not a bare sine: the second and third harmonics are there, within 40 dB of the fundamental.
            for harmonic in [2.0, 3.0] {
                let partial = instrument.name == "piano" ? 440 * harmonic * (1 + 0.0004 * harmonic * harmonic).squareRoot() : 440 * harmonic
                XCTAssertGreaterThan(amplitude(of: partial, in: steady), fundamental / 100, "\(instrument.name) harmonic \(harmonic)")
            }
        }
    }

    func testStruckAndPluckedNotesDecayButTheFluteSustains() {
        let long = [Note(pitch: 60, start: .zero, duration: Fraction(1), velocity: 90)]
        func loudness(_ name: String, from start: Double) -> Double {
            let audio = Synthesizer(instrument: Instruments.named(name)!, sampleRate: sampleRate).render(long, tempo: .standard)
            let window = audio.samples[Int(start * Double(sampleRate)) ..< Int((start + 0.1) * Double(sampleRate))]
            return (window.reduce(0) { $0 + Double($1 * $1) } / Double(window.count)).squareRoot()
        }
        XCTAssertLessThan(loudness("plucked", from: 1.5), loudness("plucked", from: 0.1) / 3)
        XCTAssertLessThan(loudness("piano", from: 1.5), loudness("piano", from: 0.1) / 1.5)
        XCTAssertEqual(loudness("flute", from: 1.5), loudness("flute", from: 0.5), accuracy: loudness("flute", from: 0.5) * 0.15)
    }

    func testNotesStartAndEndWithoutClicks() {
        let seconds = Tempo.standard.secondsPerWholeNote
        for instrument in Instruments.all {
            let audio = Synthesizer(instrument: instrument, sampleRate: sampleRate).render(staccato(), tempo: .standard)
            let samples = audio.samples.map(Double.init)
            let slopes = zip(samples.dropFirst(), samples).map { abs($0 - $1) }
            for note in staccato() {
                let onset = Int((note.start.doubleValue * seconds * Double(sampleRate)).rounded())
                let release = Int((note.end.doubleValue * seconds * Double(sampleRate)).rounded())
                let silence = release + Int(instrument.releaseTime * Double(sampleRate)) + 2
                // Before the note and after its release there is silence, and it is reached smoothly.
                if onset > 0 { XCTAssertEqual(samples[onset - 1], 0, instrument.name) }
                XCTAssertLessThan(samples[silence ..< silence + 100].map(abs).max()!, 1e-6, instrument.name)
                // The first 0.3 ms rises gently, whatever the instrument's attack.
                XCTAssertLessThan(samples[onset ..< onset + 7].map(abs).max()!, 0.1, "\(instrument.name) onset")
                // No step at the release or in its tail larger than the note's own steepest moment while held.
                let held = slopes[(onset + 200) ..< release].max()!
                XCTAssertLessThanOrEqual(slopes[release ..< silence].max()!, held * 1.05, "\(instrument.name) release")
            }
        }
    }

    func testReverbLeavesATailAndStaysNormalised() {
        let dry = Synthesizer(instrument: SoftPiano(), sampleRate: sampleRate).render(staccato(), tempo: .standard)
        let wet = Synthesizer(instrument: SoftPiano(), sampleRate: sampleRate, reverb: Reverb()).render(staccato(), tempo: .standard)
        XCTAssertGreaterThan(wet.duration, dry.duration + 1.5)
        XCTAssertEqual(Double(wet.peak), pow(10, -1.0 / 20), accuracy: 1e-6)
        // Half a second after the last note is released, the room still sounds.
        let after = wet.samples[Int(1.9 * Double(sampleRate)) ..< Int(2.0 * Double(sampleRate))]
        XCTAssertGreaterThan(after.map(abs).max()!, 0.001)
    }

    func testSameNotesGiveTheSameSamplesAndATuneUsesItsTempo() throws {
        let tune = try ABCReader.read(text: "X:1\nM:3/4\nL:1/4\nQ:1/4=60\nK:G\nG A B | d2 z |]", source: "t").tunes[0]
        let synthesizer = Synthesizer(instrument: PluckedString(), sampleRate: sampleRate)
        XCTAssertEqual(synthesizer.render(tune), synthesizer.render(tune))
        // Five beats at 60 a minute, the last a rest, then the release.
        XCTAssertEqual(synthesizer.render(tune).duration, 5 + 0.08 + 0.05, accuracy: 0.01)
        XCTAssertEqual(synthesizer.render([], tempo: .standard).peak, 0)
    }

    func testEnvelopeIsSmoothAtEveryJoin() {
        let envelope = Envelope(attack: 0.01, decay: 0.1, sustain: 0.6, release: 0.05)
        XCTAssertEqual(envelope.level(at: 0, held: 1), 0)
        XCTAssertEqual(envelope.level(at: 0.01, held: 1), 1, accuracy: 1e-12)
        XCTAssertEqual(envelope.level(at: 0.9, held: 1), 0.6, accuracy: 1e-3)
        XCTAssertEqual(envelope.level(at: 1.05, held: 1), 0, accuracy: 1e-12)
        XCTAssertEqual(envelope.length(held: 1), 1.05)
        // Released during the attack, it falls from where it had got to.
        XCTAssertEqual(envelope.level(at: 0.005, held: 0.005), 0.5, accuracy: 1e-12)
        XCTAssertLessThan(envelope.level(at: 0.006, held: 0.005), 0.5)
        let steps = envelope.samples(held: 0.3, sampleRate: 44100)
        let largestStep = zip(steps.dropFirst(), steps).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(largestStep, 0.004)
    }

    func testInstrumentsAreFoundByName() {
        XCTAssertEqual(Instruments.all.map(\.name), ["plucked", "flute", "piano"])
        XCTAssertEqual(Instruments.named("Flute")?.name, "flute")
        XCTAssertNil(Instruments.named("theremin"))
    }
}
