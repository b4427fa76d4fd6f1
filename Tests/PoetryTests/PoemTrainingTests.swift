import Foundation
import NeuralCore
import XCTest
@testable import Poetry

final class PoemTrainingTests: XCTestCase {
    private let corpus = PoemCorpus(poems: [
        "春风明月夜，江水落花声。", "孤城寒烟古道，西楼长河远客。", "青松白鹤归，千里万家灯火。", "秋雨山云天，人湖夜里风。",
    ])

    private func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-poem-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func task(seed: UInt64 = 1, steps: Int) -> PoemTrainingTask {
        let vocabulary = CharacterVocabulary(text: corpus.stream)
        let model = PoemModel(configuration: TinyPoemModels.configuration, vocabulary: vocabulary,
                              readings: TinyPoemModels.chineseReadings, seed: seed)
        return PoemTrainingTask(model: model, training: corpus, validation: corpus, totalSteps: steps)
    }

    private func trainer(_ directory: URL, steps: Int) -> Trainer {
        Trainer(schedule: .init(totalSteps: steps, checkpointEvery: 5, validateEvery: 10, previewEvery: 10, logEvery: 1),
                directory: directory, runMetadata: ["craft": "poem"])
    }

    func testATinyModelLearnsItsCorpus() throws {
        let task = task(steps: 60)
        let before = task.validate()[0].value
        try trainer(temporaryDirectory(), steps: 60).run(task, seed: 2, resume: false, observer: SilentObserver())
        let after = task.validate()[0].value
        XCTAssertLessThan(after, before - 0.5, "validation bits per character fall from \(before) to \(after)")
    }

    func testAnInterruptedRunResumesToTheSameWeights() throws {
        let straight = task(steps: 12)
        try trainer(temporaryDirectory(), steps: 12).run(straight, seed: 3, resume: false, observer: SilentObserver())

        let directory = temporaryDirectory()
        let first = task(steps: 12)
        XCTAssertEqual(try trainer(directory, steps: 7).run(first, seed: 3, resume: false, observer: SilentObserver()),
                       .finished(step: 7))
        let resumed = task(seed: 99, steps: 12)
        try trainer(directory, steps: 12).run(resumed, seed: 3, resume: true, observer: SilentObserver())
        XCTAssertEqual(resumed.checkpointTensors(), straight.checkpointTensors())
    }

    func testTheBatchStreamCarriesOnWhereItStopped() {
        let vocabulary = CharacterVocabulary(text: corpus.stream)
        let stream = PoemTrainingTask.batches(of: corpus, vocabulary: vocabulary, batchSize: 2, sequenceLength: 5)
        var generator = RandomGenerator(seed: 4)
        let first = stream.nextBatch(generator: &generator), second = stream.nextBatch(generator: &generator)
        for column in 0 ..< 2 {
            // Each window's targets are its inputs shifted by one, and the next window starts with the last target.
            let inputs = (0 ..< 5).map { first.inputs[$0 * 2 + column] }, targets = (0 ..< 5).map { first.targets[$0 * 2 + column] }
            XCTAssertEqual(Array(inputs.dropFirst()), Array(targets.dropLast()))
            XCTAssertEqual(second.inputs[column], targets.last)
        }
        let text = vocabulary.decode((0 ..< 5).map { first.targets[$0 * 2] })
        XCTAssertTrue(corpus.stream.contains(text), "a window reads the corpus in order: '\(text)'")
    }
}

struct SilentObserver: TrainingObserver {
    func trainingWillStart(step: Int, totalSteps: Int) {}
    func trainingDidStep(step: Int, totalSteps: Int, metrics: [Metric], throughput: Double, itemName: String) {}
    func trainingDidFinish(step: Int, interrupted: Bool) {}
    func note(_ message: String) {}
}
