import AtomicWrite
import Foundation
import Media

/// Builds `Corpora/portraits/` from the painted portraits in Debian's Wesnoth and Naev packages:
/// each portrait is cropped to head and shoulders, laid on a neutral grey, de-duplicated, resized
/// to 64×64 and 128×128, and packed into one contact-sheet PNG per size with a manifest that names
/// every image's source and licence. The same inputs always give byte-identical files.
public enum PortraitCorpusBuilder {
    /// The background transparent portraits are laid on: a neutral mid-grey.
    static let background = RGBColor(red: 128, green: 128, blue: 128)
    /// Portraits per row of a contact sheet.
    public static let sheetColumns = 32
    public static let sizes = [64, 128]
    /// Average hashes closer than this many bits (of 256) count as the same portrait.
    static let nearDuplicateBits = 6

    /// One portrait file and where it came from.
    struct Source {
        let url: URL
        let collection: String
        let relativePath: String
        let licence: String
    }

    /// What a build kept and dropped.
    public struct Summary {
        public var found = 0, kept = 0, exactDuplicates = 0, nearDuplicates = 0, unreadable: [String] = []
    }

    /// Reads the unpacked packages and writes the corpus to `output`.
    public static func build(wesnoth: URL, naev: URL, output: URL, progress: (String) -> Void) throws -> Summary {
        let sources = wesnothSources(wesnoth) + naevSources(naev)
        var summary = Summary()
        summary.found = sources.count
        var kept: [(source: Source, portrait: Image, hash: [Bool])] = []
        var exactHashes = Set<UInt64>()
        for (index, source) in sources.enumerated() {
            if index % 100 == 0 { progress("portraits: \(index)/\(sources.count) processed") }
            let image: Image
            do { image = try ImageFile.read(from: source.url) } catch {
                summary.unreadable.append(source.relativePath)
                continue
            }
            guard exactHashes.insert(fingerprint(image)).inserted else { summary.exactDuplicates += 1; continue }
            let portrait = headAndShoulders(image).composited(onto: background).resized(width: 128, height: 128)
            let hash = averageHash(portrait)
            if kept.contains(where: { hammingDistance($0.hash, hash) <= nearDuplicateBits }) {
                summary.nearDuplicates += 1
                continue
            }
            kept.append((source, portrait, hash))
        }
        summary.kept = kept.count
        guard !kept.isEmpty else { throw PortraitError.noImages("\(wesnoth.path) or \(naev.path)") }

        for size in sizes {
            let tiles = kept.map { size == 128 ? $0.portrait : $0.portrait.resized(width: size, height: size) }
            let sheet = Image.grid(tiles, columns: sheetColumns, spacing: 0, background: background)
            try PNG.write(sheet, metadata: ["Title": "Belamy portrait corpus, \(size)×\(size)",
                                            "Count": String(kept.count), "Columns": String(sheetColumns)],
                          to: output.appendingPathComponent("portraits-\(size).png"))
        }
        var manifest = "index\tcollection\tpath\tlicence\n"
        for (index, entry) in kept.enumerated() {
            manifest += "\(index)\t\(entry.source.collection)\t\(entry.source.relativePath)\t\(entry.source.licence)\n"
        }
        try AtomicFile.write(Data(manifest.utf8), to: output.appendingPathComponent("manifest.tsv"))
        return summary
    }

    // MARK: Finding the files

    static func wesnothSources(_ data: URL) -> [Source] {
        let folders = ["core/images/portraits"] + campaignFolders(data)
        return folders.flatMap { folder -> [Source] in
            pngFiles(under: data.appendingPathComponent(folder)).compactMap { relative in
                // Monsters and wolves are not portraits of people; drakes are, but their spread
                // wings fill any head-and-shoulders frame.
                if ["monsters/", "wolves/", "drakes/"].contains(where: relative.hasPrefix) { return nil }
                let collection = folder.hasPrefix("core") ? "wesnoth-1.16-data"
                    : "wesnoth-1.16 campaign " + folder.split(separator: "/")[1]
                return Source(url: data.appendingPathComponent(folder).appendingPathComponent(relative),
                              collection: collection, relativePath: "\(folder)/\(relative)", licence: "GPL-2+")
            }
        }
    }

