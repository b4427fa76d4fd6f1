import Foundation

extension Image {
    /// The image resampled to `width × height` in linear light (sRGB decoded, alpha premultiplied):
    /// area averaging along an axis that shrinks, Lanczos-3 along one that grows.
    public func resized(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "resize target must be positive, got \(newWidth)×\(newHeight)")
        if newWidth == width && newHeight == height { return self }
        let rows = ResamplingWeights(from: width, to: newWidth)
        let columns = ResamplingWeights(from: height, to: newHeight)
        var linear = LinearLight.decode(self)
        // Each pass clamps its overshoot (see `clampToLight`), so the order of the passes shows
        // next to sharp edges; like ImageMagick, first resample the axis with the larger scale factor.
        if newWidth * height > newHeight * width {
            linear = rows.resampleRows(linear, width: width, height: height, channels: channels)
            linear = columns.resampleColumns(linear, width: newWidth, height: height, channels: channels)
        } else {
            linear = columns.resampleColumns(linear, width: width, height: height, channels: channels)
            linear = rows.resampleRows(linear, width: width, height: newHeight, channels: channels)
        }
        return LinearLight.encode(linear, width: newWidth, height: newHeight, format: format)
    }

    /// The image scaled to cover `width × height` with its aspect ratio kept, the overflow
    /// cropped equally from both sides: how a photo becomes a square training sample.
    public func resizedToFill(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "resize target must be positive, got \(newWidth)×\(newHeight)")
        // Compare width/height ratios by cross-multiplying, to stay in integers.
        if width * newHeight > height * newWidth {
            let keptWidth = Swift.max(1, Int((Double(height * newWidth) / Double(newHeight)).rounded()))
            return cropped(x: (width - keptWidth) / 2, y: 0, width: keptWidth, height: height)
                .resized(width: newWidth, height: newHeight)
        } else {
            let keptHeight = Swift.max(1, Int((Double(width * newHeight) / Double(newWidth)).rounded()))
            return cropped(x: 0, y: (height - keptHeight) / 2, width: width, height: keptHeight)
                .resized(width: newWidth, height: newHeight)
        }
    }
}

/// Conversion between 8-bit sRGB pixels and interleaved linear-light floats; colour channels are
/// premultiplied by alpha so that transparent pixels do not bleed their colour into neighbours.
enum LinearLight {
    /// sRGB code value → linear light, for all 256 codes.
    static let decodingTable: [Float] = (0..<256).map { code in
        let value = Float(code) / 255
        return value <= 0.04045 ? value / 12.92 : powf((value + 0.055) / 1.055, 2.4)
    }

    static func decode(_ image: Image) -> [Float] {
        var linear = [Float](repeating: 0, count: image.pixels.count)
        let channels = image.channels
        decodingTable.withUnsafeBufferPointer { table in
            image.pixels.withUnsafeBufferPointer { pixels in
                linear.withUnsafeMutableBufferPointer { linear in
                    for base in stride(from: 0, to: pixels.count, by: channels) {
                        let alpha: Float = channels == 4 ? Float(pixels[base + 3]) / 255 : 1
                        for channel in 0..<3 { linear[base + channel] = table[Int(pixels[base + channel])] * alpha }
                        if channels == 4 { linear[base + 3] = alpha }
                    }
                }
            }
        }
        return linear
    }

    static func encode(_ linear: [Float], width: Int, height: Int, format: Image.PixelFormat) -> Image {
        let channels = format.rawValue
        var pixels = [UInt8](repeating: 0, count: linear.count)
        for pixel in 0..<(width * height) {
            let base = pixel * channels
            let alpha = channels == 4 ? Swift.min(1, Swift.max(0, linear[base + 3])) : 1
            for channel in 0..<3 {
                let value = alpha > 0 ? linear[base + channel] / alpha : 0
                pixels[base + channel] = code(forLinear: value)
            }
            if channels == 4 { pixels[base + 3] = UInt8((alpha * 255).rounded()) }
        }
        return Image(width: width, height: height, format: format, pixels: pixels)
    }

    /// The nearest sRGB code for a linear value, clamping the overshoot Lanczos produces at edges.
    static func code(forLinear value: Float) -> UInt8 {
        let clamped = Swift.min(1, Swift.max(0, value))
        let encoded = clamped <= 0.0031308 ? clamped * 12.92 : 1.055 * powf(clamped, 1 / 2.4) - 0.055
        return UInt8((encoded * 255).rounded())
    }
}

