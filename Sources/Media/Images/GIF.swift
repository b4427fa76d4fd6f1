import AtomicWrite
import Foundation

/// Animated GIF writing, for latent walks and other short loops: every frame has its own
/// palette of up to 256 colours, the animation loops forever, all frames show for the same delay.
public enum GIF {
    /// How each frame's colours are reduced to a palette.
    public enum Palette: Equatable, Sendable {
        /// An adaptive palette per frame by median cut; exact for frames with at most 256 colours.
        case medianCut
        /// The fixed 6×7×6 colour cube, optionally with ordered (Bayer) dithering: no palette flicker between frames.
        case fixed(dithered: Bool)
    }

    /// Encodes `frames` (all the same size) as a looping GIF showing each for `delayInCentiseconds`
    /// hundredths of a second. Transparent pixels are composited onto `background`. Many viewers
    /// show delays under 2 as 10.
    public static func encode(frames: [Image], delayInCentiseconds: Int, palette: Palette = .medianCut,
                              background: RGBColor = .black) -> Data {
        precondition(!frames.isEmpty, "a GIF needs at least one frame")
        let width = frames[0].width, height = frames[0].height
        precondition(frames.allSatisfy { $0.width == width && $0.height == height }, "GIF frames must all be \(width)×\(height)")
        precondition(width <= 65535 && height <= 65535, "GIF sides are at most 65535 pixels")
        precondition((0...65535).contains(delayInCentiseconds), "GIF delays are 0…65535 centiseconds")
        var bytes = Array("GIF89a".utf8)
        // Logical screen: size, no global colour table, 8 bits of colour resolution.
        bytes += littleEndian(width) + littleEndian(height) + [0x70, 0, 0]
        // NETSCAPE2.0 application extension: loop count 0 means forever.
        bytes += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01] + littleEndian(0) + [0x00]
        for frame in frames {
            let opaque = frame.composited(onto: background)
            let indexed: IndexedImage
            switch palette {
            case .medianCut: indexed = MedianCut.quantize(opaque)
            case .fixed(let dithered): indexed = OrderedDither.quantize(opaque, dithered: dithered)
            }
            // Graphic control: disposal 1 (leave the frame in place), no transparency, the delay.
            bytes += [0x21, 0xF9, 0x04, 0x04] + littleEndian(delayInCentiseconds) + [0x00, 0x00]
            let tableBits = Swift.max(1, Int.bitWidth - (indexed.palette.count - 1).leadingZeroBitCount)
            // Image descriptor at (0, 0), full size, with a local colour table of 2^tableBits entries.
            bytes += [0x2C] + littleEndian(0) + littleEndian(0) + littleEndian(width) + littleEndian(height)
            bytes += [UInt8(0x80 | (tableBits - 1))]
            for entry in 0..<(1 << tableBits) {
                let colour = entry < indexed.palette.count ? indexed.palette[entry] : .black
                bytes += [colour.red, colour.green, colour.blue]
            }
            let minimumCodeSize = Swift.max(2, tableBits)
            bytes.append(UInt8(minimumCodeSize))
            let compressed = GIFLZW.compress(indexed.indices, minimumCodeSize: minimumCodeSize)
            // Data sub-blocks of at most 255 bytes, each prefixed by its length; an empty one ends them.
            for start in stride(from: 0, to: compressed.count, by: 255) {
                let block = compressed[start..<Swift.min(start + 255, compressed.count)]
                bytes.append(UInt8(block.count))
                bytes += block
            }
            bytes.append(0)
        }
        bytes.append(0x3B)
        return Data(bytes)
    }

    /// Encodes and writes a looping GIF atomically.
    public static func write(frames: [Image], delayInCentiseconds: Int, palette: Palette = .medianCut,
                             background: RGBColor = .black, to url: URL) throws {
        try AtomicFile.write(encode(frames: frames, delayInCentiseconds: delayInCentiseconds,
                                    palette: palette, background: background), to: url)
    }

    private static func littleEndian(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)]
    }
}
