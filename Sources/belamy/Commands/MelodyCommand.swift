/// `belamy melody`: compose a tune and render it to WAV, MIDI and ABC.
enum MelodyCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "melody",
        summary: "compose a melody and render it to WAV (plus MIDI and ABC)",
        usage: "[options]",
        discussion: """
        A sequence model trained on folk tunes composes in a key-relative encoding; the bar lengths,
        the number of bars and the final tonic are guaranteed by constrained decoding.
        """,
        options: [
            .seed, .output, .model, .temperature, .quiet, .json,
            .value("key", "KEY", "key: D, Am, E dorian … (default: chosen by the seed)"),
            .value("meter", "M", "4/4, 3/4 or 6/8 (default 4/4)"),
            .value("tempo", "BPM", "beats per minute (default 100)"),
            .value("bars", "N", "number of bars (default 16)"),
            .value("primer", "ABC", "ABC notes to continue, e.g. \"DEF GAB\""),
            .value("instrument", "NAME", "pluck, organ or piano (default pluck)"),
        ],
        examples: ["belamy melody --seed 7", "belamy melody --key 'E dorian' --meter 6/8 --bars 8 --instrument organ"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the melody craft") }
}
