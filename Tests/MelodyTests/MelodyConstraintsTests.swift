import Media
import XCTest
@testable import Melody

final class MelodyConstraintsTests: XCTestCase {
    let vocabulary = MelodyVocabulary.standard

    func allowedNames(_ constraints: MelodyConstraints) -> Set<String> {
        Set(constraints.allowedTokens().enumerated().filter(\.element).map { vocabulary.tokens[$0.offset].description })
    }

    func advance(_ constraints: inout MelodyConstraints, _ names: String) throws {
        for name in names.split(separator: " ") { try constraints.advance(vocabulary.id(of: MelodyToken(String(name))!)!) }
    }

    func testTheLastBarEndsOnATonicHeldForABeatAndThenTheTuneEnds() throws {
        // One bar of 2/4 in D major, notes from a fifth below the tonic to a ninth above it, a final quarter note.
        var constraints = MelodyConstraints(vocabulary: vocabulary, mode: .major, barTicks: 96, barCount: 1,
                                            pitchRange: -7 ... 14, finalNoteMinimum: 48)
        XCTAssertFalse(allowedNames(constraints).contains("1/4"), "no length before a note")
        XCTAssertTrue(allowedNames(constraints).isSuperset(of: ["1", "4,", "2'", "z"]))
        XCTAssertFalse(allowedNames(constraints).contains("3,"), "below the range")
        XCTAssertFalse(allowedNames(constraints).contains("#3"), "not how major spells a fourth")
        try advance(&constraints, "5")
        // A fifth must end a beat before the bar line, to leave the final tonic its beat.
        XCTAssertTrue(allowedNames(constraints).isSuperset(of: ["1/4", "1/8", "1/12"]))
        XCTAssertFalse(allowedNames(constraints).contains("3/8"))
        XCTAssertFalse(allowedNames(constraints).contains("1/2"))
        try advance(&constraints, "1/4")
        XCTAssertThrowsError(try advance(&constraints, "|"))
        XCTAssertFalse(allowedNames(constraints).contains("6"), "only the tonic may begin on the last beat")
        XCTAssertFalse(allowedNames(constraints).contains("z"))
        XCTAssertTrue(allowedNames(constraints).contains("1'"))
        try advance(&constraints, "1' 1/8")
        // The tonic carries on to the bar line; nothing else may begin.
        XCTAssertTrue(allowedNames(constraints).allSatisfy { $0.contains("/") })
        XCTAssertTrue(allowedNames(constraints).isSuperset(of: ["1/8", "1/16"]))
        XCTAssertFalse(allowedNames(constraints).contains("1/4"), "past the bar line")
        try advance(&constraints, "1/8")
        XCTAssertEqual(allowedNames(constraints), ["|"])
        try advance(&constraints, "|")
        XCTAssertEqual(allowedNames(constraints), ["</s>"])
        try advance(&constraints, "</s>")
        XCTAssertTrue(constraints.isFinished)
        XCTAssertEqual(allowedNames(constraints), [])
    }

    func testTheFirstBarMayBeAPickup() throws {
        var constraints = MelodyConstraints(vocabulary: vocabulary, mode: .major, barTicks: 144, barCount: 3,
                                            pitchRange: -7 ... 14, finalNoteMinimum: 72)
        XCTAssertFalse(allowedNames(constraints).contains("|"), "not before anything is played")
        try advance(&constraints, "5, 1/8")
        XCTAssertTrue(allowedNames(constraints).contains("|"))
        try advance(&constraints, "| 1 3/8 3 3/8 |")
        XCTAssertEqual(constraints.pickupTicks, 24)
        XCTAssertEqual(constraints.completedBars, 2)
        try advance(&constraints, "2 1/8")
        XCTAssertFalse(allowedNames(constraints).contains("|"), "only the first bar may be short")

        let oneBar = MelodyConstraints(vocabulary: vocabulary, mode: .major, barTicks: 144, barCount: 1,
                                       pitchRange: -7 ... 14, finalNoteMinimum: 72)
        var played = oneBar
        try advance(&played, "5, 1/8")
        XCTAssertFalse(allowedNames(played).contains("|"), "a one-bar tune is whole")
    }

    func testATieCarriesANoteAcrossTheBarLine() throws {
        var constraints = MelodyConstraints(vocabulary: vocabulary, mode: .minor, barTicks: 144, barCount: 2,
                                            pitchRange: -7 ... 14, finalNoteMinimum: 48)
        try advance(&constraints, "3 3/4 |")
        XCTAssertTrue(allowedNames(constraints).isSuperset(of: ["1/4", "1/2"]), "the third may go on into the last bar")
        XCTAssertFalse(allowedNames(constraints).contains("3/4"), "but not through it")
        try advance(&constraints, "1/2 1 1/4 |")
        XCTAssertEqual(allowedNames(constraints), ["</s>"])
    }
}
