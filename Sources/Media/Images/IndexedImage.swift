/// An image reduced to at most 256 colours: a palette and one palette index per pixel, the form
/// GIF stores frames in.
struct IndexedImage: Equatable {
    /// The colours, at most 256.
    var palette: [RGBColor]
    /// One index into `palette` per pixel, rows top to bottom.
    var indices: [UInt8]

    /// Maps each pixel of an opaque RGB image to its nearest palette colour (Euclidean in sRGB).
    init(mapping image: Image, to palette: [RGBColor]) {
        precondition(image.format == .rgb && !palette.isEmpty && palette.count <= 256)
        var nearest: [UInt32: UInt8] = [:]
        var indices = [UInt8](repeating: 0, count: image.width * image.height)
        for pixel in indices.indices {
            let red = Int(image.pixels[3 * pixel]), green = Int(image.pixels[3 * pixel + 1]), blue = Int(image.pixels[3 * pixel + 2])
            let key = UInt32(red << 16 | green << 8 | blue)
            if let index = nearest[key] { indices[pixel] = index; continue }
            var best = 0, bestDistance = Int.max
            for (index, colour) in palette.enumerated() {
                let dr = red - Int(colour.red), dg = green - Int(colour.green), db = blue - Int(colour.blue)
                let distance = dr * dr + dg * dg + db * db
                if distance < bestDistance { (best, bestDistance) = (index, distance) }
            }
            nearest[key] = UInt8(best)
            indices[pixel] = UInt8(best)
        }
        self.palette = palette
        self.indices = indices
    }

    init(palette: [RGBColor], indices: [UInt8]) {
        self.palette = palette
        self.indices = indices
    }
}
