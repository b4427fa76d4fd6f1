import Foundation
import XCTest
@testable import Media

/// The ABC reader on small tunes written for each feature, on the hand-written styles fixture, and
/// on real tunes from the music21 corpus checked against music21's own reading.
final class ABCReaderTests: XCTestCase {
    private func tune(_ body: String, header: String = "M:4/4\nL:1/8\nK:C") throws -> Tune {
        let book = try ABCReader.read(text: "X:1\nT:Test\n\(header)\n\(body)\n", source: "test")
        XCTAssertEqual(book.warnings, [])
        return book.tunes[0]
    }

    private func pitches(_ tune: Tune) -> [Int?] { tune.notes.map(\.pitch) }
    private func lengths(_ tune: Tune) -> [Fraction] { tune.notes.map(\.duration) }

    func testHeaderFieldsAndPlainNotes() throws {
        let tune = try tune("C D E F | G A B c | c' C, z2 |]", header: "M:3/4\nL:1/4\nQ:1/4=96\nK:G")
        XCTAssertEqual(tune.title, "Test")
        XCTAssertEqual(tune.number, 1)
        XCTAssertEqual(tune.meter, Meter(beats: 3, beatUnit: 4))
        XCTAssertEqual(tune.key, Key(tonicLetter: "G"))
        XCTAssertEqual(tune.tempo, Tempo(beatsPerMinute: 96))
        // G major: every F is F sharp; C is middle C (60), c an octave up, c' and C, beyond.
        XCTAssertEqual(pitches(tune), [60, 62, 64, 66, 67, 69, 71, 72, 84, 48, nil])
        XCTAssertEqual(tune.notes.last, .rest(start: Fraction(5, 2), duration: Fraction(1, 2)))
    }

    func testLengthsAreExactFractionsOfTheUnit() throws {
        let tune = try tune("A A2 A/ A// A/4 A3/2 A3/ A2/3")
        let eighth = Fraction(1, 8)
        XCTAssertEqual(lengths(tune), [1, 2, Fraction(1, 2), Fraction(1, 4), Fraction(1, 4), Fraction(3, 2), Fraction(3, 2), Fraction(2, 3)].map { $0 * eighth })
        XCTAssertEqual(tune.notes[3].start, Fraction(1, 8) + Fraction(2, 8) + Fraction(1, 16))
    }

    func testDefaultUnitLengthFollowsTheMeter() throws {
        XCTAssertEqual(try tune("A", header: "M:2/4\nK:C").unitLength, Fraction(1, 16))
        XCTAssertEqual(try tune("A", header: "M:6/8\nK:C").unitLength, Fraction(1, 8))
        XCTAssertEqual(try tune("A", header: "K:C").unitLength, Fraction(1, 8))
        XCTAssertEqual(try tune("A", header: "M:2/4\nK:C").notes[0].duration, Fraction(1, 16))
    }

    func testMetersAsCollectionsWriteThem() throws {
        XCTAssertEqual(try tune("A", header: "M:C\nK:C").meter, Meter(beats: 4, beatUnit: 4))
        XCTAssertEqual(try tune("A", header: "M:C|\nK:C").meter, Meter(beats: 2, beatUnit: 2))
        XCTAssertNil(try tune("A", header: "M:none\nK:C").meter)
        XCTAssertNil(try tune("A", header: "M: FREI4/4\nK:C").meter)
        XCTAssertEqual(try tune("A", header: "M:2+3/8\nK:C").meter, Meter(beats: 5, beatUnit: 8))
    }

