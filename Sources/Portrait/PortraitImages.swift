import Media
import NeuralCore

/// Between the generator's tensors and pictures.
enum PortraitImages {
    /// Image `index` of a `[N, 3, H, W]` batch in [-1, 1].
    static func image(_ batch: Tensor, index: Int) -> Image {
        let height = batch.shape[2], width = batch.shape[3], count = 3 * height * width
        return Image(floatCHW: Array(batch.scalars[index * count ..< (index + 1) * count]), width: width, height: height)
    }

    /// A grid of every image in the batch, `columns` wide, with a thin dark border between them.
    static func grid(_ batch: Tensor, columns: Int) -> Image {
        let images = (0 ..< batch.shape[0]).map { image(batch, index: $0) }
        return Image.grid(images, columns: columns, spacing: 2, background: RGBColor(red: 24, green: 24, blue: 24))
    }
}
