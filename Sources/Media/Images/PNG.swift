import AtomicWrite
import CPNG
import Foundation

/// PNG files through libpng's simplified API, which returns error codes instead of longjmp-ing.
/// Reading accepts every PNG variant (1–16 bits, gray, gray+alpha, RGB, RGBA, palette, Adam7
/// interlacing) and delivers 8-bit sRGB: libpng honours gAMA/sRGB chunks and scales 16-bit
/// samples. Writing produces 8-bit RGB or RGBA with text metadata, byte-for-byte deterministic.
public enum PNG {
    /// Decodes a PNG file's bytes into RGB, or RGBA when the file has any transparency.
    public static func decode(_ data: Data) throws -> Image {
        try checkSignature(data)
        try PNGChunk.validate(data)
        return try data.withUnsafeBytes { bytes -> Image in
            var control = png_image()
            control.version = png_uint_32(PNG_IMAGE_VERSION)
            defer { png_image_free(&control) }
            guard png_image_begin_read_from_memory(&control, bytes.baseAddress, bytes.count) != 0 else {
                throw ImageError.malformed(format: "PNG", reason: message(of: &control))
            }
            try Image.checkDecodableSize(width: Int(control.width), height: Int(control.height), format: "PNG")
            // Without this flag libpng takes untagged 16-bit samples as linear light and brightens them.
            control.flags |= png_uint_32(PNG_IMAGE_FLAG_16BIT_sRGB)
            let hasAlpha = control.format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0
            let format: Image.PixelFormat = hasAlpha ? .rgba : .rgb
            control.format = png_uint_32(PNG_FORMAT_FLAG_COLOR) | (hasAlpha ? png_uint_32(PNG_FORMAT_FLAG_ALPHA) : 0)
            var pixels = [UInt8](repeating: 0, count: Int(control.width) * Int(control.height) * format.rawValue)
            let finished = pixels.withUnsafeMutableBytes { output in
                png_image_finish_read(&control, nil, output.baseAddress, 0, nil)
            }
            guard finished != 0 else { throw ImageError.malformed(format: "PNG", reason: message(of: &control)) }
            return Image(width: Int(control.width), height: Int(control.height), format: format, pixels: pixels)
        }
    }

    /// The text chunks (tEXt, and uncompressed iTXt) of a PNG file as key → text; zTXt and
    /// compressed iTXt are skipped. A key that appears twice keeps its last text.
    public static func textMetadata(in data: Data) throws -> [String: String] {
        try checkSignature(data)
        var metadata: [String: String] = [:]
        for chunk in try PNGChunk.chunks(in: data) {
            if let (key, text) = PNGText.decode(chunk) { metadata[key] = text }
        }
        return metadata
    }

    /// Encodes an image as an 8-bit PNG with `metadata` as text chunks after the header, in key
    /// order. Keys must be 1–79 printable Latin-1 characters; texts outside Latin-1 go to iTXt.
    public static func encode(_ image: Image, metadata: [String: String] = [:]) throws -> Data {
        let textChunks = try metadata.keys.sorted().map { try PNGText.encode(key: $0, text: metadata[$0]!) }
        var control = png_image()
        control.version = png_uint_32(PNG_IMAGE_VERSION)
        control.width = png_uint_32(image.width)
        control.height = png_uint_32(image.height)
        control.format = png_uint_32(PNG_FORMAT_FLAG_COLOR) | (image.format == .rgba ? png_uint_32(PNG_FORMAT_FLAG_ALPHA) : 0)
        // Deflate rarely grows data by more than a few bytes per block; libpng reports the real
        // size if this guess is short, and the second attempt then fits.
        var capacity = png_alloc_size_t(image.pixels.count + image.height + image.pixels.count / 100 + 1024)
        for _ in 0..<2 {
            var encoded = Data(count: Int(capacity))
            var size = capacity
            let succeeded = encoded.withUnsafeMutableBytes { output in
                image.pixels.withUnsafeBytes { input in
                    png_image_write_to_memory(&control, output.baseAddress, &size, 0, input.baseAddress, 0, nil)
                }
            }
            if succeeded != 0 {
                encoded.count = Int(size)
                return PNGChunk.insertAfterHeader(textChunks, into: encoded)
            }
            guard size > capacity else { break }
            capacity = size
        }
        throw ImageError.malformed(format: "PNG", reason: "libpng could not encode: \(message(of: &control))")
    }

    /// Reads and decodes a PNG file.
    public static func read(from url: URL) throws -> Image {
        try ImageFile.withContents(of: url) { try decode($0) }
    }

    /// Reads the text metadata of a PNG file.
    public static func readTextMetadata(from url: URL) throws -> [String: String] {
        try ImageFile.withContents(of: url) { try textMetadata(in: $0) }
    }

    /// Encodes and writes a PNG file atomically.
    public static func write(_ image: Image, metadata: [String: String] = [:], to url: URL) throws {
        try AtomicFile.write(encode(image, metadata: metadata), to: url)
    }

    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private static func checkSignature(_ data: Data) throws {
        guard !data.isEmpty else { throw ImageError.empty }
        guard data.starts(with: signature) else { throw ImageError.wrongSignature(expected: "PNG") }
    }

    private static func message(of control: inout png_image) -> String {
        withUnsafeBytes(of: &control.message) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
