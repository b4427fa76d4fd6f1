import Foundation
import XCTest
@testable import Poetry

final class PoemModelFileTests: XCTestCase {
    func testAModelFileCarriesEverythingNeededToWriteTheSamePoems() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-poem-\(UUID().uuidString).safetensors")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        let model = TinyPoemModels.chinese()
        model.trainingRecord = ["command": "belamy train poem --lang zh", "val_bpc": "7.5"]
        try model.write(to: url)

        let loaded = try PoemModel.read(from: url)
        XCTAssertEqual(loaded.configuration, model.configuration)
        XCTAssertEqual(loaded.vocabulary, model.vocabulary)
        XCTAssertEqual(loaded.readings, model.readings)
        XCTAssertEqual(loaded.trainingRecord, model.trainingRecord)
        // Weights are stored in float16: a model read back writes exactly what the stored one writes.
        let request = PoemRequest(keywords: ["春风"], acrostic: true)
        try loaded.write(to: url)
        XCTAssertEqual(try PoemWriter(model: PoemModel.read(from: url)).write(request, seed: 3),
                       try PoemWriter(model: loaded).write(request, seed: 3))
    }

    func testAnEnglishModelFileKeepsItsLexicon() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-poem-\(UUID().uuidString).safetensors")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        try TinyPoemModels.english(lexicon: TinyPoemModels.englishLexicon).write(to: url)
        XCTAssertEqual(try PoemModel.read(from: url).lexicon, TinyPoemModels.englishLexicon)
    }

    func testAMissingModelSaysHowToGetOne() {
        XCTAssertThrowsError(try PoemModel.read(from: URL(fileURLWithPath: "/nonexistent/poem-zh.safetensors"))) { error in
            XCTAssertEqual(error as? PoemError, .missingModel("/nonexistent/poem-zh.safetensors"))
            XCTAssertTrue("\(error)".contains("belamy train poem"))
        }
    }
}
