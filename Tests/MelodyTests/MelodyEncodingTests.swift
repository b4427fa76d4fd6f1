import Foundation
import Media
import XCTest
@testable import Melody

final class MelodyEncodingTests: XCTestCase {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testFixtureTunesComeBackExactly() throws {
        let book = try ABCReader.read(contentsOf: Self.fixtures.appendingPathComponent("tunes.abc"))
        XCTAssertEqual(book.tunes.count, 7)
        XCTAssertEqual(book.warnings, [])
        for tune in book.tunes {
            let encoded = try MelodyEncoding.encode(tune)
            let decoded = try MelodyEncoding.decode(encoded)
            XCTAssertEqual(decoded.notes, tune.notes, tune.title)
            XCTAssertEqual(decoded.anacrusis, tune.anacrusis, tune.title)
            XCTAssertEqual(decoded.key, tune.key, tune.title)
            XCTAssertEqual(decoded.meter, tune.meter, tune.title)
        }
    }

    /// Every tune of the committed validation split decodes and encodes to the same events.
    func testCorpusTunesRoundTripExactly() throws {
        let records = try MelodyCorpus.read(from: Self.repository.appendingPathComponent("Corpora/melodies/valid.tsv"))
        XCTAssertGreaterThan(records.count, 400)
        for record in records {
            let tune = try MelodyEncoding.decode(record.melody)
            XCTAssertEqual(try MelodyEncoding.encode(tune), record.melody, record.source)
        }
    }

    func testBarLinesPickupsAndTiesAcrossBars() throws {
        let text = """
        X:1
        M:3/4
        L:1/8
        K:D
        A | d4 e2- | e2 f2 (3gfe | d6- | d4 z |
        """
        let tune = try XCTUnwrap(ABCReader.read(text: text, source: "test").tunes.first)
        let encoded = try MelodyEncoding.encode(tune)
        // The tune ends on D5, so D5 is the tonic pitch; A4 below it is "5,".
        XCTAssertEqual(encoded.tonicPitch, 74)
        XCTAssertEqual(encoded.conditioning.map(\.description), ["M:3/4", "K:major"])
        XCTAssertEqual(encoded.events.map(\.description).joined(separator: " "),
                       "5, 1/8 | 1 1/2 2 1/4 | 1/4 3 1/4 4 1/12 3 1/12 2 1/12 | 1 3/4 | 1/2 z 1/8")
        XCTAssertEqual(try MelodyEncoding.decode(encoded).notes, tune.notes)
    }

    func testOneEncodingServesEveryKey() throws {
        func tune(_ key: String, _ body: String) throws -> Tune {
            try XCTUnwrap(ABCReader.read(text: "X:1\nM:6/8\nL:1/8\nK:\(key)\n\(body)\n", source: "test").tunes.first)
        }
        let inD = try MelodyEncoding.encode(tune("D", "FAd cBA | ^GAB A3 |]"))
        let inG = try MelodyEncoding.encode(tune("G", "Bdg fed | ^cde d3 |]"))
        XCTAssertEqual(inD.events, inG.events)
        XCTAssertEqual(inG.tonicPitch - inD.tonicPitch, 5)
    }

    func testFreeMeterHasNoBarLines() throws {
        let tune = Tune(key: Key(tonicLetter: "E", mode: .phrygian), meter: nil,
                        notes: [Note(pitch: 64, start: .zero, duration: Fraction(1, 4)),
                                Note(pitch: 65, start: Fraction(1, 4), duration: Fraction(3, 2))])
        let encoded = try MelodyEncoding.encode(tune)
        XCTAssertEqual(encoded.events.map(\.description), ["1", "1/4", "2", "3/2"])
        XCTAssertEqual(encoded.conditioning.map(\.description), ["M:free", "K:phrygian"])
    }

    func testTunesTheEncodingCannotHoldAreRefusedWithAReason() {
        let quintuplet = Tune(notes: [Note(pitch: 60, start: .zero, duration: Fraction(1, 40))])
        XCTAssertThrowsError(try MelodyEncoding.encode(quintuplet)) { error in
            XCTAssertEqual("\(error)", "cannot encode the tune: a length of 1/40 is off the 1/48-quarter grid")
        }
        XCTAssertThrowsError(try MelodyEncoding.encode(Tune(notes: [.rest(start: .zero, duration: Fraction(1))])))
    }

    func testMalformedEventsAreRejected() {
        let key = Key(tonicLetter: "C")
        func decode(_ names: String) throws -> Tune {
            try MelodyEncoding.decode(EncodedMelody(key: key, meter: Meter(beats: 2, beatUnit: 4), tonicPitch: 60,
                                                    events: names.split(separator: " ").map { MelodyToken(String($0))! }))
        }
        XCTAssertNoThrow(try decode("1 1/4 2 1/4 | 3 1/2 |"))
        XCTAssertThrowsError(try decode("1/4 1 1/4")) { XCTAssertEqual("\($0)", "malformed melody events: a length with no note before it (event 1)") }
        XCTAssertThrowsError(try decode("1 1/4 | 2 1/4 |"))  // the second bar is a quarter short
        XCTAssertThrowsError(try decode("1 | 1/2"))
    }

    func testTokenNamesReadBack() {
        for token in MelodyVocabulary.standard.tokens {
            XCTAssertEqual(MelodyToken(token.description), token, token.description)
        }
        XCTAssertEqual(MelodyVocabulary.standard.count, 149)
        // A whole note is "1/1", never "1", which is the tonic.
        XCTAssertEqual(MelodyToken("1"), .pitch(ScaleStep(degree: 1)))
        XCTAssertEqual(MelodyToken("1/1"), .duration(192))
        XCTAssertNil(MelodyToken("2/16"))
    }
}
