import Foundation
import Media
import NeuralCore

/// Training images held in memory as one `[count, 3, size, size]` block in [-1, 1], from which
/// batches are drawn with the trainer's random generator (so a resumed run draws the same ones).
public struct PortraitDataset {
    public let images: Tensor
    public var count: Int { images.shape[0] }
    public var imageSize: Int { images.shape[2] }

    /// The images square-cropped and resized to `size`; transparent parts are laid over the
    /// corpus's grey, as the corpus builder does, since the networks see three colour channels.
    public init(images: [Image], size: Int) {
        let planes = images.map { image -> [Float] in
            let opaque = image.composited(onto: PortraitCorpusBuilder.background)
            let square = opaque.width == size && opaque.height == size ? opaque : opaque.resizedToFill(width: size, height: size)
            return square.floatCHW()
        }
        self.images = Tensor(shape: [images.count, 3, size, size], scalars: planes.flatMap { $0 })
    }

    /// The shipped corpus: the contact sheet `portraits-<size>.png` built by `PortraitCorpusBuilder`,
    /// cut back into its tiles (the manifest says how many there are).
    public static func loadCorpus(_ corpus: URL, size: Int) throws -> PortraitDataset {
        let sheetURL = corpus.appendingPathComponent("portraits-\(size).png")
        let sheet: Image, manifest: String
        do {
            sheet = try PNG.read(from: sheetURL)
            manifest = try String(contentsOf: corpus.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        } catch {
            throw PortraitError.unreadableImage(sheetURL.path, String(describing: error))
        }
        let count = manifest.split(separator: "\n").count - 1
        let columns = PortraitCorpusBuilder.sheetColumns
        guard count > 0, sheet.width == min(count, columns) * size, sheet.height == (count + columns - 1) / columns * size else {
            throw PortraitError.unreadableImage(sheetURL.path, "sheet size does not match its manifest of \(count) portraits")
        }
        let tiles = (0 ..< count).map { sheet.cropped(x: $0 % columns * size, y: $0 / columns * size, width: size, height: size) }
        return PortraitDataset(images: tiles, size: size)
    }

    /// Every PNG and JPEG directly in `folder`, square-cropped and resized.
    public static func load(folder: URL, size: Int) throws -> PortraitDataset {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let imageNames = names.filter { ["png", "jpg", "jpeg"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        guard !imageNames.isEmpty else { throw PortraitError.noImages(folder.path) }
        let images = try imageNames.map { name -> Image in
            let url = folder.appendingPathComponent(name)
            do { return try ImageFile.read(from: url) } catch {
                throw PortraitError.unreadableImage(url.path, String(describing: error))
            }
        }
        return PortraitDataset(images: images, size: size)
    }

    /// A random batch `[batchSize, 3, size, size]`, each image flipped left–right with probability ½
    /// (portraits are roughly symmetric, so this doubles the data for free).
    public func batch(_ batchSize: Int, generator: inout RandomGenerator) -> Tensor {
        let size = imageSize, plane = size * size, imageCount = 3 * plane
        return images.withUnsafeBufferPointer { source in
            Tensor(uninitializedShape: [batchSize, 3, size, size]) { out in
                for n in 0 ..< batchSize {
                    let index = generator.integer(below: count), flip = generator.uniform() < 0.5
                    let from = source.baseAddress! + index * imageCount, to = out.baseAddress! + n * imageCount
                    if !flip { to.update(from: from, count: imageCount); continue }
                    for row in 0 ..< 3 * size {
                        for column in 0 ..< size { to[row * size + column] = from[row * size + size - 1 - column] }
                    }
                }
            }
        }
    }
}
