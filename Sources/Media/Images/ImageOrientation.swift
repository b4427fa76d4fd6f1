extension Image {
    /// The image turned for display as Exif orientation `exif` (1–8) asks:
    /// 1 as is, 2 mirrored left–right, 3 rotated 180°, 4 mirrored top–bottom, 5 transposed,
    /// 6 rotated 90° clockwise, 7 transversed, 8 rotated 90° counter-clockwise.
    public func oriented(byExif exif: Int) -> Image {
        precondition((1...8).contains(exif), "Exif orientation must be 1…8, got \(exif)")
        if exif == 1 { return self }
        let swapsAxes = exif >= 5
        let outputWidth = swapsAxes ? height : width
        let outputHeight = swapsAxes ? width : height
        var output = [UInt8](repeating: 0, count: pixels.count)
        for outputY in 0..<outputHeight {
            for outputX in 0..<outputWidth {
                let (sourceX, sourceY): (Int, Int)
                switch exif {
                case 2: (sourceX, sourceY) = (width - 1 - outputX, outputY)
                case 3: (sourceX, sourceY) = (width - 1 - outputX, height - 1 - outputY)
                case 4: (sourceX, sourceY) = (outputX, height - 1 - outputY)
                case 5: (sourceX, sourceY) = (outputY, outputX)
                case 6: (sourceX, sourceY) = (outputY, height - 1 - outputX)
                case 7: (sourceX, sourceY) = (width - 1 - outputY, height - 1 - outputX)
                default: (sourceX, sourceY) = (width - 1 - outputY, outputX)
                }
                let source = (sourceY * width + sourceX) * channels
                let destination = (outputY * outputWidth + outputX) * channels
                for channel in 0..<channels { output[destination + channel] = pixels[source + channel] }
            }
        }
        return Image(width: outputWidth, height: outputHeight, format: format, pixels: output)
    }
}
