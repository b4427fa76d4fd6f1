import XCTest
@testable import NeuralCore

/// A tiny regression task: fit `y = 2x - 1` with a linear layer, drawing each batch from the
/// trainer's random generator, so an interrupted and resumed run must reproduce the same numbers.
private final class LineFittingTask: TrainingTask {
    let layer: Linear
    var interruptAtStep: Int?
    let itemsPerStep = 8
    let itemName = "points"

    init(seed: UInt64) {
        var generator = RandomGenerator(seed: seed)
        layer = Linear(inputSize: 1, outputSize: 1, generator: &generator)
    }

    func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric] {
        let xs = (0 ..< itemsPerStep).map { _ in generator.uniform() * 2 - 1 }
        let x = Variable(Tensor(shape: [itemsPerStep, 1], scalars: xs))
        let target = Variable(Tensor(shape: [itemsPerStep, 1], scalars: xs.map { 2 * $0 - 1 }))
        let error = layer(x) - target
        let loss = (error * error).mean()
        for parameter in layer.trainableVariables { parameter.grad = nil }
        loss.backward()
        for parameter in layer.trainableVariables { parameter.value.add(parameter.grad!, scaledBy: -0.1) }
        if step + 1 == interruptAtStep { InterruptSignal.request() }
        return [Metric("loss", Double(loss.value.scalar))]
    }

    func validate() -> [Metric] {
        let x = Variable(Tensor(shape: [3, 1], scalars: [-1, 0, 1]))
        let error = withoutGradients { layer(x) - Variable(Tensor(shape: [3, 1], scalars: [-3, -1, 1])) }
        return [Metric("val_loss", Double((error * error).mean().value.scalar))]
    }

    func checkpointTensors() -> [String: Tensor] { layer.stateDictionary() }
    func restore(from tensors: [String: Tensor]) throws { try layer.loadStateDictionary(tensors) }
}

private struct SilentObserver: TrainingObserver {
    func trainingWillStart(step: Int, totalSteps: Int) {}
    func trainingDidStep(step: Int, totalSteps: Int, metrics: [Metric], throughput: Double, itemName: String) {}
    func trainingDidFinish(step: Int, interrupted: Bool) {}
    func note(_ message: String) {}
}

final class TrainerTests: XCTestCase {
    private func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-trainer-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func trainer(_ directory: URL, steps: Int) -> Trainer {
        Trainer(schedule: .init(totalSteps: steps, checkpointEvery: 7, validateEvery: 5, previewEvery: 100, logEvery: 1),
                directory: directory, runMetadata: ["craft": "test", "learning_rate": "0.1"], identityKeys: ["craft"])
    }

    func testTrainingReducesTheLoss() throws {
        let task = LineFittingTask(seed: 1)
        let before = task.validate()[0].value
        let outcome = try trainer(temporaryDirectory(), steps: 60).run(task, seed: 3, resume: false, observer: SilentObserver())
        XCTAssertEqual(outcome, .finished(step: 60))
        XCTAssertLessThan(task.validate()[0].value, before / 100)
    }

    func testInterruptedAndResumedRunMatchesAnUninterruptedOneBitForBit() throws {
        let straight = LineFittingTask(seed: 1)
        try trainer(temporaryDirectory(), steps: 20).run(straight, seed: 3, resume: false, observer: SilentObserver())

        let directory = temporaryDirectory()
        let first = LineFittingTask(seed: 1)
        first.interruptAtStep = 9
        let outcome = try trainer(directory, steps: 20).run(first, seed: 3, resume: false, observer: SilentObserver())
        XCTAssertEqual(outcome, .interrupted(step: 9))

        // A fresh process would build the task from scratch (another seed even) and resume.
        let resumed = LineFittingTask(seed: 99)
        XCTAssertEqual(try trainer(directory, steps: 20).run(resumed, seed: 12345, resume: true, observer: SilentObserver()),
                       .finished(step: 20))
        XCTAssertEqual(resumed.layer.stateDictionary(), straight.layer.stateDictionary())

        // The metrics log tells one continuous story: one line per step, no duplicates.
        let lines = try String(contentsOf: directory.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        XCTAssertEqual(lines.count, 20)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("best.safetensors").path))
    }

    func testResumeRefusesMissingOrForeignCheckpoints() throws {
        let directory = temporaryDirectory()
        XCTAssertThrowsError(try trainer(directory, steps: 5).run(LineFittingTask(seed: 1), seed: 1, resume: true,
                                                                  observer: SilentObserver())) { error in
            XCTAssertEqual(error as? TrainingError, .nothingToResume(directory.path))
        }
        try trainer(directory, steps: 5).run(LineFittingTask(seed: 1), seed: 1, resume: false, observer: SilentObserver())
        let other = Trainer(schedule: .init(totalSteps: 10), directory: directory,
                            runMetadata: ["craft": "another"], identityKeys: ["craft"])
        XCTAssertThrowsError(try other.run(LineFittingTask(seed: 1), seed: 1, resume: true, observer: SilentObserver()))
    }

    func testTheLogSummaryAveragesTheLastRecordsAndAddsUpEverySession() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        // Two sessions: the second (a resume) starts its clock again at 0.
        try Data("""
            {"step":10,"elapsed_s":5.0,"loss":4,"D(x)":0.5}
            {"step":20,"elapsed_s":10.0,"loss":2,"D(x)":0.25}
            {"step":30,"elapsed_s":3.5,"loss":1,"D(x)":0.75}

            """.utf8).write(to: url)
        let summary = try XCTUnwrap(MetricsLog.summary(of: url, records: 2))
        XCTAssertEqual(summary.means, [Metric("D(x)", 0.5), Metric("loss", 1.5)])
        XCTAssertEqual(summary.trainingSeconds, 13.5, accuracy: 1e-9)
        XCTAssertNil(MetricsLog.summary(of: url.appendingPathExtension("missing")))
    }
}
