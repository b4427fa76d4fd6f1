import CJPEGDecoder
import Foundation

/// JPEG reading through libjpeg-turbo (baseline and progressive; gray and YCbCr/RGB colour).
/// The Exif orientation is honoured: the image comes back the way a viewer displays it, so a
/// phone photo taken upright is upright. Gray files are widened to RGB.
public enum JPEG {
    /// Decodes a JPEG file's bytes into an RGB image, turned as its Exif orientation says.
    public static func decode(_ data: Data) throws -> Image {
        guard !data.isEmpty else { throw ImageError.empty }
        guard data.starts(with: signature) else { throw ImageError.wrongSignature(expected: "JPEG") }
        let bytes = [UInt8](data)
        var info = belamy_jpeg_info()
        guard belamy_jpeg_read_header(bytes, bytes.count, &info) == 0 else { throw failure(&info) }
        try Image.checkDecodableSize(width: Int(info.width), height: Int(info.height), format: "JPEG")
        let width = Int(info.width), height = Int(info.height), components = Int(info.components)
        // Every 8×8 block costs at least a bit of entropy-coded data, so a file cannot hold more than
        // 512 pixels per byte; a header claiming far more is a decompression bomb, refused before allocating.
        guard width * height <= maximumPixelsPerByte * bytes.count else {
            throw ImageError.malformed(format: "JPEG", reason: "\(width)×\(height) pixels cannot fit in \(bytes.count) bytes")
        }
        var samples = [UInt8](repeating: 0, count: width * height * components)
        let status = samples.withUnsafeMutableBufferPointer { output in
            belamy_jpeg_decode(bytes, bytes.count, output.baseAddress, output.count, &info)
        }
        guard status == 0 else { throw failure(&info) }
        let image = Image(width: width, height: height, format: .rgb, pixels: components == 3 ? samples : widenedToRGB(samples))
        return image.oriented(byExif: ExifOrientation.value(inJPEG: bytes))
    }

    /// Reads and decodes a JPEG file.
    public static func read(from url: URL) throws -> Image {
        try ImageFile.withContents(of: url) { try decode($0) }
    }

    /// Pixels a byte of JPEG can describe at most, with margin (one bit per 8×8 block is 512).
    static let maximumPixelsPerByte = 4096

    /// Start-of-image marker and the first byte of the next marker.
    static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// Gray samples as RGB: one plain pass, where `flatMap` would build an array per pixel.
    private static func widenedToRGB(_ gray: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: 3 * gray.count)
        for (index, value) in gray.enumerated() {
            rgb[3 * index] = value
            rgb[3 * index + 1] = value
            rgb[3 * index + 2] = value
        }
        return rgb
    }

    private static func failure(_ info: inout belamy_jpeg_info) -> ImageError {
        let reason = withUnsafeBytes(of: &info.message) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if reason.hasPrefix("unsupported") { return .unsupported(format: "JPEG", reason: reason) }
        return .malformed(format: "JPEG", reason: reason)
    }
}
