import Foundation
import NeuralCore
import Portrait

/// `belamy train portrait`: train the portrait GAN.
enum TrainPortraitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "train portrait",
        summary: "train the portrait GAN on Corpora/portraits or a folder of images",
        usage: "[options]",
        discussion: """
        A DCGAN with DiffAugment and an exponential moving average of the generator. Every
        --checkpoint-every steps it saves checkpoint.safetensors and a preview grid in --out-dir and
        appends to metrics.jsonl; Ctrl-C saves and stops, --resume continues exactly. At the end the
        averaged generator is written to --output (default <out-dir>/portrait.safetensors).
        """,
        options: [
            .seed, .quiet,
            .value("data", "DIR", "a folder of PNG/JPEG images, cropped and resized on load (default: the shipped corpus)"),
            .value("steps", "N", "training steps in all (default 20000)"),
            .value("batch", "N", "images per step (default 64)"),
            .value("lr", "RATE", "Adam learning rate for both networks (default 0.0002)"),
            .value("generator-width", "N", "channels of the generator's last hidden layer (default 64)"),
            .value("discriminator-width", "N", "channels of the discriminator's first layer (default 32)"),
            .value("upsampling", "KIND", "transposed (default) or resize (no checkerboard artefacts)"),
            .value("checkpoint-every", "N", "steps between checkpoints and previews (default 500)"),
            .value("out-dir", "DIR", "where checkpoints, previews and the log go (default Checkpoints/portrait)"),
            .value("output", short: "o", "PATH", "where the trained model goes (default <out-dir>/portrait.safetensors)"),
            .flag("resume", "continue from the checkpoint in --out-dir"),
        ],
        examples: ["belamy train portrait --steps 20000",
                   "belamy train portrait --data ~/paintings --out-dir runs/mine",
                   "belamy train portrait --out-dir runs/mine --resume"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        var configuration = PortraitConfiguration()
        configuration.batchSize = try options.integer("batch", default: configuration.batchSize, in: 2 ... 1024)!
        if let rate = try options.number("lr", in: 1e-6 ... 1) {
            configuration.generatorLearningRate = Float(rate)
            configuration.discriminatorLearningRate = Float(rate)
        }
        configuration.generatorWidth = try options.integer("generator-width", default: configuration.generatorWidth, in: 1 ... 512)!
        configuration.discriminatorWidth = try options.integer("discriminator-width", default: configuration.discriminatorWidth, in: 1 ... 512)!
        configuration.upsampling = options.string("upsampling") ?? configuration.upsampling
        do { try configuration.validate() } catch { throw UsageError(String(describing: error), command: "train portrait") }
        let steps = try options.integer("steps", default: 20000, in: 1 ... 10_000_000)!
        let checkpointEvery = try options.integer("checkpoint-every", default: 500, in: 1 ... 10_000_000)!
        let directory = options.string("out-dir").map(ProjectPaths.userPath)
            ?? (ProjectPaths.root ?? URL(fileURLWithPath: ".")).appendingPathComponent("Checkpoints/portrait")
        let output = options.string("output").map(ProjectPaths.userPath) ?? directory.appendingPathComponent("portrait.safetensors")
        let history = try TrainingHistory(checkpointIn: directory, options: options)
        let seed = history.seed

        let dataset: PortraitDataset, corpusName: String
        if let data = options.string("data") {
            dataset = try PortraitDataset.load(folder: ProjectPaths.userPath(data), size: configuration.imageSize)
            corpusName = data
        } else {
            dataset = try PortraitDataset.loadCorpus(try ProjectPaths.corpus("portraits"), size: configuration.imageSize)
            corpusName = "Corpora/portraits (Wesnoth 1.16 + Naev 0.8.2 painted portraits)"
        }
        Terminal.note("train portrait: \(dataset.count) images, seed \(seed), \(steps) steps, batch \(configuration.batchSize) → \(directory.path)")

        let task = PortraitTrainingTask(configuration: configuration, dataset: dataset, seed: seed)
        let runMetadata = ["craft": "portrait", "config": configuration.json(), "corpus": corpusName]
            .merging(history.metadata) { $1 }
        let trainer = Trainer(schedule: .init(totalSteps: steps, checkpointEvery: checkpointEvery,
                                              validateEvery: steps + 1, previewEvery: checkpointEvery, logEvery: 10),
                              directory: directory, runMetadata: runMetadata, identityKeys: ["craft", "config"])
        let outcome = try trainer.run(task, seed: seed, resume: options.flag("resume"), observer: ProgressBar(label: "train portrait", stepsPerEpoch: Double(dataset.count) / Double(configuration.batchSize)))
        guard case .finished(let finalStep) = outcome else { return }

        var record = runMetadata
        record["steps"] = String(finalStep)
        record["images"] = String(dataset.count)
        record["date"] = ISO8601DateFormatter().string(from: Date())
        // A GAN's losses swing from step to step: the record quotes their means over the last 200.
        if let summary = MetricsLog.summary(of: trainer.metricsURL, records: 20) {
            record["final_metrics"] = "{" + summary.means.map { "\"\($0.name)\": " + String(format: "%.4f", $0.value) }
                .joined(separator: ", ") + "}"
            record["training_time_s"] = String(Int(summary.trainingSeconds))
        }
        try task.exportModel(to: output, record: record)
        Terminal.note("wrote \(output.path)")
    }
}
