import Foundation

/// The hyper-parameters of a portrait GAN, stored as JSON in every checkpoint and model file so a
/// model can always be rebuilt exactly as it was trained.
public struct PortraitConfiguration: Codable, Equatable {
    /// Length of the random vector z the generator paints from (DCGAN's nz).
    public var latentSize = 100
    /// Channels in the generator's last hidden layer; earlier layers have 2×, 4×, 8× (DCGAN's ngf).
    public var generatorWidth = 64
    /// Channels in the discriminator's first layer; later layers have 2×, 4×, 8× (DCGAN's ndf).
    /// Smaller than the generator's, as art-DCGAN advises, so the critic does not win too fast.
    public var discriminatorWidth = 32
    /// Side of the square images, in pixels.
    public var imageSize = 64
    /// How the generator doubles resolution: "transposed" (Radford et al.) or "resize"
    /// (nearest-neighbour upsampling then a 3×3 convolution, which avoids checkerboard artefacts).
    public var upsampling = "transposed"
    public var batchSize = 64
    public var generatorLearningRate: Float = 2e-4
    public var discriminatorLearningRate: Float = 2e-4
    /// Adam's β₁: 0.5 rather than 0.9, which Radford et al. found to oscillate.
    public var beta1: Float = 0.5
    /// Decay of the exponential moving average of the generator's weights (the weights that ship).
    public var emaDecay: Float = 0.999
    /// DiffAugment policy: any of "color", "translation", "cutout", comma-separated; "" for none.
    public var augmentation = "color,translation,cutout"

    public init() {}

    /// The configuration as compact, key-sorted JSON (deterministic bytes in model metadata).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Reads a configuration from model metadata.
    public static func decode(json: String) throws -> PortraitConfiguration {
        do {
            return try JSONDecoder().decode(PortraitConfiguration.self, from: Data(json.utf8))
        } catch {
            throw PortraitError.badConfiguration(String(describing: error))
        }
    }

    /// Checks that the numbers describe a network that can be built.
    public func validate() throws {
        guard imageSize >= 16, imageSize.nonzeroBitCount == 1 else {
            throw PortraitError.badConfiguration("image size must be a power of two ≥ 16, got \(imageSize)")
        }
        guard latentSize > 0, generatorWidth > 0, discriminatorWidth > 0, batchSize > 1 else {
            throw PortraitError.badConfiguration("sizes must be positive and the batch at least 2")
        }
        guard ["transposed", "resize"].contains(upsampling) else {
            throw PortraitError.badConfiguration("upsampling must be 'transposed' or 'resize', got '\(upsampling)'")
        }
    }

    /// Number of stride-2 stages between the 4×4 start and the full image (4 for 64×64).
    var upsamplingStages: Int { imageSize.trailingZeroBitCount - 2 }
}

/// What can go wrong in the portrait craft.
public enum PortraitError: Error, CustomStringConvertible, Equatable {
    case badConfiguration(String)
    case noImages(String)
    case unreadableImage(String, String)
    case missingModel(String)

    public var description: String {
        switch self {
        case .badConfiguration(let reason): return "portrait model configuration: \(reason)"
        case .noImages(let folder): return "no PNG or JPEG images in \(folder)"
        case .unreadableImage(let path, let reason): return "cannot read \(path): \(reason)"
        case .missingModel(let path): return "no portrait model at \(path) (train one with 'belamy train portrait', or pass --model)"
        }
    }
}
