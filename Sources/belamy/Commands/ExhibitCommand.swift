/// `belamy exhibit`: an auction-catalogue page with a portrait, a poem and a melody.
enum ExhibitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "exhibit", summary: "make an auction-catalogue HTML page: portrait, poem and melody", usage: "[options] KEYWORDS…",
        discussion: "", options: [.seed, .output, .quiet, .json], examples: ["belamy exhibit 明月 --seed 2018"],
        takesPositionals: true)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the exhibit") }
}
