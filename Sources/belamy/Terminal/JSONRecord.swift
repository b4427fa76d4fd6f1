import Foundation

/// The `--json` record every generating command prints: what was written and how to make it again.
enum JSONRecord {
    static func written(_ files: [URL], craft: String, seed: UInt64, model: URL, settings: [String: String]) -> String {
        let record: [String: Any] = ["craft": craft, "files": files.map(\.path), "seed": seed,
                                     "model": model.path, "settings": settings]
        let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
