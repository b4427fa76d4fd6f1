import NeuralCore

/// Differentiable augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient
/// GAN Training"): the discriminator sees every image, real or generated, only through the same
/// random colour shift, translation and cutout, so it cannot memorise a few hundred portraits,
/// and because every transform is differentiable the generator still learns through it.
///
/// Each transform is an affine map of the pixels for fixed random parameters, so it is built from
/// the core's differentiable operations (translation is its own small operation, below).
public struct DiffAugment {
    public var color = true
    public var translation = true
    public var cutout = true
    /// Largest shift, as a fraction of the image side (the paper's 1/8).
    public var translationRatio: Float = 0.125
    /// Side of the cut-out square, as a fraction of the image side (the paper's 1/2).
    public var cutoutRatio: Float = 0.5

    public init() {}

    /// Augments a batch `[N, 3, H, W]` in [-1, 1] with fresh random parameters per image.
    public func callAsFunction(_ images: Variable, generator: inout RandomGenerator) -> Variable {
        var x = images
        if color { x = randomColor(x, generator: &generator) }
        if translation { x = randomTranslation(x, generator: &generator) }
        if cutout { x = randomCutout(x, generator: &generator) }
        return x
    }

    /// Brightness ±0.5, saturation ×[0, 2], contrast ×[0.5, 1.5], per image.
    func randomColor(_ x: Variable, generator: inout RandomGenerator) -> Variable {
        let batch = x.shape[0], channels = x.shape[1], height = x.shape[2], width = x.shape[3]
        func perImage(_ draw: () -> Float) -> Variable {
            Variable(Tensor(shape: [batch, 1, 1, 1], scalars: (0 ..< batch).map { _ in draw() }))
        }
        let brightness = perImage { generator.uniform() - 0.5 }
        var y = x + brightness
        let saturation = perImage { generator.uniform() * 2 }
        let channelMean = y.sum(alongAxis: 1).reshaped([batch, 1, height, width]) * (1 / Float(channels))
        y = (y - channelMean) * saturation + channelMean
        let contrast = perImage { generator.uniform() + 0.5 }
        let imageMean = y.reshaped([batch, -1]).sum(alongAxis: 1).reshaped([batch, 1, 1, 1])
            * (1 / Float(channels * height * width))
        return (y - imageMean) * contrast + imageMean
    }

    /// Shifts each image by up to `translationRatio` of its size, filling with zeros (mid-grey).
    func randomTranslation(_ x: Variable, generator: inout RandomGenerator) -> Variable {
        let batch = x.shape[0], height = x.shape[2], width = x.shape[3]
        let maxY = Int(Float(height) * translationRatio + 0.5), maxX = Int(Float(width) * translationRatio + 0.5)
        let shifts = (0 ..< batch).map { _ in
            (dy: generator.integer(below: 2 * maxY + 1) - maxY, dx: generator.integer(below: 2 * maxX + 1) - maxX)
        }
        return translated(x, by: shifts)
    }

    /// Zeroes a random square of `cutoutRatio` of the side in each image.
    func randomCutout(_ x: Variable, generator: inout RandomGenerator) -> Variable {
        let batch = x.shape[0], height = x.shape[2], width = x.shape[3]
        let sizeY = Int(Float(height) * cutoutRatio + 0.5), sizeX = Int(Float(width) * cutoutRatio + 0.5)
        var mask = Tensor(repeating: 1, shape: [batch, 1, height, width])
        for n in 0 ..< batch {
            // The square's centre may sit anywhere, so it is often partly outside the image.
            let centreY = generator.integer(below: height + 1 - sizeY % 2)
            let centreX = generator.integer(below: width + 1 - sizeX % 2)
            for row in max(0, centreY - sizeY / 2) ..< min(height, centreY - sizeY / 2 + sizeY) {
                for column in max(0, centreX - sizeX / 2) ..< min(width, centreX - sizeX / 2 + sizeX) {
                    mask.scalars[(n * height + row) * width + column] = 0
                }
            }
        }
        return x * Variable(mask)
    }
}

/// Moves image `n` of `[N, C, H, W]` down by `shifts[n].dy` and right by `shifts[n].dx`, filling
/// uncovered pixels with zero. Its gradient moves the gradient back the other way.
func translated(_ x: Variable, by shifts: [(dy: Int, dx: Int)]) -> Variable {
    let shape = x.shape
    func shift(_ source: Tensor, _ sign: Int) -> Tensor {
        let batch = shape[0], channels = shape[1], height = shape[2], width = shape[3]
        var out = Tensor(zeros: shape)
        out.withUnsafeMutableBufferPointer { out in
            source.withUnsafeBufferPointer { input in
                for n in 0 ..< batch {
                    let dy = sign * shifts[n].dy, dx = sign * shifts[n].dx
                    let columns = max(0, dx) ..< min(width, width + dx)
                    guard !columns.isEmpty else { continue }
                    for c in 0 ..< channels {
                        let plane = (n * channels + c) * height * width
                        for row in max(0, dy) ..< min(height, height + dy) {
                            let target = plane + row * width, origin = plane + (row - dy) * width
                            for column in columns { out[target + column] = input[origin + column - dx] }
                        }
                    }
                }
            }
        }
        return out
    }
    return Variable(shift(x.value, 1), parents: [x]) { g in [shift(g, -1)] }
}
