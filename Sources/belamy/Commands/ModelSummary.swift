import Foundation
import NeuralCore

/// What a model file's metadata records about it (craft, size, corpus, training, metrics), as
/// `belamy models` lists it and `belamy exhibit` cites it for provenance.
struct ModelSummary {
    let file: URL
    let byteCount: Int
    let parameterCount: Int
    let craft: String
    let architecture: String
    let corpus: String
    let steps: String
    /// The recorded final or validation metrics, by name.
    let metrics: [String: String]
    let date: String
    /// The training command as recorded in the file, if it was.
    let command: String?
    /// The checksum of the weights that the file carries, if it does.
    let checksum: String?

    /// Reads the header and metadata of the model file at `url`.
    init(contentsOf url: URL) throws {
        let file = try ModelFile.safeTensors(at: url)
        let metadata = file.metadata
        self.file = url
        byteCount = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        parameterCount = file.tensors.values.reduce(0) { $0 + $1.count }
        craft = metadata["belamy_craft"] ?? "?"
        architecture = metadata["belamy_architecture"] ?? "?"
        corpus = metadata["corpus"] ?? "?"
        steps = metadata["steps"] ?? "?"
        metrics = metadata.filter { ["val_", "final_", "validation_"].contains(where: $0.key.hasPrefix) }
        date = metadata["date"] ?? "?"
        command = metadata["command"]
        checksum = metadata["belamy_checksum"]
    }

    /// The metrics on one line in name order; a metric recorded as a JSON object (the portrait
    /// trainer's `final_metrics`) shows its own names and values.
    var metricText: String {
        metrics.keys.sorted().map { name in
            let value = metrics[name]!
            guard value.hasPrefix("{") else { return "\(name) \(value)" }
            return value.filter { !"{}\"".contains($0) }.replacingOccurrences(of: ": ", with: " ")
        }.joined(separator: ", ")
    }

    /// The record `belamy models --json` prints.
    /// Numbers are numbers and a metric recorded as a JSON object is that object, not a string of it.
    var record: [String: Any] {
        var values: [String: Any] = [:]
        for (name, value) in metrics {
            if let number = Double(value) {
                values[name] = number
            } else if value.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: Any] {
                values.merge(object) { first, _ in first }
            } else {
                values[name] = value
            }
        }
        let stepCount: Any
        if let number = Int(steps) { stepCount = number } else { stepCount = steps }
        return ["file": file.lastPathComponent, "bytes": byteCount, "parameters": parameterCount, "craft": craft,
                "architecture": architecture, "corpus": corpus, "steps": stepCount, "metrics": values, "date": date]
    }
}
