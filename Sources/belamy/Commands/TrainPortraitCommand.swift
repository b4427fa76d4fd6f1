/// `belamy train portrait`: train the portrait GAN.
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
