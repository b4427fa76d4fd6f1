import XCTest
@testable import Melody

final class DurationSpellingTests: XCTestCase {
    let spelling = MelodyVocabulary.standard.durations

    func testCommonLengthsAreOneToken() {
        for ticks in [12, 24, 36, 48, 72, 96, 144, 192, 16, 8, 60, 120] {
            XCTAssertEqual(spelling.spell(ticks), [ticks])
        }
    }

    func testOtherLengthsUseTheFewestTokensLongestFirst() {
        XCTAssertEqual(spelling.spell(132), [120, 12])  // 11/16
        XCTAssertEqual(spelling.spell(52), [48, 4])     // a quarter tied to a 16th-note triplet's third
        XCTAssertEqual(spelling.spell(960), [768, 192])
        XCTAssertNil(spelling.spell(2))
        XCTAssertFalse(spelling.canSpell(1))
        XCTAssertTrue(spelling.canSpell(0))
    }

    func testEverySpellingAddsUp() {
        for ticks in 1 ... 1000 {
            if let tokens = spelling.spell(ticks) {
                XCTAssertEqual(tokens.reduce(0, +), ticks)
                XCTAssertTrue(spelling.canSpell(ticks))
            } else {
                XCTAssertFalse(spelling.canSpell(ticks), "\(ticks)")
            }
        }
    }
}
