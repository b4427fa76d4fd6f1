/// `belamy corpus`: what the shipped training data holds.
enum CorpusCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "corpus", summary: "show counts, sizes and examples of the training corpora", usage: "[options]",
        discussion: "", options: [.quiet, .json], examples: ["belamy corpus"], takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the corpus summary") }
}
