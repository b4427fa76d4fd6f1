import Foundation

/// The `--json` record every generating command prints: what was written and how to make it again.
enum JSONRecord {
    /// The record of a command that uses one model.
    static func written(_ files: [URL], craft: String, seed: UInt64, model: URL, settings: [String: String]) -> String {
        text(["craft": craft, "files": files.map(\.path), "seed": seed, "model": model.path, "settings": settings])
    }

    /// The record of a command that uses several models, keyed by craft (`belamy exhibit`).
    static func written(_ files: [URL], craft: String, seed: UInt64, models: [String: URL], settings: [String: String]) -> String {
        text(["craft": craft, "files": files.map(\.path), "seed": seed, "models": models.mapValues(\.path), "settings": settings])
    }

    private static func text(_ record: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
