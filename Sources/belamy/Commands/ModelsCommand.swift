/// `belamy models`: the shipped models and their training records.
enum ModelsCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "models", summary: "list the shipped models with size, parameters, corpus and metrics", usage: "[options]",
        discussion: "", options: [.json], examples: ["belamy models"], takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the model list (no model ships yet)") }
}
