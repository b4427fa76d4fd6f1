import Foundation
import NeuralCore
import Poetry

/// `belamy train poem`: train a poem language model.
enum TrainPoemCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "train poem",
        summary: "train the poem language model on Corpora/poems or your own UTF-8 text",
        usage: "[options]",
        discussion: """
        Checkpoints go to --out-dir; the best validation checkpoint is kept; --resume continues exactly;
        Ctrl-C saves and stops. When training ends (or stops), the best checkpoint becomes the model file
        (-o), with its configuration, vocabulary, readings and training record in the metadata.
        With --text, every 20th poem (poems are separated by blank lines) is held out for validation.
        """,
        options: [
            .seed, .quiet,
            .value("lang", "zh|en", "which corpus and model (default zh)"),
            .value("text", "FILE", "train on this UTF-8 text instead (repeatable)", repeatable: true),
            .value("steps", "N", "training steps (default 1500)"),
            .value("out-dir", "DIR", "where checkpoints go (default Checkpoints/poem-LANG)"),
            .value("output", short: "o", "PATH", "where the trained model goes (default: poem-LANG.safetensors in --out-dir)"),
            .flag("resume", "continue from the checkpoint in --out-dir"),
        ],
        examples: ["belamy train poem --lang zh --steps 5000", "belamy train poem --lang en --text lyrics.txt",
                   "belamy train poem --lang zh --resume"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        let language = try PoemCommand.language(options.string("lang") ?? "zh", command: specification.name)
        let steps = try options.integer("steps", default: 1500, in: 1 ... 10_000_000)!
        let outputDirectory = ProjectPaths.userPath(options.string("out-dir") ?? "Checkpoints/poem-\(language.rawValue)")
        let history = try TrainingHistory(checkpointIn: outputDirectory, options: options)
        let seed = history.seed
        let modelURL = options.string("output").map(ProjectPaths.userPath)
            ?? outputDirectory.appendingPathComponent("poem-\(language.rawValue).safetensors")

        // The corpus: the shipped one with its validation split, or the user's text with every 20th poem held out.
        let training: PoemCorpus, validation: PoemCorpus, corpusName: String
        let userFiles = options.strings("text").map(ProjectPaths.userPath)
        if userFiles.isEmpty {
            let folder = try ProjectPaths.corpus("poems")
            training = try PoemCorpus.read([folder.appendingPathComponent("\(language.rawValue).train.txt")])
            validation = try PoemCorpus.read([folder.appendingPathComponent("\(language.rawValue).valid.txt")])
            corpusName = "Corpora/poems/\(language.rawValue).train.txt (validation: \(language.rawValue).valid.txt)"
        } else {
            (training, validation) = try PoemCorpus.read(userFiles).holdingOut(fraction: 0.05)
            corpusName = userFiles.map(\.lastPathComponent).joined(separator: ", ") + " (every 20th poem held out)"
        }
        guard !training.poems.isEmpty else { throw PoemError.emptyCorpus("the training text") }
        guard !validation.poems.isEmpty else { throw PoemError.emptyCorpus("the validation text") }
        let readings = language == .chinese
            ? try ChineseReadings.read(from: try ProjectPaths.corpus("poems").appendingPathComponent("zh-readings.tsv"))
            : ChineseReadings([:])

        let configuration = PoemModelConfiguration.standard(for: language)
        let vocabulary = CharacterVocabulary(text: training.stream, minimumCount: configuration.minimumCharacterCount)
        let lexicon = language == .english ? EnglishLexicon(text: training.stream) : EnglishLexicon(words: [])
        let model = PoemModel(configuration: configuration, vocabulary: vocabulary, readings: readings, lexicon: lexicon,
                              seed: seed)
        let task = PoemTrainingTask(model: model, training: training, validation: validation, totalSteps: steps)
        Terminal.note("poem model (\(language.rawValue)): \(model.network.parameterCount) parameters, "
            + "\(vocabulary.count) characters, \(training.poems.count) poems (\(training.stream.count) characters) "
            + "for training, \(validation.poems.count) for validation")

        let runMetadata = ["craft": "poem", "language": language.rawValue, "configuration": configuration.json(),
                           "corpus": corpusName, "vocabulary_size": String(vocabulary.count)]
            .merging(history.metadata) { $1 }
        let trainer = Trainer(schedule: .init(totalSteps: steps, checkpointEvery: 200, validateEvery: 200, previewEvery: 500),
                              directory: outputDirectory, runMetadata: runMetadata,
                              identityKeys: ["craft", "language", "configuration", "corpus", "vocabulary_size"])
        let outcome = try trainer.run(task, seed: seed, resume: options.flag("resume"),
                                      observer: ProgressBar(label: "train poem (\(language.rawValue))"))

        // The model that ships is the best one on validation, not necessarily the last.
        let best = try TrainingCheckpoint.read(from: FileManager.default.fileExists(atPath: trainer.bestURL.path)
                                                   ? trainer.bestURL : trainer.checkpointURL)
        try task.restore(from: best.tensors)
        let finalSteps: Int
        switch outcome { case .finished(let step), .interrupted(let step): finalSteps = step }
        model.trainingRecord = history.metadata.merging([
            "corpus": corpusName,
            "steps": String(best.step), "steps_run": String(finalSteps),
            "val_bpc": best.bestValidation.map { String(format: "%.4f", $0) } ?? "not measured",
            "parameters": String(model.network.parameterCount),
            "date": ISO8601DateFormatter().string(from: Date()),
        ]) { $1 }
        try model.write(to: modelURL)
        Terminal.note("model written to \(modelURL.path) (step \(best.step), validation "
            + "\(model.trainingRecord["val_bpc"]!) bits per character)")
    }
}
