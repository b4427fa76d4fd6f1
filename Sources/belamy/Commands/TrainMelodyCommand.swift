/// `belamy train melody`: train the melody model.
enum TrainMelodyCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "train melody",
        summary: "train the melody model on Corpora/melodies or your own ABC or MIDI files",
        usage: "[options]",
        discussion: "Checkpoints go to --out-dir; --resume continues exactly; Ctrl-C saves and stops.",
        options: [
            .seed, .quiet,
            .value("abc", "FILE", "train on these ABC files (repeatable)", repeatable: true),
            .value("midi", "DIR", "train on the monophonic MIDI files in this folder"),
            .value("steps", "N", "training steps"), .value("out-dir", "DIR", "where checkpoints go"),
            .flag("resume", "continue from the checkpoint in --out-dir"),
        ],
        examples: ["belamy train melody --steps 8000", "belamy train melody --abc mytunes.abc"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "training the melody craft") }
}
