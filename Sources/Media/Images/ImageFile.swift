import Foundation

/// Reading images from disk whatever their format, and the file plumbing the codecs share.
public enum ImageFile {
    /// Reads a PNG or JPEG file, recognised by its first bytes rather than its name.
    public static func read(from url: URL) throws -> Image {
        try withContents(of: url) { try decode($0) }
    }

    /// Decodes PNG or JPEG bytes, recognised by their signature.
    public static func decode(_ data: Data) throws -> Image {
        if data.starts(with: PNG.signature) { return try PNG.decode(data) }
        if data.starts(with: JPEG.signature) { return try JPEG.decode(data) }
        throw data.isEmpty ? ImageError.empty : ImageError.wrongSignature(expected: "PNG or JPEG")
    }

    /// Runs `body` on a file's bytes; its errors come back naming the file.
    static func withContents<Result>(of url: URL, _ body: (Data) throws -> Result) throws -> Result {
        if let reason = FileSizeLimit.reasonToRefuse(url, maximumByteCount: Image.maximumFileByteCount) {
            throw ImageError.cannotRead(path: url.path, reason: reason)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            // Foundation's own wording is long and platform-specific; the POSIX reason is one short line.
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? Error
            let reason = underlying.map { String(cString: strerror(Int32(($0 as NSError).code))) }
                ?? (error as NSError).localizedDescription
            throw ImageError.cannotRead(path: url.path, reason: reason)
        }
        do {
            return try body(data)
        } catch let error as ImageError {
            throw ImageError.inFile(path: url.path, error)
        }
    }
}
