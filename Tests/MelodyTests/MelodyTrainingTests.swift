import Foundation
import Media
import NeuralCore
import XCTest
@testable import Melody

final class MelodyTrainingTests: XCTestCase {
    static let fixtureTunes = try! ABCReader.read(contentsOf: MelodyEncodingTests.fixtures.appendingPathComponent("tunes.abc")).tunes

    func testATinyModelLearnsTheFixtureTunes() throws {
        let configuration = MelodyModelConfiguration(
            embeddingSize: 8, hiddenSize: 16, layerCount: 1, dropout: 0, sequenceLength: 16, batchSize: 4,
            learningRate: 2e-2, finalLearningRate: 2e-2, warmupSteps: 0, gradientClipNorm: 1, validationEventLimit: 400)
        let tunes = try Self.fixtureTunes.map { try MelodyEncoding.encode($0) }
        let model = MelodyModel(configuration: configuration, seed: 3)
        let task = MelodyTrainingTask(model: model, training: tunes, validation: tunes, totalSteps: 30)
        let before = task.validate()[0].value
        var generator = RandomGenerator(seed: 1)
        for step in 0 ..< 30 { _ = task.trainStep(step: step, generator: &generator) }
        let after = task.validate()[0].value
        XCTAssertEqual(task.validate()[0].name, "val_loss")
        // Uniform guessing over 149 tokens costs ln 149 ≈ 5 nats per event.
        XCTAssertGreaterThan(before, 4.5)
        XCTAssertLessThan(after, 3)
    }

    func testPreviewIsReadableABC() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melody-preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tunes = try Self.fixtureTunes.map { try MelodyEncoding.encode($0) }
        let task = MelodyTrainingTask(model: MelodyComposerTests.tinyModel, training: tunes, validation: tunes, totalSteps: 1)
        try task.writePreview(step: 7, to: folder)
        let book = try ABCReader.read(contentsOf: folder.appendingPathComponent("preview-7.abc"))
        XCTAssertEqual(book.tunes.map(\.title), ["step 7, 6/8 in D major", "step 7, 2/2 in A minor"])
    }

    func testConditioningTokensAreNotScored() {
        let vocabulary = MelodyVocabulary.standard
        let ids = ["<s>", "M:6/8", "K:dorian", "1", "1/8", "|", "</s>"].map { vocabulary.id(of: MelodyToken($0)!)! }
        let unscored = MelodyTrainingTask.conditioningTokens(in: vocabulary)
        XCTAssertEqual(ids.map(unscored.contains),
                       [true, true, true, false, false, false, false])
    }

    func testMIDIFilesGiveTheirTopLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melody-midi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var tune = Self.fixtureTunes[1]  // Fare You Well, in D
        // A lower note under the first one: only the top line is kept.
        tune.notes.append(Note(pitch: 50, start: .zero, duration: Fraction(1, 8)))
        var file = MIDIFile(tune: tune)
        file.key = nil
        try file.write(to: folder.appendingPathComponent("girl.mid"))
        try Data("not midi".utf8).write(to: folder.appendingPathComponent("broken.mid"))

        let data = try MelodyTrainingData.midiFolder(folder)
        XCTAssertEqual(data.training.count, 1)
        XCTAssertEqual(data.skipped.count, 1)
        XCTAssertTrue(data.skipped[0].hasPrefix("broken.mid: "))
        let read = try MelodyEncoding.decode(data.training[0])
        XCTAssertEqual(read.notes.compactMap(\.pitch), Self.fixtureTunes[1].notes.compactMap(\.pitch))
        XCTAssertEqual(read.key, Key(tonicLetter: "D"), "tonic from the last note, mode from the notes")
    }
}
