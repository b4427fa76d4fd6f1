/// `belamy corpus`: what the shipped training data holds.
enum CorpusCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "corpus", summary: "show counts, sizes and examples of the training corpora", usage: "[options]",
        discussion: "", options: [.quiet, .json], examples: ["belamy corpus"], takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the corpus summary") }
}

/// `belamy models`: the shipped models and their training records.
enum ModelsCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "models", summary: "list the shipped models with size, parameters, corpus and metrics", usage: "[options]",
        discussion: "", options: [.json], examples: ["belamy models"], takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the model list (no model ships yet)") }
}

/// `belamy exhibit`: an auction-catalogue page with a portrait, a poem and a melody.
enum ExhibitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "exhibit", summary: "make an auction-catalogue HTML page: portrait, poem and melody", usage: "[options] KEYWORDS…",
        discussion: "", options: [.seed, .output, .quiet, .json], examples: ["belamy exhibit 明月 --seed 2018"],
        takesPositionals: true)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the exhibit") }
}
