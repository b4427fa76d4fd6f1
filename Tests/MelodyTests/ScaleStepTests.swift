import Media
import XCTest
@testable import Melody

final class ScaleStepTests: XCTestCase {
    func testOneSpellingPerSemitone() {
        func names(_ mode: Key.Mode) -> [String] { (0 ..< 12).map { ScaleStep(interval: $0, mode: mode).description } }
        XCTAssertEqual(names(.major), ["1", "#1", "2", "#2", "3", "4", "#4", "5", "#5", "6", "#6", "7"])
        XCTAssertEqual(names(.minor), ["1", "#1", "2", "3", "#3", "4", "#4", "5", "6", "#6", "7", "#7"])
        XCTAssertEqual(names(.dorian), ["1", "#1", "2", "3", "#3", "4", "#4", "5", "#5", "6", "7", "#7"])
    }

    func testStepsAndIntervalsAgreeInEveryModeAndOctave() {
        for mode in Key.Mode.allCases {
            for interval in -36 ..< 48 {
                let step = ScaleStep(interval: interval, mode: mode)
                XCTAssertEqual(step.interval(in: mode), interval)
                XCTAssertTrue(step.isCanonical(in: mode))
                XCTAssertEqual(ScaleStep(step.description), step)
            }
        }
        XCTAssertEqual(ScaleStep(interval: -1, mode: .minor).description, "#7,")
        XCTAssertEqual(ScaleStep(interval: 19, mode: .major).description, "5'")
        XCTAssertFalse(ScaleStep(degree: 3, isRaised: true).isCanonical(in: .major))  // that is 4
    }

    func testScaleMembership() {
        XCTAssertTrue(Key.Mode.mixolydian.contains(interval: 10))
        XCTAssertFalse(Key.Mode.major.contains(interval: -2))
        XCTAssertTrue(Key.Mode.major.contains(interval: -1))
    }
}
