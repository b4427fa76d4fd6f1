/// Why an image could not be read or written; each reaches the user as one line.
public indirect enum ImageError: Error, CustomStringConvertible, Equatable {
    /// The data has no bytes at all.
    case empty
    /// The first bytes are not the signature of the expected format(s).
    case wrongSignature(expected: String)
    /// The header claims a size beyond `Image.maximumSide` or `Image.maximumPixelCount`.
    case tooLarge(width: Int, height: Int)
    /// The decoder rejected the data (truncated, corrupt, inconsistent); `reason` is its message.
    case malformed(format: String, reason: String)
    /// The data is valid but uses a feature Belamy does not read.
    case unsupported(format: String, reason: String)
    /// A metadata key or value cannot be stored in the file.
    case invalidMetadata(key: String, reason: String)
    /// A file could not be read from disk.
    case cannotRead(path: String, reason: String)
    /// The error above happened while reading the named file.
    case inFile(path: String, ImageError)

    /// The one line the user sees.
    public var description: String {
        switch self {
        case .empty: return "image data is empty"
        case .wrongSignature(let expected): return "not a \(expected) file (unrecognised signature)"
        case .tooLarge(let width, let height):
            return "image is \(width)×\(height); the limit is \(Image.maximumSide) pixels a side and \(Image.maximumPixelCount) pixels"
        case .malformed(let format, let reason): return "malformed \(format): \(reason)"
        case .unsupported(let format, let reason): return "unsupported \(format): \(reason)"
        case .invalidMetadata(let key, let reason): return "cannot store metadata \"\(key)\": \(reason)"
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .inFile(let path, let error): return "\(path): \(error)"
        }
    }
}
