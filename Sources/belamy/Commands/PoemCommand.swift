import AtomicWrite
import Foundation
import Poetry

/// `belamy poem`: write a poem from keywords.
enum PoemCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "poem",
        summary: "write a poem from keywords (classical Chinese verse or English lyrics)",
        usage: "[options] KEYWORDS…",
        discussion: """
        A character-level language model writes the poem; the form, the acrostic and the rhyme are
        enforced while decoding, not hoped for. Chinese forms: 五言绝句, 七言绝句 (default), 五言律诗, 七言律诗;
        the rhyming lines share a 中华新韵 rhyme group. Every keyword appears in the poem, or, with
        --acrostic, begins the lines; an acrostic of five to eight characters without --form makes
        a 七言律诗. With --strict every position follows the form's 平仄 pattern except an acrostic's
        own characters, which keep whatever tone they have. Several candidates are written and the
        likeliest is kept.
        """,
        options: [
            .seed, .count, .model, .temperature(default: 0.8), .quiet, .json,
            .value("output", short: "o", "PATH", "also write the poems to this file (they always go to stdout)"),
            languageOption,
            .value("form", "FORM", "wujue, qijue, wulv or qilv (Chinese); the number of lines otherwise"),
            .flag("acrostic", "each line begins with the next keyword character (藏头诗); in English, the letters"),
            .flag("strict", "Chinese: also follow the level/oblique (平仄) tone pattern of the form"),
            .value("top-k", "K", "sample only from the K likeliest characters (default 0: all of them)"),
            .value("top-p", "P", "sample only from the smallest set of characters with probability ≥ P (default 1: all of them)"),
            .value("candidates", "N", "candidates written per poem; the likeliest is kept (default 8)"),
        ],
        examples: ["belamy poem 春风 明月", "belamy poem --acrostic 春夏秋冬", "belamy poem --form wulv --strict 秋 山",
                   "belamy poem --lang en --acrostic rose", "belamy poem --lang en --form 6 river night"],
        takesPositionals: true)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        let keywords = options.positionals
        guard keywords.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw UsageError(PoemError.noKeywords.description, command: specification.name)
        }
        let language = try Self.language(of: options, command: specification.name)
        let modelURL = try ProjectPaths.model("poem-\(language.rawValue)", given: options.string("model"))
        let sampling = SamplingSettings(
            temperature: Float(try options.number("temperature", default: 0.8, in: 0.01 ... 10)!),
            topK: try options.integer("top-k", default: 0, in: 0 ... 1_000_000)!,
            topP: Float(try options.number("top-p", default: 1, in: 0.01 ... 1)!))
        var request = PoemRequest(keywords: keywords, acrostic: options.flag("acrostic"), strictTones: options.flag("strict"),
                                  sampling: sampling, candidateCount: try options.integer("candidates", default: 8, in: 1 ... 64)!)
        if let form = options.string("form") {
            switch language {
            case .chinese:
                guard let chineseForm = ChineseForm(name: form) else {
                    throw UsageError("--form for Chinese is wujue, qijue, wulv or qilv (五绝, 七绝, 五律, 七律), got '\(form)'",
                                     command: specification.name)
                }
                request.form = chineseForm
            case .english:
                guard let lines = Int(form), (1 ... 40).contains(lines) else {
                    throw UsageError("--form for English is the number of lines (1–40), got '\(form)'", command: specification.name)
                }
                request.lineCount = lines
            }
        }
        if options.flag("strict") && language == .english {
            throw UsageError("--strict applies to Chinese poems only", command: specification.name)
        }
        let count = try options.integer("count", default: 1, in: 1 ... 1000)!
        let seed = try options.seed()

        let writer = try Self.writer(language: language, modelAt: modelURL)
        // Poem k of a run is the poem that seed + k gives alone, so any one of them can be written again.
        let poems = try (0 ..< count).map { try writer.write(request, seed: seed &+ UInt64($0)) }

        let text = poems.map(\.text).joined(separator: "\n\n") + "\n"
        var written: [URL] = []
        if let output = options.string("output") {
            let url = ProjectPaths.output(output, defaultName: "poem-seed\(seed).txt")
            try AtomicFile.write(Data(text.utf8), to: url)
            written.append(url)
            Terminal.note("wrote \(url.path)")
        }
        if options.flag("json") {
            print(json(poems, request: request, files: written, seed: seed, model: modelURL))
        } else {
            print(text, terminator: "")
        }
        if options.string("seed") == nil { Terminal.note("seed \(seed) (repeat with --seed \(seed))") }
    }

    /// A writer over the poem model at `url`, which must write `language`.
    static func writer(language: PoemLanguage, modelAt url: URL) throws -> PoemWriter {
        let model = try PoemModel.read(from: url)
        guard model.configuration.language == language else {
            throw PoemError.wrongLanguage(model: model.configuration.language, requested: language)
        }
        // Writing is a chain of small products, one per character: a second thread only adds
        // hand-offs, and on a busy machine waits for a core (ten times the wall time, measured).
        CoreThreads.count = 1
        return PoemWriter(model: model)
    }

    /// The `--lang` option, shared with `belamy exhibit`.
    static let languageOption = OptionSpecification.value("lang", "zh|en", "language of the poem (default: guessed from the keywords)")

    /// The language of the poem asked for: `--lang`, else the one the keywords are written in.
    static func language(of options: ParsedOptions, command: String) throws -> PoemLanguage {
        try options.string("lang").map { try language($0, command: command) } ?? PoemLanguage.guessed(from: options.positionals)
    }

    /// The language named by a `--lang` value of `command`.
    static func language(_ name: String, command: String) throws -> PoemLanguage {
        guard let language = PoemLanguage(rawValue: name.lowercased()) else {
            throw UsageError("--lang is zh or en, got '\(name)'", command: command)
        }
        return language
    }

    /// The run's `--json` record: the shared shape, with every poem under `poems`.
    private static func json(_ poems: [Poem], request: PoemRequest, files: [URL], seed: UInt64, model: URL) -> String {
        let settings: [String: Any] = [
            "language": poems[0].language.rawValue, "keywords": request.keywords, "acrostic": request.acrostic,
            "strict": request.strictTones, "count": poems.count, "temperature": JSONRecord.number(request.sampling.temperature),
            "top_k": request.sampling.topK, "top_p": JSONRecord.number(request.sampling.topP), "candidates": request.candidateCount,
        ]
        let records: [[String: Any]] = poems.map { poem in
            var record: [String: Any] = [
                "seed": poem.seed, "form": poem.formName, "lines": poem.lines,
                "mean_log_probability": (poem.meanLogProbability * 1000).rounded() / 1000,
            ]
            if let group = poem.rhymeGroup { record["rhyme_group"] = group }
            return record
        }
        return JSONRecord.written(files, craft: "poem", seed: seed, model: model, settings: settings, adding: ["poems": records])
    }
}