    static func campaignFolders(_ data: URL) -> [String] {
        let campaigns = (try? FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("campaigns").path)) ?? []
        return campaigns.sorted().flatMap { name in
            ["campaigns/\(name)/images/portraits", "campaigns/\(name)/images/story/portraits"]
        }
    }

    static func naevSources(_ portraits: URL) -> [Source] {
        pngFiles(under: portraits).compactMap { relative in
            // Placeholders for "no portrait", not faces.
            if ["news.png", "none.png", "unknown.png"].contains((relative as NSString).lastPathComponent) { return nil }
            return Source(url: portraits.appendingPathComponent(relative), collection: "naev-data 0.8.2",
                          relativePath: "dat/gfx/portraits/\(relative)", licence: "CC-BY-3.0")
        }
    }

    /// Paths of the PNG files below `folder`, relative to it, sorted so builds are reproducible.
    static func pngFiles(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.lowercased().hasSuffix(".png") }.sorted()
    }

    // MARK: Cropping

    /// A square around the head and shoulders. Opaque pictures (Naev's busts) are already framed
    /// and only squared off at the top; transparent ones (Wesnoth's painted figures, often with a
    /// spear or a raised torch) are searched for the head: the figure starts where rows become wider
    /// than a weapon's shaft, and the head is the widest blob in the top 30% of what follows.
    static func headAndShoulders(_ image: Image) -> Image {
        let alpha = alphaMask(image)
        let transparentShare = Double(alpha.filter { !$0 }.count) / Double(alpha.count)
        if image.format != .rgba || transparentShare < 0.05 {
            let side = min(image.width, image.height)
            return paddedCrop(image, x: (image.width - side) / 2, y: 0, side: side)
        }
        // Opaque pixels per row. The head's top is the first row at least an eighth as wide as the
        // widest row: a spear tip, a staff or a torch above the head is narrower than that.
        var rowWidths = [Int](repeating: 0, count: image.height)
        var left = image.width, right = 0
        for y in 0 ..< image.height {
            for x in 0 ..< image.width where alpha[y * image.width + x] {
                rowWidths[y] += 1; left = min(left, x); right = max(right, x)
            }
        }
        let widest = rowWidths.max() ?? 0
        guard widest > 0, let top = rowWidths.firstIndex(where: { $0 * 8 >= widest }),
              let bottom = rowWidths.lastIndex(where: { $0 > 0 }) else {
            return paddedCrop(image, x: 0, y: 0, side: min(image.width, image.height))
        }
        let figureHeight = Double(bottom - top + 1), figureWidth = Double(right - left + 1)
        let side = Int(max(min(figureWidth, 0.55 * figureHeight), 0.35 * figureHeight))
        // Opaque pixels per column across the top of the figure, smoothed by a box of a quarter frame.
        var profile = [Double](repeating: 0, count: image.width)
        for y in top ..< top + Int(0.3 * figureHeight) {
            for x in 0 ..< image.width where alpha[y * image.width + x] { profile[x] += 1 }
        }
        let window = max(3, side / 4)
        var best = 0, bestSum = -1.0, running = 0.0
        for x in 0 ..< image.width + window / 2 {
            if x < image.width { running += profile[x] }
            if x >= window { running -= profile[x - window] }
            if x >= window / 2, running > bestSum { bestSum = running; best = x - window / 2 }
        }
        return paddedCrop(image, x: best - side / 2, y: top - side / 20, side: side)
    }

    static func alphaMask(_ image: Image) -> [Bool] {
        guard image.format == .rgba else { return [Bool](repeating: true, count: image.width * image.height) }
        return (0 ..< image.width * image.height).map { image.pixels[$0 * 4 + 3] >= 16 }
    }

    /// A `side × side` square at (`x`, `y`); parts outside the image are transparent.
    static func paddedCrop(_ image: Image, x: Int, y: Int, side: Int) -> Image {
        let rgba = image.format == .rgba ? image : image.withAlpha()
        var pixels = [UInt8](repeating: 0, count: side * side * 4)
        let columns = max(0, x) ..< min(image.width, x + side)
        if !columns.isEmpty {
            for row in max(0, y) ..< min(image.height, y + side) {
                let source = (row * image.width + columns.lowerBound) * 4
                let target = ((row - y) * side + columns.lowerBound - x) * 4
                pixels.replaceSubrange(target ..< target + columns.count * 4,
                                       with: rgba.pixels[source ..< source + columns.count * 4])
            }
        }
        return Image(width: side, height: side, format: .rgba, pixels: pixels)
    }

    // MARK: De-duplication

    /// FNV-1a over the decoded pixels: equal for byte-identical pictures.
    static func fingerprint(_ image: Image) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in image.pixels { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ UInt64(image.width << 32 | image.height)
    }

    /// A 16×16 average hash: which cells of a downscaled grey picture are brighter than its mean.
    static func averageHash(_ image: Image) -> [Bool] {
        let small = image.resized(width: 16, height: 16)
        let grey = (0 ..< 256).map { pixel in
            (0 ..< 3).reduce(0) { $0 + Int(small.pixels[pixel * small.channels + $1]) }
        }
        let mean = grey.reduce(0, +) / grey.count
        return grey.map { $0 > mean }
    }

    static func hammingDistance(_ a: [Bool], _ b: [Bool]) -> Int { zip(a, b).filter { $0 != $1 }.count }
}

extension Image {
    /// The same picture with an opaque alpha channel added.
    func withAlpha() -> Image {
        guard format == .rgb else { return self }
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 4)
        for pixel in 0 ..< width * height {
            pixels += self.pixels[pixel * 3 ..< pixel * 3 + 3]
            pixels.append(255)
        }
        return Image(width: width, height: height, format: .rgba, pixels: pixels)
    }
}
