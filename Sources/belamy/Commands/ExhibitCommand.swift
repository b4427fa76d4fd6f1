import AtomicWrite
import Foundation
import Media
import Melody
import Poetry
import Portrait

/// `belamy exhibit`: an auction-catalogue page with a portrait, a poem and a melody.
enum ExhibitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "exhibit", summary: "make an auction-catalogue HTML page: portrait, poem and melody", usage: "[options] KEYWORDS…",
        discussion: """
        One self-contained HTML page, Outputs/exhibit-seed<N>.html: the seed's portrait, enlarged to
        512 pixels in a gilded frame and signed in its lower right corner with the GAN objective as
        the 2018 portrait was; a poem written from the keywords (as 'belamy poem' writes it); the seed's
        melody with a player and its ABC (as 'belamy melody' composes it); a lot number, a title and an
        estimate drawn from the seed; and the provenance: models, training, settings. The PNG and the
        WAV are inside the page. The same keywords and seed always give a byte-identical file.
        """,
        options: [
            .seed, .output, .quiet, .json, PoemCommand.languageOption,
            MelodyCommand.keyOption, MelodyCommand.barsOption, MelodyCommand.instrumentOption,
            .value("portrait-model", "PATH", "use this portrait model instead of Models/portrait.safetensors"),
            .value("poem-model", "PATH", "use this poem model instead of Models/poem-zh or poem-en.safetensors"),
            .value("melody-model", "PATH", "use this melody model instead of Models/melody.safetensors"),
        ],
        examples: ["belamy exhibit 明月 春风 --seed 2018", "belamy exhibit --lang en rose night --seed 7 -o rose.html"],
        takesPositionals: true)

    /// The size the portrait is shown at, in pixels.
    static let portraitSize = 512

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet") || options.flag("json")
        let keywords = options.positionals
        guard !keywords.isEmpty else {
            throw UsageError("exhibit needs keywords for its poem, e.g. 'belamy exhibit 明月 春风'", command: specification.name)
        }
        let seed = try options.seed()
        let language = try PoemCommand.language(of: options, command: specification.name)
        let (melodyRequest, instrument) = try MelodyCommand.request(options, seed: seed, command: specification.name)
        let modelURLs = (
            portrait: try ProjectPaths.model("portrait", given: options.string("portrait-model")),
            poem: try ProjectPaths.model("poem-\(language.rawValue)", given: options.string("poem-model")),
            melody: try ProjectPaths.model("melody", given: options.string("melody-model")))
        // All three models, before any work: an exhibit is all three pieces or nothing.
        for (craft, url) in [("portrait", modelURLs.portrait), ("poem", modelURLs.poem), ("melody", modelURLs.melody)]
        where !FileManager.default.fileExists(atPath: url.path) {
            throw ExhibitError.missingModel(craft: craft, path: url.path, option: "--\(craft)-model")
        }
        let output = ProjectPaths.output(options.string("output"), defaultName: "exhibit-seed\(seed).html")

        // The poem first: a keyword the model cannot write with is the likeliest mistake.
        let poem = try PoemCommand.writer(language: language, modelAt: modelURLs.poem).write(PoemRequest(keywords: keywords), seed: seed)
        let entry = CatalogueEntry(seed: seed)

        let portraitModel = try PortraitModel.read(from: modelURLs.portrait)
        let painter = PortraitPainter(generator: portraitModel.generator, configuration: portraitModel.configuration)
        let portrait = painter.paint(seeds: [seed], size: portraitSize)[0]
        let portraitPNG = try PNG.encode(portrait, metadata: [
            "Software": "belamy \(Belamy.version)", "Model": modelURLs.portrait.lastPathComponent, "Seed": String(seed),
            "Title": entry.title,
        ])

        var melody = try MelodyComposer(model: MelodyModel.read(from: modelURLs.melody)).compose(melodyRequest)
        melody.tune.title = "Air pour \(entry.sitter)"
        let audio = MelodyRenderer.audio(of: melody.tune, instrument: instrument)

        let settings: [(name: String, value: String)] = [
            ("seed", String(seed)), ("keywords", keywords.joined(separator: " ")), ("language", language.rawValue),
            ("poem", "\(poem.formName), temperature 0.8, best of 8 candidates"),
            ("portrait", "\(portraitModel.configuration.imageSize) px enlarged to \(portraitSize) px, truncation 1"),
            ("melody", "\(melodyRequest.key), \(melodyRequest.meter), \(Self.number(melodyRequest.beatsPerMinute)) beats a minute, "
                + "\(melodyRequest.bars) bars, temperature \(Self.number(Double(melodyRequest.temperature))), \(instrument.name)"),
            ("software", "belamy \(Belamy.version)"),
        ]
        let page = ExhibitPage(
            entry: entry, seed: seed, portraitPNG: portraitPNG, paintedSize: portraitModel.configuration.imageSize,
            portraitSize: portraitSize, signatureInk: ExhibitPage.SignatureInk(over: portrait), poem: poem, keywords: keywords,
            tuneTitle: melody.tune.title, tuneABC: ABCWriter.text(of: melody.tune), tuneWAV: try WAVFile.encode(audio),
            tuneParticulars: [melodyRequest.key.description, melodyRequest.meter.description,
                              "\(Self.number(melodyRequest.beatsPerMinute)) beats a minute", "\(melodyRequest.bars) bars",
                              instrument.name, String(format: "%.1f s", audio.duration)],
            models: [("Portrait", try ModelSummary(contentsOf: modelURLs.portrait)), ("Verse", try ModelSummary(contentsOf: modelURLs.poem)),
                     ("Air", try ModelSummary(contentsOf: modelURLs.melody))],
            settings: settings, command: command(options, seed: seed), software: "belamy \(Belamy.version)")
        try AtomicFile.write(Data(page.html.utf8), to: output)

        Terminal.note("wrote \(output.path): lot \(entry.lot), \(entry.title)")
        if options.string("seed") == nil { Terminal.note("seed \(seed) (repeat with --seed \(seed))") }
        if options.flag("json") {
            print(JSONRecord.written([output], craft: "exhibit", seed: seed,
                                     models: ["portrait": modelURLs.portrait, "poem": modelURLs.poem, "melody": modelURLs.melody],
                                     settings: Dictionary(uniqueKeysWithValues: settings.map { ($0.name, $0.value) })))
        }
    }

    /// The command that makes the same page: the keywords, the seed and the options that change it
    /// (not where it is written, nor how much is printed).
    static func command(_ options: ParsedOptions, seed: UInt64) -> String {
        var words = ["belamy", "exhibit"] + options.positionals.map(shellQuoted) + ["--seed", String(seed)]
        for name in ["lang", "key", "bars", "instrument", "portrait-model", "poem-model", "melody-model"] {
            if let value = options.string(name) { words += ["--\(name)", shellQuoted(value)] }
        }
        return words.joined(separator: " ")
    }

    /// `word` as a shell reads it back: quoted if it holds anything a shell would interpret.
    static func shellQuoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "_./:=,+-@%".contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// 100 → "100", 0.9 → "0.9".
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }
}

/// Why an exhibit could not be made.
enum ExhibitError: Error, CustomStringConvertible, Equatable {
    case missingModel(craft: String, path: String, option: String)

    var description: String {
        switch self {
        case .missingModel(let craft, let path, let option):
            return "no \(craft) model at \(path); an exhibit needs one: train it with 'belamy train \(craft)', or pass \(option) PATH"
        }
    }
}
