import Foundation

/// Media files are read whole into memory; one larger than its reader's limit is refused before a
/// byte is read, so a hostile or mistaken path cannot exhaust memory.
enum FileSizeLimit {
    /// Why the file at `url` is refused unread: it holds more than `maximumByteCount` bytes. Nil
    /// when it is within the limit or its size is unknown (reading it then says what is wrong).
    static func reasonToRefuse(_ url: URL, maximumByteCount: Int) -> String? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
              size.int64Value > Int64(maximumByteCount) else { return nil }
        return "\(size.int64Value / 1_000_000) MB, larger than the \(maximumByteCount / 1_000_000) MB limit"
    }
}