    func testKeysWithModes() throws {
        let cases: [(String, Key, [Int])] = [
            ("Dmix", Key(tonicLetter: "D", mode: .mixolydian), [60, 66]),       // C natural, F sharp
            ("D Mixolydian", Key(tonicLetter: "D", mode: .mixolydian), [60, 66]),
            ("Ador", Key(tonicLetter: "A", mode: .dorian), [60, 66]),
            ("Gm", Key(tonicLetter: "G", mode: .minor), [60, 65]),
            ("F#m", Key(tonicLetter: "F", tonicAlteration: 1, mode: .minor), [61, 66]),
            ("Bb", Key(tonicLetter: "B", tonicAlteration: -1), [60, 65]),
            ("EM", Key(tonicLetter: "E", mode: .minor), [60, 66]),
            ("Hp", Key(tonicLetter: "A", mode: .mixolydian), [61, 66]),
            ("none", Key.cMajor, [60, 65]),
            ("D =c", Key(tonicLetter: "D"), [60, 66]),
            ("G clef=treble", Key(tonicLetter: "G"), [60, 66]),
        ]
        for (field, key, expected) in cases {
            let read = try tune("C F", header: "L:1/4\nK:\(field)")
            XCTAssertEqual(read.key, key, field)
            XCTAssertEqual(pitches(read), expected, field)
        }
    }

    func testKeySignatureArithmetic() {
        XCTAssertEqual(Key(tonicLetter: "E", tonicAlteration: -1).fifths, -3)
        XCTAssertEqual(Key(tonicLetter: "F", tonicAlteration: 1, mode: .minor).fifths, 3)
        XCTAssertEqual(Key(fifths: -3, mode: .minor), Key(tonicLetter: "C", mode: .minor))
        XCTAssertEqual(Key(fifths: 6), Key(tonicLetter: "F", tonicAlteration: 1))
        XCTAssertEqual(Key(tonicLetter: "C", tonicAlteration: 1).signatureAlteration(of: "B"), 1)
        XCTAssertEqual(Key(tonicLetter: "A", tonicAlteration: 1).signatureAlteration(of: "F"), 2)
    }

    func testAccidentalsLastUntilTheBarLine() throws {
        // ABC 2.1: an accidental holds for its letter in every octave until the bar line.
        let tune = try tune("^F F f =F | F _B B ^^C __D", header: "L:1/4\nK:G")
        XCTAssertEqual(pitches(tune), [66, 66, 78, 65, 66, 70, 70, 62, 60])
    }

    func testBrokenRhythmAndTuplets() throws {
        let broken = try tune("A>B A<B A>>B A2>B")
        let inEighths: [Fraction] = [Fraction(3, 2), Fraction(1, 2), Fraction(1, 2), Fraction(3, 2), Fraction(7, 4), Fraction(1, 4), 3, Fraction(1, 2)]
        XCTAssertEqual(lengths(broken), inEighths.map { $0 * Fraction(1, 8) })
        let tuplets = try tune("(3ABc (2AB (3:2:2A2B (5ABcde")
        XCTAssertEqual(lengths(tuplets), [Fraction(1, 12), Fraction(1, 12), Fraction(1, 12), Fraction(3, 16), Fraction(3, 16),
                                          Fraction(1, 6), Fraction(1, 12)] + Array(repeating: Fraction(1, 20), count: 5))
        XCTAssertEqual(tuplets.length, Fraction(1, 4) + Fraction(3, 8) + Fraction(1, 4) + Fraction(1, 4))
        // In compound meter, (5 means five in the time of three.
        XCTAssertEqual(try tune("(5ABcde", header: "M:6/8\nL:1/8\nK:C").length, Fraction(3, 8))
    }

    func testTiesJoinNotesButSlursToOtherPitchesDoNot() throws {
        let tune = try tune("A2-A2 | A-B (AB) c-|c z")
        XCTAssertEqual(pitches(tune), [69, 69, 71, 69, 71, 72, nil])
        XCTAssertEqual(tune.notes[0].duration, Fraction(1, 2))
        XCTAssertEqual(tune.notes[5].duration, Fraction(1, 4))
    }

