import Foundation
import Melody
import NeuralCore

/// `belamy train melody`: train the melody model.
enum TrainMelodyCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "train melody",
        summary: "train the melody model on Corpora/melodies or your own ABC or MIDI files",
        usage: "[options]",
        discussion: """
        Checkpoints go to --out-dir; the best validation checkpoint is kept; --resume continues exactly;
        Ctrl-C saves and stops. When training ends (or stops), the best checkpoint becomes the model file
        (-o), with its configuration, vocabulary and training record in the metadata. With --abc or --midi,
        every 20th tune is held out for validation; a MIDI file gives one melody (its fullest track, top
        line, times rounded to 1/48 quarter). The loss is cross-entropy in nats per event.
        """,
        options: [
            .seed, .quiet,
            .value("abc", "FILE", "train on the tunes in these ABC files (repeatable)", repeatable: true),
            .value("midi", "DIR", "train on the monophonic MIDI files in this folder"),
            .value("steps", "N", "training steps (default 1200, about forty minutes on two shared cores)"),
            .value("out-dir", "DIR", "where checkpoints go (default Checkpoints/melody)"),
            .value("output", short: "o", "PATH", "where the trained model goes (default: melody.safetensors in --out-dir)"),
            .flag("resume", "continue from the checkpoint in --out-dir"),
        ],
        examples: ["belamy train melody --steps 2000", "belamy train melody --abc mytunes.abc --out-dir Checkpoints/mine",
                   "belamy train melody --midi ~/tunes --steps 500", "belamy train melody --resume"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        let steps = try options.integer("steps", default: 1200, in: 1 ... 10_000_000)!
        let outputDirectory = ProjectPaths.userPath(options.string("out-dir") ?? "Checkpoints/melody")
        let history = try TrainingHistory(checkpointIn: outputDirectory, options: options)
        let seed = history.seed
        let modelURL = options.string("output").map(ProjectPaths.userPath)
            ?? outputDirectory.appendingPathComponent("melody.safetensors")

        let abcFiles = options.strings("abc").map(ProjectPaths.userPath)
        let midiFolder = options.string("midi").map(ProjectPaths.userPath)
        if midiFolder != nil && !abcFiles.isEmpty { throw UsageError("give --abc or --midi, not both", command: "train melody") }
        let data = try midiFolder.map(MelodyTrainingData.midiFolder)
            ?? (abcFiles.isEmpty ? MelodyTrainingData.corpus(in: ProjectPaths.corpus("melodies")) : MelodyTrainingData.abcFiles(abcFiles))
        for problem in data.skipped.prefix(5) { Terminal.note("skipped: \(problem)") }
        if data.skipped.count > 5 { Terminal.note("skipped \(data.skipped.count - 5) more tunes") }
        guard !data.training.isEmpty else { throw MelodyError.emptyCorpus("the training data") }
        guard !data.validation.isEmpty else { throw MelodyError.emptyCorpus("the validation data (give at least 20 tunes)") }

        let configuration = MelodyModelConfiguration.standard
        let model = MelodyModel(configuration: configuration, seed: seed)
        let task = MelodyTrainingTask(model: model, training: data.training, validation: data.validation, totalSteps: steps)
        let events = data.training.reduce(0) { $0 + $1.events.count }
        Terminal.note("melody model: \(model.network.parameterCount) parameters, \(model.vocabulary.count) tokens, "
            + "\(data.training.count) tunes (\(events) events) for training, \(data.validation.count) for validation")

        let runMetadata = ["craft": MelodyModel.craft, "configuration": configuration.json(), "corpus": data.description,
                           "vocabulary": model.vocabulary.names].merging(history.metadata) { $1 }
        let trainer = Trainer(schedule: .init(totalSteps: steps, checkpointEvery: 200, validateEvery: 250, previewEvery: 500),
                              directory: outputDirectory, runMetadata: runMetadata,
                              identityKeys: ["craft", "configuration", "corpus", "vocabulary"])
        let outcome = try trainer.run(task, seed: seed, resume: options.flag("resume"),
                                      observer: ProgressBar(label: "train melody"))

        // The model that ships is the best one on validation, not necessarily the last.
        let best = try TrainingCheckpoint.read(from: FileManager.default.fileExists(atPath: trainer.bestURL.path)
                                                   ? trainer.bestURL : trainer.checkpointURL)
        try task.restore(from: best.tensors)
        let finalSteps: Int
        switch outcome { case .finished(let step), .interrupted(let step): finalSteps = step }
        model.trainingRecord = history.metadata.merging([
            "corpus": data.description,
            "steps": String(best.step), "steps_run": String(finalSteps),
            "validation_loss_per_event": best.bestValidation.map { String(format: "%.4f", $0) } ?? "not measured",
            "parameters": String(model.network.parameterCount),
            "date": ISO8601DateFormatter().string(from: Date()),
        ]) { $1 }
        try model.write(to: modelURL)
        let loss = best.bestValidation.map { String(format: "validation loss %.4f nats per event", $0) } ?? "not validated yet"
        Terminal.note("model written to \(modelURL.path) (step \(best.step), \(loss))")
    }
}
