/// `belamy train poem`: train a poem language model.
enum TrainPoemCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "train poem",
        summary: "train the poem language model on Corpora/poems or your own UTF-8 text",
        usage: "[options]",
        discussion: "Checkpoints go to --out-dir; the best validation checkpoint is kept; --resume continues exactly.",
        options: [
            .seed, .quiet,
            .value("lang", "zh|en", "which corpus and model (default zh)"),
            .value("text", "FILE", "train on this UTF-8 text instead (repeatable)", repeatable: true),
            .value("steps", "N", "training steps"), .value("out-dir", "DIR", "where checkpoints go"),
            .flag("resume", "continue from the checkpoint in --out-dir"),
        ],
        examples: ["belamy train poem --lang zh --steps 5000", "belamy train poem --lang en --text lyrics.txt"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "training the poem craft") }
}
