import Foundation
import Media
import NeuralCore

/// Paints portraits with a trained generator: a seed picks the latent vector, the generator runs
/// without a tape in evaluation mode, and the 64×64 result is upscaled with a Lanczos filter.
/// The same seed always gives the same pixels.
public struct PortraitPainter {
    public let generator: Generator
    public let configuration: PortraitConfiguration

    public init(generator: Generator, configuration: PortraitConfiguration) {
        generator.setTraining(false)
        self.generator = generator
        self.configuration = configuration
    }

    /// The latent vector of `seed`, shrunk towards the origin (the mean of z) by `truncation` ≤ 1:
    /// lower values give calmer, more typical faces at the cost of variety.
    public func latent(seed: UInt64, truncation: Float = 1) -> [Float] {
        var generator = RandomGenerator(seed: seed)
        return (0 ..< configuration.latentSize).map { _ in generator.normal() * truncation }
    }

    /// One portrait per latent vector, each `size × size` pixels.
    public func paint(latents: [[Float]], size: Int) -> [Image] {
        let batch = Tensor(shape: [latents.count, configuration.latentSize], scalars: latents.flatMap { $0 })
        let images = withoutGradients { generator(Variable(batch)) }.value
        let native = configuration.imageSize, count = 3 * native * native
        return (0 ..< latents.count).map { index in
            let image = Image(floatCHW: Array(images.scalars[index * count ..< (index + 1) * count]), width: native, height: native)
            return size == native ? image : image.resized(width: size, height: size)
        }
    }

    /// The portraits of `seeds`.
    public func paint(seeds: [UInt64], truncation: Float = 1, size: Int) -> [Image] {
        paint(latents: seeds.map { latent(seed: $0, truncation: truncation) }, size: size)
    }

    /// `frames` portraits walking from `seedA`'s to `seedB`'s along the great circle between their
    /// latent vectors (spherical interpolation keeps each step at the typical length of a Gaussian
    /// sample, where straight-line midpoints would be unusually short and look washed out).
    /// The first and last frames are exactly the two seeds' portraits.
    public func interpolate(from seedA: UInt64, to seedB: UInt64, frames: Int, truncation: Float = 1, size: Int) -> [Image] {
        let a = latent(seed: seedA, truncation: truncation), b = latent(seed: seedB, truncation: truncation)
        let latents = (0 ..< frames).map { frame -> [Float] in
            if frame == 0 { return a }
            if frame == frames - 1 { return b }
            return Self.slerp(a, b, Float(frame) / Float(frames - 1))
        }
        return paint(latents: latents, size: size)
    }

    static func slerp(_ a: [Float], _ b: [Float], _ t: Float) -> [Float] {
        let normA = sqrt(a.reduce(0) { $0 + $1 * $1 }), normB = sqrt(b.reduce(0) { $0 + $1 * $1 })
        let cosine = max(-1, min(1, zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (normA * normB)))
        let angle = acos(cosine)
        guard angle > 1e-4 else { return zip(a, b).map { $0 + t * ($1 - $0) } }
        let wa = sin((1 - t) * angle) / sin(angle), wb = sin(t * angle) / sin(angle)
        return zip(a, b).map { wa * $0 + wb * $1 }
    }
}
