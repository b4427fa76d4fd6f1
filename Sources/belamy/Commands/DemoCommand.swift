/// `belamy demo`: the main job behind the README's first command.
enum DemoCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "demo", summary: "make a portrait, a poem and a melody with the shipped models", usage: "[options]",
        discussion: "", options: [.seed, .quiet], examples: ["belamy demo", "belamy demo --seed 2018"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the demo") }
}
