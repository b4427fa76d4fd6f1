import Foundation
import Media
import Melody

/// `belamy melody`: compose a tune and render it to WAV, MIDI and ABC.
enum MelodyCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "melody",
        summary: "compose a melody and render it to WAV (plus MIDI and ABC)",
        usage: "[options]",
        discussion: """
        A sequence model trained on folk tunes composes in a key-relative encoding; the bar lengths,
        the number of bars, the final tonic and a singable range are guaranteed by constrained decoding.
        Writes FILE.wav (44.1 kHz, 16-bit) with FILE.mid and FILE.abc beside it, and prints the ABC.
        """,
        options: [
            .seed, .output, .model, .temperature(default: 0.9), .quiet, .json,
            keyOption,
            .value("meter", "M", "4/4, 3/4, 6/8, 2/4, 2/2, 9/8 … (default 4/4)"),
            .value("tempo", "BPM", "beats per minute, in the meter's beat (a dotted quarter in 6/8; default 100)"),
            barsOption,
            .value("primer", "ABC", "ABC notes to continue, in the key, eighth notes as the unit: \"DEF GAB | c2\""),
            instrumentOption,
        ],
        examples: ["belamy melody --seed 7", "belamy melody --key 'E dorian' --meter 6/8 --bars 8 --instrument flute",
                   "belamy melody --key G --primer 'GAB d2 B' -o tune.wav"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        let started = Date()
        let seed = try options.seed()
        let (request, instrument) = try Self.request(options, seed: seed, command: specification.name)
        let key = request.key, meter = request.meter
        let modelURL = try ProjectPaths.model("melody", given: options.string("model"))
        var wav = ProjectPaths.output(options.string("output"), defaultName: "melody-seed\(seed).wav")
        // -o names the three files: tune, tune.wav, tune.mid and tune.abc all mean tune.{wav,mid,abc}.
        switch wav.pathExtension.lowercased() {
        case "wav": break
        case "", "mid", "midi", "abc": wav = wav.deletingPathExtension().appendingPathExtension("wav")
        default:
            throw UsageError("a melody is written as .wav, .mid and .abc: give -o a name ending in one of them, got '\(wav.lastPathComponent)'",
                             command: specification.name)
        }

        let model = try MelodyModel.read(from: modelURL)
        // One small product per event, as in `belamy poem`: a second thread only adds hand-offs.
        CoreThreads.count = 1
        let melody = try MelodyComposer(model: model).compose(request)
        let (abc, files) = try MelodyRenderer.write(melody.tune, instrument: instrument, to: wav)

        if options.flag("json") {
            let settings: [String: Any] = [
                "key": key.abcName, "meter": meter.description, "tempo": request.beatsPerMinute, "bars": request.bars,
                "temperature": JSONRecord.number(request.temperature), "instrument": instrument.name,
            ]
            let seconds = (melody.tune.length.doubleValue * request.tempo.secondsPerWholeNote * 1000).rounded() / 1000
            print(JSONRecord.written([files.wav, files.midi, files.abc], craft: "melody", seed: seed, model: modelURL,
                                     settings: settings, adding: ["seconds": seconds]))
        } else if !Terminal.isQuiet {
            print(abc, terminator: "")
        }
        Terminal.note("wrote \(files.wav.path) (+ .mid, .abc) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        if options.string("seed") == nil { Terminal.note("seed \(seed) (repeat with --seed \(seed))") }
    }

    /// Options that `belamy exhibit` shares.
    static let keyOption = OptionSpecification.value("key", "KEY", "key: D, Am, F#m, 'E dorian', Gmix … (default: chosen by the seed)")
    static let barsOption = OptionSpecification.value("bars", "N", "number of bars (default 16)")
    static let instrumentOption = OptionSpecification.value(
        "instrument", "NAME", "\(Instruments.all.map(\.name).joined(separator: ", ")) (default plucked)")

    /// The tune asked for by `options` of `command` and the instrument to play it; an option the
    /// command does not take keeps its default, so every command composes the same tune from a seed.
    static func request(_ options: ParsedOptions, seed: UInt64, command: String) throws -> (MelodyRequest, any Instrument) {
        var key = MelodyRequest.key(forSeed: seed)
        if let name = options.string("key") {
            guard let named = KeyName.key(name) else {
                throw UsageError("--key expects a key such as D, Am, F#m or 'E dorian', got '\(name)'", command: command)
            }
            key = named
        }
        let meter = try self.meter(options.string("meter") ?? "4/4")
        let instrumentName = options.string("instrument") ?? "plucked"
        guard let instrument = Instruments.named(instrumentName) else {
            throw UsageError("--instrument is one of \(Instruments.all.map(\.name).joined(separator: ", ")), got '\(instrumentName)'",
                             command: command)
        }
        let request = MelodyRequest(
            key: key, meter: meter, beatsPerMinute: try options.number("tempo", default: 100, in: 20 ... 400)!,
            bars: try options.integer("bars", default: 16, in: 1 ... 512)!, primer: options.string("primer"),
            temperature: Float(try options.number("temperature", default: 0.9, in: 0.01 ... 10)!), seed: seed)
        return (request, instrument)
    }

    /// A `--meter` value: "6/8", or ABC's "C" (4/4) and "C|" (2/2).
    static func meter(_ text: String) throws -> Meter {
        switch text {
        case "C": return Meter(beats: 4, beatUnit: 4)
        case "C|": return Meter(beats: 2, beatUnit: 2)
        default:
            let parts = text.split(separator: "/").map { Int($0) }
            guard parts.count == 2, let beats = parts[0], let unit = parts[1], (1 ... 16).contains(beats),
                  [1, 2, 4, 8, 16].contains(unit), Fraction(beats, unit) <= Fraction(4) else {
                throw UsageError("--meter expects a time signature such as 4/4, 3/4 or 6/8, got '\(text)'", command: "melody")
            }
            return Meter(beats: beats, beatUnit: unit)
        }
    }
}
