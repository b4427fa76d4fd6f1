import Foundation
import XCTest
@testable import Media

/// Standard MIDI Files: Belamy's own round trips, files written by mido, and damaged files.
final class MIDIFileTests: XCTestCase {
    private func melody() -> [Note] {
        // A dotted rhythm, a triplet and a repeated pitch: all exact at 480 ticks per quarter.
        let lengths = [Fraction(3, 16), Fraction(1, 16), Fraction(1, 12), Fraction(1, 12), Fraction(1, 12), Fraction(1, 4), Fraction(1, 4)]
        var start = Fraction.zero
        return zip([67, 69, 71, 72, 74, 74, 79], lengths).enumerated().map { index, pair in
            defer { start += pair.1 }
            return Note(pitch: pair.0, start: start, duration: pair.1, velocity: 60 + index)
        }
    }

    func testFormat1RoundTripKeepsEverything() throws {
        let bass = MIDITrack(name: "Bass", channel: 1, program: 32, notes: [Note(pitch: 43, start: .zero, duration: Fraction(1, 2), velocity: 70),
                                                                          Note(pitch: 50, start: Fraction(1, 2), duration: Fraction(1, 4), velocity: 70)])
        let file = MIDIFile(format: .multipleTracks, tempo: Tempo(beatsPerMinute: 96), meter: Meter(beats: 6, beatUnit: 8),
                            key: Key(tonicLetter: "E", mode: .minor),
                            tracks: [MIDITrack(name: "Flute", channel: 0, program: 73, notes: melody()), bass])
        let again = try MIDIFile(data: file.data())
        XCTAssertEqual(again, file)
    }

    func testFormat0RoundTripAndSameBytesEveryTime() throws {
        let file = MIDIFile(format: .singleTrack, ticksPerQuarterNote: 96, tempo: Tempo(beatsPerMinute: 60, beat: Fraction(3, 8)),
                            meter: Meter(beats: 3, beatUnit: 4), key: Key(tonicLetter: "B", tonicAlteration: -1),
                            tracks: [MIDITrack(name: "Tune", program: 0, notes: melody())])
        let data = file.data()
        XCTAssertEqual(data, file.data())
        let again = try MIDIFile(data: data)
        XCTAssertEqual(again.format, .singleTrack)
        XCTAssertEqual(again.tracks, file.tracks)
        XCTAssertEqual(again.tempo.quarterNotesPerMinute, 90, accuracy: 1e-4)  // 666 667 µs per quarter
        XCTAssertEqual(again.meter, file.meter)
        XCTAssertEqual(again.key, file.key)
    }

    func testTuneBecomesAOneTrackFileWithoutRests() throws {
        let tune = try ABCReader.read(text: "X:1\nT:Jig\nM:6/8\nL:1/8\nQ:3/8=120\nK:D\nA | d2 z f>ed |]", source: "t").tunes[0]
        let file = MIDIFile(tune: tune, program: 24)
        XCTAssertEqual(file.tracks.count, 1)
        XCTAssertEqual(file.tracks[0].name, "Jig")
        XCTAssertEqual(file.tracks[0].notes.map(\.pitch), [69, 74, 78, 76, 74])
        XCTAssertEqual(file.tempo.quarterNotesPerMinute, 180, accuracy: 1e-9)
        let again = try MIDIFile(data: file.data())
        XCTAssertEqual(again.tracks[0].notes.map(\.start), tune.notes.filter { !$0.isRest }.map(\.start))
        XCTAssertEqual(again.key, Key(tonicLetter: "D"))
    }

    func testWritesFilesAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-midi-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("song.mid")
        let file = MIDIFile(tracks: [MIDITrack(notes: melody())])
        try file.write(to: url)
        XCTAssertEqual(try MIDIFile(contentsOf: url), file)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["song.mid"])
    }

    func testReadsMidoFiles() throws {
        for name in ["mido_format1", "mido_format0"] {
            let file = try MIDIFile(contentsOf: MusicFixtures.url("midi/\(name).mid"))
            let expected = try JSONDecoder().decode(MidoReading.self, from: Data(contentsOf: MusicFixtures.url("midi/\(name).mido.json")))
            XCTAssertEqual(file.format.rawValue, expected.type)
            XCTAssertEqual(file.ticksPerQuarterNote, expected.ticks_per_beat)
            // mido lists notes per track; Belamy per track and channel, leaving out tracks without notes.
            let midoNotes = expected.tracks.flatMap { $0 }.sorted { $0.lexicographicallyPrecedes($1) }
            let ticksPerWhole = Fraction(4 * file.ticksPerQuarterNote)
            let ours = file.tracks.flatMap { track in
                track.notes.map { note in
                    [track.channel, note.pitch!, (note.start * ticksPerWhole).numerator, (note.end * ticksPerWhole).numerator, note.velocity]
                }
            }.sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(ours, midoNotes, name)
        }
        let format1 = try MIDIFile(contentsOf: MusicFixtures.url("midi/mido_format1.mid"))
        XCTAssertEqual(format1.tracks.map(\.name), ["Flute", "Bass"])
        XCTAssertEqual(format1.tracks.map(\.program), [73, 32])
        XCTAssertEqual(format1.meter, Meter(beats: 6, beatUnit: 8))
        XCTAssertEqual(format1.key, Key(tonicLetter: "B", mode: .minor))
        XCTAssertEqual(format1.tempo.quarterNotesPerMinute, 100, accuracy: 1e-9)
        let format0 = try MIDIFile(contentsOf: MusicFixtures.url("midi/mido_format0.mid"))
        XCTAssertEqual(format0.tracks.map(\.channel), [0, 2])
        XCTAssertEqual(format0.tracks.map(\.program), [0, 24])
        XCTAssertEqual(format0.tempo.quarterNotesPerMinute, 90, accuracy: 1e-4)
        // Two quarter-note triplets' worth of ticks (160 of 480) are exact thirds.
        XCTAssertEqual(format0.tracks[0].notes[3].duration, Fraction(1, 12))
    }

    func testBadFilesAreTypedErrorsWithOneLine() throws {
        let good = try Data(contentsOf: MusicFixtures.url("midi/mido_format1.mid"))
        var wrongFormat = good
        wrongFormat[9] = 2
        var smpte = good
        smpte[12] = 0xE7
        var badStatus = good
        badStatus[0x5A] = 0xF4  // where the melody's first note-on status is
        let cases: [(Data, String)] = [
            (Data(), "empty"),
            (Data("RIFF....WAVEfmt ".utf8), "not a Standard MIDI File"),
            (good.prefix(10), "cut off"),
            (good.prefix(100), "cut off"),
            (good.prefix(good.count - 1), "cut off"),
            (wrongFormat, "format 2"),
            (smpte, "SMPTE"),
            (badStatus, "damaged"),
        ]
        for (data, expected) in cases {
            XCTAssertThrowsError(try MIDIFile(data: data)) { error in
                XCTAssertTrue(error is MIDIError)
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
        XCTAssertThrowsError(try MIDIFile(contentsOf: URL(fileURLWithPath: "/nonexistent/a.mid"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot read MIDI file"), "\(error)")
        }
    }
}

/// mido's reading of a fixture, as make_audio_fixtures.py writes it.
private struct MidoReading: Decodable {
    var type: Int
    var ticks_per_beat: Int
    /// Per track: [channel, pitch, start tick, end tick, velocity] per note.
    var tracks: [[[Int]]]
}
