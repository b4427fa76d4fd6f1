/// `belamy bench`: the reference workloads, printing the same JSON keys as the PyTorch scripts.
enum BenchCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "bench", summary: "benchmark the neural core on the reference workloads", usage: "[options] WORKLOAD",
        discussion: "", options: [], examples: ["belamy bench dcgan"], takesPositionals: true)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the benchmark") }
}
