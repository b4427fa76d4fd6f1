import AtomicWrite
import Foundation

/// A Standard MIDI File held in memory: the tempo, meter and key from its first track, and the
/// notes of each instrument. Times are exact whole-note fractions, as everywhere in Belamy.
public struct MIDIFile: Hashable, Sendable {
    /// How the tracks are laid out on disk.
    public enum Format: Int, Sendable {
        /// Format 0: everything in one track, instruments told apart by channel.
        case singleTrack = 0
        /// Format 1: a first track for tempo, meter and key, then one track per instrument.
        case multipleTracks = 1
    }

    /// The layout used when writing (and found when reading).
    public var format: Format
    /// The time resolution: ticks per quarter note. 480 holds sixteenths, triplets and quintuplets exactly.
    public var ticksPerQuarterNote: Int
    /// The tempo (the first tempo event of a file read; later tempo changes are not kept).
    public var tempo: Tempo
    /// The time signature, if any.
    public var meter: Meter?
    /// The key signature, if any (MIDI knows only major and minor; other modes are written as their major signature).
    public var key: Key?
    /// The instruments, each with its notes.
    public var tracks: [MIDITrack]

    /// Largest MIDI file read; whole symphonies take a few hundred kilobytes.
    public static let maximumFileByteCount = 50_000_000

    /// A MIDI file with these parts.
    public init(format: Format = .multipleTracks, ticksPerQuarterNote: Int = 480, tempo: Tempo = .standard,
                meter: Meter? = nil, key: Key? = nil, tracks: [MIDITrack]) {
        precondition((1 ... 0x7FFF).contains(ticksPerQuarterNote), "MIDI allows 1 to 32767 ticks per quarter note")
        self.format = format
        self.ticksPerQuarterNote = ticksPerQuarterNote
        self.tempo = tempo
        self.meter = meter
        self.key = key
        self.tracks = tracks
    }

    /// A one-track file playing `tune` (its rests are the silences between notes) on General MIDI `program`.
    public init(tune: Tune, program: Int = 0, format: Format = .multipleTracks) {
        self.init(format: format, tempo: tune.tempo ?? .standard, meter: tune.meter, key: tune.key,
                  tracks: [MIDITrack(name: tune.title, program: program, notes: tune.notes.filter { !$0.isRest })])
    }

    /// Reads the MIDI file at `url`.
    public init(contentsOf url: URL) throws {
        if let reason = FileSizeLimit.reasonToRefuse(url, maximumByteCount: Self.maximumFileByteCount) {
            throw MIDIError.cannotRead(url.path, reason: reason)
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MIDIError.cannotRead(url.path, reason: (error as NSError).localizedFailureReason ?? "unreadable")
        }
        do { self = try MIDIFile(data: data) } catch let error as MIDIError {
            throw error.naming(url.lastPathComponent)
        }
    }

    /// Writes the file to `url` atomically; the same file always gives the same bytes.
    public func write(to url: URL) throws {
        try AtomicFile.write(data(), to: url)
    }
}

/// One instrument's part in a MIDI file.
public struct MIDITrack: Hashable, Sendable {
    /// The track name (empty when none).
    public var name: String
    /// The MIDI channel, 0–15 (9 is percussion in General MIDI).
    public var channel: Int
    /// The General MIDI program (instrument), 0–127.
    public var program: Int
    /// The notes, in time order; rests are not stored in MIDI.
    public var notes: [Note]

    /// A track of `notes` on `channel`, played by `program`.
    public init(name: String = "", channel: Int = 0, program: Int = 0, notes: [Note]) {
        precondition((0 ... 15).contains(channel) && (0 ... 127).contains(program), "MIDI channel is 0–15, program 0–127")
        self.name = name
        self.channel = channel
        self.program = program
        self.notes = notes
    }
}
