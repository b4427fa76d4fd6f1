import Foundation
import NeuralCore

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
            let file = try SafeTensors.read(from: url)
            let metadata = file.metadata
            let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            let parameters = file.tensors.values.reduce(0) { $0 + $1.count }
            let metrics = metadata.filter { ["val_", "final_", "validation_"].contains(where: $0.key.hasPrefix) }
            records.append(["file": url.lastPathComponent, "bytes": bytes, "parameters": parameters,
                            "craft": metadata["belamy_craft"] ?? "?", "architecture": metadata["belamy_architecture"] ?? "?",
                            "corpus": metadata["corpus"] ?? "?", "steps": metadata["steps"] ?? "?",
                            "metrics": metrics, "date": metadata["date"] ?? "?"])
            if !options.flag("json") {
                let size = String(format: "%.1f MB", Double(bytes) / 1e6)
                let metricText = metrics.keys.sorted().map { "\($0) \(metrics[$0]!)" }.joined(separator: ", ")
                print("""
                \(url.lastPathComponent)  (\(metadata["belamy_craft"] ?? "?"), \(metadata["belamy_architecture"] ?? "?"))
                  \(size), \(parameters.formatted()) parameters, \(metadata["steps"] ?? "?") steps, trained \(metadata["date"] ?? "?")
                  corpus: \(metadata["corpus"] ?? "?")
                  metrics: \(metricText.isEmpty ? "none recorded" : metricText)
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
