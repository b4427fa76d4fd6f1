/// The fixed 252-colour palette of 6 red × 7 green × 6 blue levels (green gets the extra level
/// because the eye resolves it best), with optional ordered (Bayer 8×8) dithering. Unlike median
/// cut it is the same for every frame, so animations do not flicker between palettes.
enum OrderedDither {
    static let redLevels = 6, greenLevels = 7, blueLevels = 6

    /// The 252 colours, red-major: index = (red × 7 + green) × 6 + blue.
    static let palette: [RGBColor] = (0..<redLevels).flatMap { red in
        (0..<greenLevels).flatMap { green in
            (0..<blueLevels).map { blue in
                RGBColor(red: level(red, of: redLevels), green: level(green, of: greenLevels), blue: level(blue, of: blueLevels))
            }
        }
    }

    /// Thresholds 0…63 of the 8×8 Bayer matrix, row-major: each is as far as possible from its neighbours.
    static let bayer: [Int] = (0..<64).map { index in
        let x = index % 8, y = index / 8
        var value = 0
        for bit in 0..<3 {
            let xBit = (x >> bit) & 1, yBit = (y >> bit) & 1
            value |= ((xBit ^ yBit) << (5 - 2 * bit)) | (yBit << (4 - 2 * bit))
        }
        return value
    }

    /// An opaque RGB image mapped to the fixed palette, each channel to its nearest level or, when
    /// dithered, up or down by a position-dependent threshold so that small areas average to the original.
    static func quantize(_ image: Image, dithered: Bool) -> IndexedImage {
        precondition(image.format == .rgb)
        var indices = [UInt8](repeating: 0, count: image.width * image.height)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let pixel = y * image.width + x
                let threshold = dithered ? (Float(bayer[(y % 8) * 8 + x % 8]) + 0.5) / 64 : 0.5
                func quantized(_ channel: Int, levels: Int) -> Int {
                    let position = Float(image.pixels[3 * pixel + channel]) * Float(levels - 1) / 255
                    return Swift.min(levels - 1, Int(position + threshold))
                }
                let red = quantized(0, levels: redLevels), green = quantized(1, levels: greenLevels), blue = quantized(2, levels: blueLevels)
                indices[pixel] = UInt8((red * greenLevels + green) * blueLevels + blue)
            }
        }
        return IndexedImage(palette: palette, indices: indices)
    }

    private static func level(_ step: Int, of levels: Int) -> UInt8 {
        UInt8((Double(step * 255) / Double(levels - 1)).rounded())
    }
}