    func testRepeatsAndEndingsArePlayedOut() throws {
        let simple = try tune("|: C D :| E F :|", header: "L:1/4\nK:C")
        XCTAssertEqual(pitches(simple), [60, 62, 60, 62, 64, 65, 64, 65])
        let endings = try tune("C |: D [1 E :| [2 F || G", header: "L:1/4\nK:C")
        XCTAssertEqual(pitches(endings), [60, 62, 64, 62, 65, 67])
        let barEndings = try tune("D |1 E :|2 F |]", header: "L:1/4\nK:C")
        XCTAssertEqual(pitches(barEndings), [62, 64, 62, 65])
        let doubleColon = try tune("C :: D :|", header: "L:1/4\nK:C")
        XCTAssertEqual(pitches(doubleColon), [60, 60, 62, 62])
        // Without "|:", a part after a double bar repeats from the double bar.
        let parts = try tune("C D || E F :|", header: "L:1/4\nK:C")
        XCTAssertEqual(pitches(parts), [60, 62, 64, 65, 64, 65])
        let third = try tune("|: C [1 D :| [2 E :| [3 F |]", header: "L:1/4\nK:C")
        XCTAssertEqual(pitches(third), [60, 62, 60, 64, 60, 65])
    }

    func testChordsKeepTheTopNoteAndOrnamentsAreDropped() throws {
        let tune = try tune(#"[CEG]2 [c2e2] "Am"A {ga}B !trill!c +fermata+d ~e .f Tg Hu v a"#)
        XCTAssertEqual(pitches(tune), [67, 76, 69, 71, 72, 74, 76, 77, 79, 81])
        XCTAssertEqual(tune.notes[0].duration, Fraction(1, 4))
        XCTAssertEqual(tune.notes[1].duration, Fraction(1, 4))
        XCTAssertEqual(tune.length, Fraction(3, 2))
    }

    func testContinuationsInlineFieldsAndMidTuneFields() throws {
        let tune = try tune("C D \\\nE F | [L:1/4] G A | [K:D] F c |\nK:Bb\nB E |\nL:1/16\nC |]")
        XCTAssertEqual(pitches(tune), [60, 62, 64, 65, 67, 69, 66, 73, 70, 63, 60])
        XCTAssertEqual(lengths(tune).suffix(7), [Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 16)])
        // The tune keeps the key it starts in.
        XCTAssertEqual(tune.key, .cMajor)
    }

    func testPickupBarIsTheAnacrusis() throws {
        XCTAssertEqual(try tune("D | G2 A2 B2 c2 |]").anacrusis, Fraction(1, 8))
        XCTAssertEqual(try tune("G2 A2 B2 c2 | d8 |]").anacrusis, .zero)
        XCTAssertEqual(try tune("D | G2", header: "M:none\nL:1/8\nK:C").anacrusis, .zero)
    }

    func testStylesFixture() throws {
        let book = try ABCReader.read(contentsOf: MusicFixtures.url("abc/styles.abc"))
        XCTAssertEqual(book.tunes.map(\.number), [1, 2, 3, 6])
        XCTAssertEqual(book.warnings.map(\.number), [4, 5])
        XCTAssertTrue(book.warnings[0].message.contains("V:"), book.warnings[0].description)
        XCTAssertTrue(book.warnings[1].message.contains("chord"), book.warnings[1].description)
        XCTAssertEqual(book.warnings[1].description.split(separator: "\n").count, 1)

        let modes = book.tunes[0]
        XCTAssertEqual(modes.key, Key(tonicLetter: "D", mode: .mixolydian))
        XCTAssertEqual(modes.meter, Meter(beats: 2, beatUnit: 2))
        XCTAssertEqual(pitches(modes), [74, 72, 71, 69, 69, 72, 70, 74, 78, 78, 73, 79, nil])
        XCTAssertEqual(modes.length, Fraction(19, 8))

        let free = book.tunes[1]
        XCTAssertNil(free.meter)
        XCTAssertEqual(free.unitLength, Fraction(1, 8))
        XCTAssertEqual(pitches(free), [67, 69, 71, 72, 74, 76, 78, nil, 78, 74, 76])
        XCTAssertEqual(lengths(free), [Fraction(1, 8), Fraction(1, 8), Fraction(1, 8), Fraction(1, 8), Fraction(1, 4), Fraction(1, 4),
                                       Fraction(1, 2), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4)])

