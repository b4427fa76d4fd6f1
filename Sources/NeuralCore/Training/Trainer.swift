import AtomicWrite
import Foundation

/// The training loop every craft shares: steps, periodic validation, previews and checkpoints,
/// exact resume, and a clean stop on Ctrl-C. The craft supplies a `TrainingTask`; the command
/// line supplies a `TrainingObserver` that draws progress.
public struct Trainer {
    /// How long to train and how often to look, save and log.
    public struct Schedule {
        public var totalSteps: Int
        public var checkpointEvery: Int
        public var validateEvery: Int
        public var previewEvery: Int
        public var logEvery: Int

        public init(totalSteps: Int, checkpointEvery: Int = 500, validateEvery: Int = 500,
                    previewEvery: Int = 500, logEvery: Int = 10) {
            self.totalSteps = totalSteps
            self.checkpointEvery = checkpointEvery
            self.validateEvery = validateEvery
            self.previewEvery = previewEvery
            self.logEvery = logEvery
        }
    }

    /// How a run ended.
    public enum Outcome: Equatable {
        case finished(step: Int)
        case interrupted(step: Int)
    }

    public let schedule: Schedule
    /// Where `checkpoint.safetensors`, `best.safetensors`, `metrics.jsonl` and previews go.
    public let directory: URL
    /// Describes the run (craft, configuration, command); stored in every checkpoint. Keys listed in
    /// `identityKeys` must match when resuming, so a checkpoint is never continued with other settings.
    public let runMetadata: [String: String]
    public let identityKeys: [String]

    public init(schedule: Schedule, directory: URL, runMetadata: [String: String], identityKeys: [String] = []) {
        self.schedule = schedule
        self.directory = directory
        self.runMetadata = runMetadata
        self.identityKeys = identityKeys
    }

    public var checkpointURL: URL { directory.appendingPathComponent("checkpoint.safetensors") }
    public var bestURL: URL { directory.appendingPathComponent("best.safetensors") }
    public var metricsURL: URL { directory.appendingPathComponent("metrics.jsonl") }

    /// Trains `task` from scratch with `seed`, or from the checkpoint in `directory` when `resume`.
    @discardableResult
    public func run(_ task: TrainingTask, seed: UInt64, resume: Bool, observer: TrainingObserver) throws -> Outcome {
        var generator = RandomGenerator(seed: seed)
        var step = 0
        var bestValidation: Double?
        if resume {
            guard FileManager.default.fileExists(atPath: checkpointURL.path) else {
                throw TrainingError.nothingToResume(directory.path)
            }
            let checkpoint = try TrainingCheckpoint.read(from: checkpointURL)
            for key in identityKeys where checkpoint.runMetadata[key] != runMetadata[key] {
                throw TrainingError.differentRun(checkpointURL.path, key: key,
                                                 checkpoint: checkpoint.runMetadata[key] ?? "nothing",
                                                 requested: runMetadata[key] ?? "nothing")
            }
            try task.restore(from: checkpoint.tensors)
            generator = checkpoint.generator
            step = checkpoint.step
            bestValidation = checkpoint.bestValidation
            observer.note("resuming from step \(step) (\(checkpointURL.path))")
        }
        let log = try MetricsLog(url: metricsURL, keepThrough: resume ? step : nil)

        func save(to url: URL) throws {
            try TrainingCheckpoint(step: step, generator: generator, bestValidation: bestValidation,
                                   tensors: task.checkpointTensors(), runMetadata: runMetadata).write(to: url)
        }

        InterruptSignal.install()
        defer { InterruptSignal.uninstall() }
        let start = Date()
        var windowStart = Date(), windowSteps = 0
        observer.trainingWillStart(step: step, totalSteps: schedule.totalSteps)
        while step < schedule.totalSteps {
            let metrics = task.trainStep(step: step, generator: &generator)
            step += 1
            windowSteps += 1
            let seconds = Date().timeIntervalSince(windowStart)
            let throughput = seconds > 0 ? Double(windowSteps * task.itemsPerStep) / seconds : 0
            if seconds > 5 { windowStart = Date(); windowSteps = 0 }
            observer.trainingDidStep(step: step, totalSteps: schedule.totalSteps, metrics: metrics,
                                     throughput: throughput, itemName: task.itemName)
            var logged = metrics
            if step % schedule.validateEvery == 0 || step == schedule.totalSteps {
                let validation = task.validate()
                logged += validation
                if let score = validation.first?.value, score < (bestValidation ?? .infinity) {
                    bestValidation = score
                    try save(to: bestURL)
                }
                if !validation.isEmpty { observer.note("step \(step): " + validation.map(Self.format).joined(separator: "  ")) }
            }
            if step % schedule.logEvery == 0 || logged.count > metrics.count {
                log.append(step: step, elapsedSeconds: Date().timeIntervalSince(start), metrics: logged)
            }
            if step % schedule.previewEvery == 0 { try task.writePreview(step: step, to: directory) }
            if step % schedule.checkpointEvery == 0 || step == schedule.totalSteps { try save(to: checkpointURL) }
            if InterruptSignal.isRequested {
                try save(to: checkpointURL)
                observer.trainingDidFinish(step: step, interrupted: true)
                return .interrupted(step: step)
            }
        }
        observer.trainingDidFinish(step: step, interrupted: false)
        return .finished(step: step)
    }

    static func format(_ metric: Metric) -> String { "\(metric.name) \(String(format: "%.4f", metric.value))" }
}

/// Receives training progress (the command line draws a progress bar from it).
public protocol TrainingObserver {
    func trainingWillStart(step: Int, totalSteps: Int)
    func trainingDidStep(step: Int, totalSteps: Int, metrics: [Metric], throughput: Double, itemName: String)
    func trainingDidFinish(step: Int, interrupted: Bool)
    func note(_ message: String)
}
