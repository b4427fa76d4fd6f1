/// Median-cut colour quantization (Heckbert 1982): the image's colours are split into boxes
/// along their widest channel at the pixel-weighted median until there are 256 boxes, and each
/// box becomes its pixels' average colour. Images with at most 256 colours keep them exactly.
enum MedianCut {
    /// An adaptive palette of at most `maximumColours` colours for an opaque RGB image, and the image mapped to it.
    static func quantize(_ image: Image, maximumColours: Int = 256) -> IndexedImage {
        precondition(image.format == .rgb)
        var counts: [UInt32: Int] = [:]
        for pixel in 0..<(image.width * image.height) {
            let key = UInt32(image.pixels[3 * pixel]) << 16 | UInt32(image.pixels[3 * pixel + 1]) << 8 | UInt32(image.pixels[3 * pixel + 2])
            counts[key, default: 0] += 1
        }
        // Sorted so that the palette does not depend on the dictionary's hashing order.
        let colours = counts.keys.sorted().map { ColourCount(key: $0, count: counts[$0]!) }
        if colours.count <= maximumColours {
            return IndexedImage(mapping: image, to: colours.map(\.colour))
        }
        var boxes = [Box(colours[...])]
        while boxes.count < maximumColours {
            // Split the box where a cut helps most: many pixels spread over a wide range.
            guard let index = boxes.indices.filter({ boxes[$0].colours.count > 1 })
                .max(by: { boxes[$0].score < boxes[$1].score }) else { break }
            let channel = boxes[index].channel
            let sorted = boxes[index].colours.sorted { ($0.channel(channel), $0.key) < ($1.channel(channel), $1.key) }
            // The pixel-weighted median, keeping at least one colour on each side.
            let half = boxes[index].pixelCount / 2
            var running = 0
            var cut = 1
            for (position, colour) in sorted.enumerated() {
                running += colour.count
                if running >= half { cut = position + 1; break }
            }
            cut = Swift.min(Swift.max(cut, 1), sorted.count - 1)
            boxes[index] = Box(sorted[..<cut])
            boxes.append(Box(sorted[cut...]))
        }
        let palette = boxes.map { box -> RGBColor in
            func average(_ channel: Int) -> UInt8 {
                UInt8((box.colours.reduce(0) { $0 + $1.channel(channel) * $1.count } + box.pixelCount / 2) / box.pixelCount)
            }
            return RGBColor(red: average(0), green: average(1), blue: average(2))
        }
        return IndexedImage(mapping: image, to: palette)
    }

    /// A set of colours with its widest channel and how much splitting it would help.
    private struct Box {
        var colours: ArraySlice<ColourCount>
        var pixelCount: Int
        var channel: Int
        var score: Int

        init(_ colours: ArraySlice<ColourCount>) {
            self.colours = colours
            pixelCount = colours.reduce(0) { $0 + $1.count }
            let ranges = (0..<3).map { channel -> Int in
                let values = colours.map { $0.channel(channel) }
                return values.max()! - values.min()!
            }
            channel = ranges.indices.max { ranges[$0] < ranges[$1] }!
            score = ranges[channel] * pixelCount
        }
    }

    private struct ColourCount {
        var key: UInt32
        var count: Int
        func channel(_ channel: Int) -> Int { Int(key >> UInt32(16 - 8 * channel) & 0xFF) }
        var colour: RGBColor { RGBColor(red: UInt8(channel(0)), green: UInt8(channel(1)), blue: UInt8(channel(2))) }
    }
}