        let repeats = book.tunes[2]
        XCTAssertEqual(repeats.anacrusis, Fraction(1, 8))
        let firstBars: [Int?] = [71, 69, 67, 69, 71, 72, 74, 76, 66, 67]
        let part: [Int?] = [81, 79, 78, 76, 74]
        XCTAssertEqual(pitches(repeats), [64] + firstBars + [71, 64, 64] + firstBars + [71, nil] + part + [76] + part + [64])
        XCTAssertEqual(Array(lengths(repeats)[1 ... 8]), [Fraction(3, 16), Fraction(1, 16), Fraction(1, 12), Fraction(1, 12),
                                                          Fraction(1, 12), Fraction(1, 6), Fraction(1, 12), Fraction(1, 2)])
        // Every bar of 6/8 adds up exactly: the pickup plus ten whole bars.
        XCTAssertEqual((repeats.length - repeats.anacrusis) / Fraction(3, 4), Fraction(10))

        let oldTempo = book.tunes[3]
        XCTAssertEqual(oldTempo.tempo, Tempo(beatsPerMinute: 120, beat: Fraction(1, 4)))
        XCTAssertEqual(pitches(oldTempo), [58, 60, 72, 74, 75, 77])
    }

    func testRealTunesReadAsMusic21ReadsThem() throws {
        for name in ["essen", "oneills", "ryans"] {
            let book = try ABCReader.read(contentsOf: MusicFixtures.url("abc/\(name).abc"))
            let expected = try JSONDecoder().decode(Music21Fixture.self, from: Data(contentsOf: MusicFixtures.url("abc/\(name).music21.json")))
            XCTAssertEqual(book.warnings, [], name)
            XCTAssertEqual(book.tunes.map(\.number), expected.tunes.map(\.number), name)
            for (tune, reading) in zip(book.tunes, expected.tunes) {
                XCTAssertNil(reading.difference(from: tune), "\(name) X:\(tune.number ?? 0)")
            }
        }
    }

    func testWriterRoundTripsATuneWithEverything() throws {
        let original = try tune("D | ^F2 F/G/ (3ABc d2- | d>e _B=B c'4 | z2 C,2 [CEA]4 |]", header: "M:4/4\nL:1/8\nQ:3/8=60\nK:Dm")
        let text = ABCWriter.text(of: original)
        let again = try ABCReader.read(text: text, source: "rewritten").tunes[0]
        XCTAssertEqual(again.notes, original.notes, text)
        XCTAssertEqual(again.key, original.key)
        XCTAssertEqual(again.meter, original.meter)
        XCTAssertEqual(again.tempo, original.tempo)
        XCTAssertEqual(again.anacrusis, original.anacrusis)
        XCTAssertTrue(text.contains("K:Dm\n"), text)
        XCTAssertTrue(text.contains("(3"), text)
    }

    func testWriterFillsGapsAndSplitsNotesAtBarLines() throws {
        let notes = [Note(pitch: 60, start: Fraction(1, 2), duration: Fraction(1)),
                     Note(pitch: 61, start: Fraction(2), duration: Fraction(1, 4))]
        let written = Tune(title: "Gaps", meter: Meter(beats: 3, beatUnit: 4), unitLength: Fraction(1, 4), notes: notes)
        let text = ABCWriter.text(of: written)
        XCTAssertTrue(text.hasSuffix("K:C\nz2 C- | C3 | z2 ^C |]\n"), text)
        let again = try ABCReader.read(text: text, source: "rewritten").tunes[0]
        XCTAssertEqual(again.notes.filter { !$0.isRest }.map(\.start), [Fraction(1, 2), Fraction(2)])
        XCTAssertEqual(again.notes.filter { !$0.isRest }.map(\.duration), [Fraction(1), Fraction(1, 4)])
    }

    func testWriterWritesFilesAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-abc-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tunes.abc")
        let tunes = try ABCReader.read(contentsOf: MusicFixtures.url("abc/oneills.abc")).tunes
        try ABCWriter.write(tunes, to: url)
        let again = try ABCReader.read(contentsOf: url)
        XCTAssertEqual(again.tunes.map(\.notes), tunes.map(\.notes))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["tunes.abc"])
    }

    /// Lengths that trapped in `Fraction`'s arithmetic: twelve different tuplets of 1/2²⁰-note
    /// lengths (their common denominator is beyond `Int`), "A" halved 67 times (found by
    /// Scripts/fuzz.sh abc), a tempo beat summed from seven prime fractions. Each now skips its
    /// tune with a warning.
    func testLengthsTooFineOrTooLongSkipTheTuneInsteadOfOverflowing() throws {
        let tuplets = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 27, 25].map { "(\($0):1:1A/1024" }.joined(separator: " ")
        let text = """
            X:1\nL:1/1024\nK:C\n\(tuplets) A>A/1024|\n
            X:2\nL:1024\nK:C\nA1024 B|\n
            X:3\nK:C\n(3:100A B c|\n
            X:4\nK:C\nA\(String(repeating: "/", count: 67))|\n
            X:5\nQ:1/1021 1/1019 1/1013 1/1009 1/997 1/991 1/983=120\nK:C\nABc|\n
            X:6\nK:C\nABc|\n
            """
        let book = try ABCReader.read(Data(text.utf8), source: "hostile.abc")
        XCTAssertEqual(book.tunes.map(\.number), [6])
        XCTAssertEqual(book.warnings.map(\.number), [1, 2, 3, 4, 5])
        XCTAssertTrue(book.warnings[0].message.contains("finer than 1/1048576 of a whole note"), book.warnings[0].description)
        XCTAssertTrue(book.warnings[1].message.contains("longer than 65536 whole notes"), book.warnings[1].description)
        XCTAssertTrue(book.warnings[2].message.contains("unknown tuplet"), book.warnings[2].description)
        XCTAssertTrue(book.warnings[3].message.contains("impossible note length"), book.warnings[3].description)
        XCTAssertTrue(book.warnings[4].message.contains("unknown tempo"), book.warnings[4].description)
    }

    func testBadInputIsATypedErrorWithOneLine() throws {
        let cases: [(Data, String)] = [
            (Data(), "empty"),
            (Data("   \n\n".utf8), "empty"),
            (Data([0x58, 0x3A, 0x31, 0x0A, 0xFF, 0xFE, 0x0A]), "not UTF-8"),
            (Data("just some text\nwithout tunes\n".utf8), "no tune"),
            (Data("X:1\nT:Cut off\nM:4/4\n".utf8), "no readable tune"),
            (Data("X:1\nK:C\n[CEG".utf8), "no readable tune"),
            (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not UTF-8"),
        ]
        for (data, expected) in cases {
            XCTAssertThrowsError(try ABCReader.read(data, source: "bad.abc")) { error in
                let message = "\(error)"
                XCTAssertTrue(error is ABCError, message)
                XCTAssertTrue(message.contains(expected), message)
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
        XCTAssertThrowsError(try ABCReader.read(contentsOf: URL(fileURLWithPath: "/nonexistent/tunes.abc"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot read ABC file"), "\(error)")
        }
    }
}

/// The music21 readings of a real-tune fixture file.
struct Music21Fixture: Decodable {
    var file: String
    var tunes: [Music21Reading]
}
