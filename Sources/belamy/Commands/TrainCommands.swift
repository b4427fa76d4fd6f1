/// `belamy train portrait|poem|melody`: train a craft's model on the shipped corpus or your own data.
enum TrainPortraitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "train portrait",
        summary: "train the portrait GAN on Corpora/portraits or a folder of images",
        usage: "[options]",
        discussion: "Checkpoints and preview grids go to --out-dir; --resume continues exactly; Ctrl-C saves and stops.",
        options: [
            .seed, .quiet,
            .value("data", "DIR", "a folder of PNG/JPEG images (default: the shipped corpus)"),
            .value("steps", "N", "training steps"), .value("batch", "N", "batch size (default 64)"),
            .value("lr", "RATE", "learning rate"), .value("out-dir", "DIR", "where checkpoints and previews go"),
            .flag("resume", "continue from the checkpoint in --out-dir"),
        ],
        examples: ["belamy train portrait --steps 20000", "belamy train portrait --data ~/paintings --resume"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "training the portrait craft") }
}

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
