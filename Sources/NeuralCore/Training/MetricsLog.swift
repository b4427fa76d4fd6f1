import Foundation

/// A JSON-lines log of training metrics (`{"step":100,"elapsed_s":12.5,"loss":1.93}` per line),
/// which any plotting tool reads. On resume, lines past the checkpoint's step are dropped so the
/// log tells the story of the run that continues, not of the steps that were lost.
public final class MetricsLog {
    private let url: URL
    private var handle: FileHandle

    /// Opens (or creates) the log at `url`, keeping only lines with `step <= keepThrough`.
    public init(url: URL, keepThrough step: Int?) throws {
        self.url = url
        let manager = FileManager.default
        var kept = Data()
        if let step, let existing = try? String(contentsOf: url, encoding: .utf8) {
            for line in existing.split(separator: "\n") where Self.step(of: line).map({ $0 <= step }) ?? false {
                kept.append(contentsOf: Array(line.utf8) + [0x0A])
            }
        }
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try kept.write(to: url)
            handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
        } catch {
            throw AtomicFileError.cannotWrite(url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Appends one record.
    public func append(step: Int, elapsedSeconds: Double, metrics: [Metric]) {
        var fields = ["\"step\":\(step)", "\"elapsed_s\":\(String(format: "%.3f", elapsedSeconds))"]
        for metric in metrics {
            let value = metric.value.isFinite ? String(format: "%.6g", metric.value) : "null"
            fields.append("\"\(metric.name)\":\(value)")
        }
        handle.write(Data(("{" + fields.joined(separator: ",") + "}\n").utf8))
    }

    deinit { try? handle.close() }

    /// What a run's log says at its end: each metric's mean over the last `records` lines (one
    /// step's values are too noisy to quote, a GAN's especially), and the training time summed over
    /// every session (`elapsed_s` starts again at each resume). Nil when the log has no records.
    public static func summary(of url: URL, records: Int = 20) -> (means: [Metric], trainingSeconds: Double)? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        guard let last = lines.last else { return nil }
        var seconds = 0.0, previous = 0.0
        for line in lines {
            let elapsed = line["elapsed_s"] as? Double ?? 0
            if elapsed < previous { seconds += previous }
            previous = elapsed
        }
        let recent = lines.suffix(records)
        let names = last.keys.filter { $0 != "step" && $0 != "elapsed_s" }.sorted()
        let means = names.map { name in
            let values = recent.compactMap { $0[name] as? Double }
            return Metric(name, values.reduce(0, +) / Double(max(values.count, 1)))
        }
        return (means, seconds + previous)
    }

    private static func step(of line: Substring) -> Int? {
        guard let range = line.range(of: "\"step\":") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}

import AtomicWrite
