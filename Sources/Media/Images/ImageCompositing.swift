extension Image {
    /// The `width × height` rectangle whose top-left pixel is (`x`, `y`); it must lie inside the image.
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> Image {
        precondition(x >= 0 && y >= 0 && cropWidth > 0 && cropHeight > 0 && x + cropWidth <= width && y + cropHeight <= height,
                     "crop \(cropWidth)×\(cropHeight) at (\(x), \(y)) does not fit in \(width)×\(height)")
        var output: [UInt8] = []
        output.reserveCapacity(cropWidth * cropHeight * channels)
        for row in y..<(y + cropHeight) {
            let start = (row * width + x) * channels
            output += pixels[start..<(start + cropWidth * channels)]
        }
        return Image(width: cropWidth, height: cropHeight, format: format, pixels: output)
    }

    /// An opaque RGB image: each pixel laid over `background` by its alpha. Blending is in sRGB
    /// values, as browsers and image viewers do it. RGB images come back unchanged.
    public func composited(onto background: RGBColor) -> Image {
        guard format == .rgba else { return self }
        let backdrop = [background.red, background.green, background.blue].map(Int.init)
        var output = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<(width * height) {
            let alpha = Int(pixels[pixel * 4 + 3])
            for channel in 0..<3 {
                let blended = Int(pixels[pixel * 4 + channel]) * alpha + backdrop[channel] * (255 - alpha)
                output[pixel * 3 + channel] = UInt8((blended + 127) / 255)
            }
        }
        return Image(width: width, height: height, format: .rgb, pixels: output)
    }

    /// The images in rows of `columns` (fewer if there are fewer images), each centred in a cell
    /// the size of the largest, with `spacing` pixels of `background` between cells and around
    /// the edge. Transparent images are composited onto `background`.
    public static func grid(_ images: [Image], columns: Int, spacing: Int, background: RGBColor) -> Image {
        precondition(!images.isEmpty && columns > 0 && spacing >= 0,
                     "a grid needs images, at least one column and non-negative spacing")
        let columnCount = Swift.min(columns, images.count)
        let rowCount = (images.count + columnCount - 1) / columnCount
        let cellWidth = images.map(\.width).max()!, cellHeight = images.map(\.height).max()!
        let gridWidth = columnCount * cellWidth + (columnCount + 1) * spacing
        let gridHeight = rowCount * cellHeight + (rowCount + 1) * spacing
        var canvas = Image(width: gridWidth, height: gridHeight, filledWith: background).pixels
        for (index, image) in images.enumerated() {
            let opaque = image.composited(onto: background)
            let left = spacing + (index % columnCount) * (cellWidth + spacing) + (cellWidth - image.width) / 2
            let top = spacing + (index / columnCount) * (cellHeight + spacing) + (cellHeight - image.height) / 2
            for row in 0..<image.height {
                let destination = ((top + row) * gridWidth + left) * 3
                let source = row * image.width * 3
                canvas.replaceSubrange(destination..<(destination + image.width * 3),
                                       with: opaque.pixels[source..<(source + image.width * 3)])
            }
        }
        return Image(width: gridWidth, height: gridHeight, format: .rgb, pixels: canvas)
    }
}
