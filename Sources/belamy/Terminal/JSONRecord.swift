import Foundation

/// The `--json` record every generating command prints, one JSON object on one line, always of the
/// same shape: `craft`, the `files` written, the `seed`, the `model` (or `models`), the `settings`
/// that shaped the result, and whatever the craft adds (`poems` for poems, `seconds` for a melody).
enum JSONRecord {
    /// The record of a command that uses one model.
    static func written(_ files: [URL], craft: String, seed: UInt64, model: URL, settings: [String: Any],
                        adding extra: [String: Any] = [:]) -> String {
        text(["craft": craft, "files": files.map(\.path), "seed": seed, "model": model.path, "settings": settings]
            .merging(extra) { first, _ in first })
    }

    /// The record of a command that uses several models, keyed by craft (`belamy exhibit`).
    static func written(_ files: [URL], craft: String, seed: UInt64, models: [String: URL], settings: [String: Any]) -> String {
        text(["craft": craft, "files": files.map(\.path), "seed": seed, "models": models.mapValues(\.path), "settings": settings])
    }

    /// `value` as the shortest decimal that reads back as it, so a Float prints as typed (0.9, not 0.8999999761581421).
    static func number(_ value: Float) -> Double { Double(String(value))! }

    private static func text(_ record: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
