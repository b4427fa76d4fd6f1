import AtomicWrite
import Foundation
import Media

/// Writes a composed tune three ways, side by side: a WAV (44.1 kHz, 16-bit, the instrument in a
/// small room), a Standard MIDI File and ABC notation. The same tune always gives the same bytes.
public enum MelodyRenderer {
    /// The files written for one tune.
    public struct Files: Sendable {
        public var wav: URL
        public var midi: URL
        public var abc: URL
    }

    /// The General MIDI program closest to each instrument, so the .mid sounds like the .wav.
    static func midiProgram(for instrument: any Instrument) -> Int {
        switch instrument.name {
        case "flute": return 73
        case "piano": return 0
        default: return 24  // nylon-string guitar, for the plucked string
        }
    }

    /// The audio of `tune` played by `instrument`, from its first note. A tune that opens with a
    /// pickup is written as a first bar of rest ending in the pickup, which is right on paper (and in
    /// the MIDI file, whose bars line up with the ABC) but would open a recording with up to a bar of silence.
    public static func audio(of tune: Tune, instrument: any Instrument) -> AudioBuffer {
        let firstSound = tune.notes.first { !$0.isRest }?.start ?? .zero
        let notes = tune.notes.filter { $0.start >= firstSound }.map { note in
            var played = note
            played.start -= firstSound
            return played
        }
        return Synthesizer(instrument: instrument, sampleRate: 44100, reverb: Reverb()).render(notes, tempo: tune.tempo ?? .standard)
    }

    /// Writes `tune` to `wav` and, beside it, the same name with `.mid` and `.abc` (all three or
    /// none of them); returns the ABC text.
    @discardableResult
    public static func write(_ tune: Tune, instrument: any Instrument, to wav: URL) throws -> (abc: String, files: Files) {
        let base = wav.deletingPathExtension()
        let files = Files(wav: wav, midi: base.appendingPathExtension("mid"), abc: base.appendingPathExtension("abc"))
        let abc = ABCWriter.text(of: tune)
        try AtomicFile.write([(try WAVFile.encode(audio(of: tune, instrument: instrument)), files.wav),
                              (MIDIFile(tune: tune, program: midiProgram(for: instrument)).data(), files.midi),
                              (Data(ABCWriter.text(of: [tune]).utf8), files.abc)])
        return (abc, files)
    }
}