/// For one axis, which source samples each output sample mixes and with what weights.
struct ResamplingWeights {
    /// For each output sample, its first contributing source index.
    private(set) var firstSource: [Int] = []
    /// For each output sample, the weights of the consecutive source samples from `firstSource`.
    private(set) var weights: [[Float]] = []

    /// Area averaging when `outputSize ≤ inputSize` (each output covers `inputSize / outputSize`
    /// source samples, fractional ones in part); Lanczos-3 interpolation otherwise.
    init(from inputSize: Int, to outputSize: Int) {
        let scale = Double(inputSize) / Double(outputSize)
        for output in 0..<outputSize {
            var taps: [(source: Int, weight: Double)] = []
            if outputSize <= inputSize {
                let start = Double(output) * scale, end = Double(output + 1) * scale
                for source in Int(start.rounded(.down))..<Swift.min(inputSize, Int(end.rounded(.up))) {
                    let overlap = Swift.min(end, Double(source + 1)) - Swift.max(start, Double(source))
                    if overlap > 1e-9 { taps.append((source, overlap)) }
                }
            } else {
                // Pixel centres line up: output pixel o's centre sits at source index (o + ½)·scale − ½.
                let centre = (Double(output) + 0.5) * scale - 0.5
                let nearest = Int(centre.rounded(.down))
                // Near an edge the kernel is cut off and renormalised (as ImageMagick and Pillow do).
                for source in Swift.max(0, nearest - 2)...Swift.min(inputSize - 1, nearest + 3) {
                    taps.append((source, Self.lanczos3(centre - Double(source))))
                }
            }
            let total = taps.reduce(0) { $0 + $1.weight }
            firstSource.append(taps[0].source)
            weights.append(taps.map { Float($0.weight / total) })
        }
    }

    private static func lanczos3(_ x: Double) -> Double {
        if abs(x) < 1e-12 { return 1 }
        if abs(x) >= 3 { return 0 }
        let pix = Double.pi * x
        return 3 * sin(pix) * sin(pix / 3) / (pix * pix)
    }

    /// Resamples each row of a `width × height` interleaved image to `firstSource.count` pixels.
    func resampleRows(_ input: [Float], width: Int, height: Int, channels: Int) -> [Float] {
        let newWidth = firstSource.count
        var output = [Float](repeating: 0, count: newWidth * height * channels)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                for row in 0..<height {
                    for column in 0..<newWidth {
                        let base = (row * newWidth + column) * channels
                        let firstPixel = (row * width + firstSource[column]) * channels
                        for (tap, weight) in weights[column].enumerated() {
                            for channel in 0..<channels {
                                destination[base + channel] += weight * source[firstPixel + tap * channels + channel]
                            }
                        }
                        Self.clampToLight(destination, at: base, channels: channels)
                    }
                }
            }
        }
        return output
    }

    /// Resamples each column of a `width × height` interleaved image to `firstSource.count` pixels.
    /// Whole rows are weighted and summed, so memory is read in order.
    func resampleColumns(_ input: [Float], width: Int, height: Int, channels: Int) -> [Float] {
        let newHeight = firstSource.count
        let rowLength = width * channels
        var output = [Float](repeating: 0, count: rowLength * newHeight)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                for row in 0..<newHeight {
                    let base = row * rowLength
                    for (tap, weight) in weights[row].enumerated() {
                        let sourceRow = (firstSource[row] + tap) * rowLength
                        for index in 0..<rowLength { destination[base + index] += weight * source[sourceRow + index] }
                    }
                    for pixel in 0..<width { Self.clampToLight(destination, at: base + pixel * channels, channels: channels) }
                }
            }
        }
        return output
    }

    /// Brings a resampled pixel back to light that can exist: alpha in 0…1 and each colour, once
    /// unpremultiplied, in 0…1. Lanczos lobes overshoot both ways next to sharp edges.
    private static func clampToLight(_ pixel: UnsafeMutableBufferPointer<Float>, at base: Int, channels: Int) {
        guard channels == 4 else {
            for channel in 0..<channels { pixel[base + channel] = Swift.min(1, Swift.max(0, pixel[base + channel])) }
            return
        }
        let alpha = pixel[base + 3]
        let clampedAlpha = Swift.min(1, Swift.max(0, alpha))
        for channel in 0..<3 {
            let colour = alpha > 0 ? Swift.min(1, Swift.max(0, pixel[base + channel] / alpha)) : 0
            pixel[base + channel] = colour * clampedAlpha
        }
        pixel[base + 3] = clampedAlpha
    }
}
