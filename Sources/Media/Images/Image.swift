/// An 8-bit sRGB picture in memory: rows top to bottom, pixels left to right, channels interleaved.
/// Every decoder delivers RGB or RGBA (gray is widened to RGB), so the crafts see two layouts only.
public struct Image: Equatable, Sendable {
    /// How the channels of one pixel are laid out; the raw value is the channel count.
    public enum PixelFormat: Int, Sendable {
        case rgb = 3
        case rgba = 4
    }

    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// RGB or RGBA.
    public let format: PixelFormat
    /// `width × height × channels` bytes, row-major, channels interleaved; alpha is not premultiplied.
    public let pixels: [UInt8]

    /// Channels per pixel: 3 or 4.
    public var channels: Int { format.rawValue }

    /// Wraps existing pixel bytes; their count must be `width × height × format.rawValue`.
    public init(width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "image size must be positive, got \(width)×\(height)")
        precondition(pixels.count == width * height * format.rawValue,
                     "expected \(width * height * format.rawValue) bytes for \(width)×\(height) \(format), got \(pixels.count)")
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// An opaque RGB image filled with one colour.
    public init(width: Int, height: Int, filledWith colour: RGBColor) {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            pixels[3 * index] = colour.red
            pixels[3 * index + 1] = colour.green
            pixels[3 * index + 2] = colour.blue
        }
        self.init(width: width, height: height, format: .rgb, pixels: pixels)
    }

    /// The channel values of the pixel at column `x`, row `y` (3 or 4 bytes).
    public func pixel(x: Int, y: Int) -> [UInt8] {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside \(width)×\(height)")
        let start = (y * width + x) * channels
        return Array(pixels[start..<(start + channels)])
    }

    /// Largest width or height any decoder accepts; checked against the file header before allocating.
    public static let maximumSide = 16384
    /// Largest pixel count any decoder accepts (≈ 400 MB as RGBA).
    public static let maximumPixelCount = 100_000_000
    /// Largest image file read: the largest image stored uncompressed, and some.
    public static let maximumFileByteCount = 500_000_000

    /// Throws `ImageError.tooLarge` unless a decoder may allocate a `width × height` image.
    static func checkDecodableSize(width: Int, height: Int, format: String) throws {
        guard width > 0, height > 0 else { throw ImageError.malformed(format: format, reason: "image size \(width)×\(height)") }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixelCount else {
            throw ImageError.tooLarge(width: width, height: height)
        }
    }
}

/// An opaque 8-bit sRGB colour, used for backgrounds and fills.
public struct RGBColor: Equatable, Hashable, Sendable {
    /// Red, 0…255.
    public var red: UInt8
    /// Green, 0…255.
    public var green: UInt8
    /// Blue, 0…255.
    public var blue: UInt8

    /// A colour from its three channel values.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Black, (0, 0, 0).
    public static let black = RGBColor(red: 0, green: 0, blue: 0)
    /// White, (255, 255, 255).
    public static let white = RGBColor(red: 255, green: 255, blue: 255)
}
