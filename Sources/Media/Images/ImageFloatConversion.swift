extension Image {
    /// The pixels as planar floats, one `height × width` plane per channel (CHW), each value
    /// mapped from 0…255 to -1…1: the layout and range of a generator's tanh output.
    public func floatCHW() -> [Float] {
        let planeSize = width * height
        var values = [Float](repeating: 0, count: pixels.count)
        for index in 0..<planeSize {
            for channel in 0..<channels {
                values[channel * planeSize + index] = Float(pixels[index * channels + channel]) / 127.5 - 1
            }
        }
        return values
    }

    /// An image from planar floats in -1…1 (CHW): three planes make RGB, four RGBA. Values outside
    /// the range are clamped and NaN becomes -1, so a diverged model still yields a picture.
    public init(floatCHW values: [Float], width: Int, height: Int) {
        let planeSize = width * height
        precondition(planeSize > 0 && (values.count == 3 * planeSize || values.count == 4 * planeSize),
                     "expected 3 or 4 planes of \(width)×\(height) floats, got \(values.count) values")
        let format: PixelFormat = values.count == 3 * planeSize ? .rgb : .rgba
        let channels = format.rawValue
        var pixels = [UInt8](repeating: 0, count: values.count)
        for index in 0..<planeSize {
            for channel in 0..<channels {
                let value = values[channel * planeSize + index]
                let scaled = value.isNaN ? 0 : ((value + 1) * 127.5).rounded()
                pixels[index * channels + channel] = UInt8(Swift.max(0, Swift.min(255, scaled)))
            }
        }
        self.init(width: width, height: height, format: format, pixels: pixels)
    }
}
