import Foundation

/// `belamy models`: the shipped models and their training records, read from their metadata.
enum ModelsCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "models", summary: "list the shipped models with size, parameters, corpus and metrics", usage: "[options]",
        discussion: "Reads every Models/*.safetensors (or the files given with --model) and prints what its metadata records.",
        options: [.json, .value("model", "PATH", "describe this model file instead (repeatable)", repeatable: true)],
        examples: ["belamy models", "belamy models --json"], takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        var files = options.strings("model").map(ProjectPaths.userPath)
        if files.isEmpty {
            let folder = try ProjectPaths.model("x").deletingLastPathComponent()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files = names.filter { $0.hasSuffix(".safetensors") }.sorted().map { folder.appendingPathComponent($0) }
        }
        guard !files.isEmpty else { throw ModelsError.none }
        var records: [[String: Any]] = []
        for url in files {
            let summary = try ModelSummary(contentsOf: url)
            records.append(summary.record)
            if !options.flag("json") {
                let size = String(format: "%.1f MB", Double(summary.byteCount) / 1e6)
                print("""
                \(url.lastPathComponent)  (\(summary.craft), \(summary.architecture))
                  \(size), \(summary.parameterCount.formatted()) parameters, \(summary.steps) steps, trained \(summary.date)
                  corpus: \(summary.corpus)
                  metrics: \(summary.metricText.isEmpty ? "none recorded" : summary.metricText)
                """)
            }
        }
        if options.flag("json") {
            let data = try JSONSerialization.data(withJSONObject: records, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

/// Why there is nothing to list.
enum ModelsError: Error, CustomStringConvertible {
    case none
    var description: String { "no model files in Models/ (train one with 'belamy train …')" }
}
