import NeuralCore

/// DCGAN's generator (Radford et al. 2016): a latent vector becomes a 4×4 map of `8·width`
/// channels, then each stage doubles the resolution and halves the channels, with BatchNorm and
/// ReLU between, until a Tanh paints three colour channels in [-1, 1].
public final class Generator: Module {
    /// One resolution-doubling stage: upsample, normalise, activate.
    final class Stage: Module {
        let upsample: Module & Upsampling
        let normalization: BatchNorm?
        var isTraining = true

        init(upsample: Module & Upsampling, normalization: BatchNorm?) {
            self.upsample = upsample
            self.normalization = normalization
        }

        var children: [(name: String, module: Module)] {
            [("upsample", upsample as Module)] + (normalization.map { [("normalization", $0 as Module)] } ?? [])
        }
    }

    let configuration: PortraitConfiguration
    let stages: [Stage]
    public var isTraining = true

    public init(configuration: PortraitConfiguration, generator: inout RandomGenerator) {
        self.configuration = configuration
        let init002 = WeightInitialization.normal(standardDeviation: 0.02)
        let width = configuration.generatorWidth, count = configuration.upsamplingStages
        // Channels per stage: 8w at 4×4, then 4w, 2w, w, …, and 3 at the end.
        let channels = (0 ... count).map { width << max(0, min(3, count - 1 - $0)) }
        var stages: [Stage] = []
        stages.append(Stage(
            upsample: ConvTranspose2d(inputChannels: configuration.latentSize, outputChannels: channels[0],
                                      kernelSize: 4, stride: 1, padding: 0, bias: false,
                                      initialization: init002, generator: &generator),
            normalization: BatchNorm(featureCount: channels[0])))
        for stage in 1 ... count {
            let input = channels[stage - 1], isLast = stage == count
            let output = isLast ? 3 : channels[stage]
            let upsample: Module & Upsampling = configuration.upsampling == "resize"
                ? ResizeConvolution(inputChannels: input, outputChannels: output, initialization: init002, generator: &generator)
                : ConvTranspose2d(inputChannels: input, outputChannels: output, kernelSize: 4, stride: 2, padding: 1,
                                  bias: false, initialization: init002, generator: &generator)
            stages.append(Stage(upsample: upsample, normalization: isLast ? nil : BatchNorm(featureCount: output)))
        }
        self.stages = stages
    }

    public var children: [(name: String, module: Module)] {
        stages.enumerated().map { ("stages.\($0.offset)", $0.element as Module) }
    }

    /// Paints a batch of images `[N, 3, size, size]` from latent vectors `[N, latentSize]`.
    public func callAsFunction(_ latent: Variable) -> Variable {
        var x = latent.reshaped([latent.shape[0], configuration.latentSize, 1, 1])
        for stage in stages {
            x = stage.upsample.upsampled(x)
            if let normalization = stage.normalization {
                x = normalization(x).relu()
            }
        }
        return x.tanh()
    }

    /// Sets every BatchNorm's running statistics to those of this generator on `latent`, a large
    /// fixed batch ("standing statistics", Brock et al. 2019). An averaged generator needs this:
    /// the running statistics gathered during training belong to the live weights, not the average.
    public func measureNormalizationStatistics(latent: Tensor) {
        let normalizations = stages.compactMap(\.normalization)
        let momenta = normalizations.map(\.momentum)
        normalizations.forEach { $0.momentum = 1 }
        setTraining(true)
        _ = withoutGradients { self(Variable(latent)) }
        setTraining(false)
        zip(normalizations, momenta).forEach { $0.momentum = $1 }
    }
}

/// A layer that doubles the resolution of a feature map (the first stage goes from 1×1 to 4×4).
protocol Upsampling {
    func upsampled(_ x: Variable) -> Variable
}

extension ConvTranspose2d: Upsampling {
    func upsampled(_ x: Variable) -> Variable { self(x) }
}

/// Nearest-neighbour ×2 upsampling followed by a 3×3 convolution (Odena et al. 2016): every output
/// pixel sees the same number of kernel taps, so no checkerboard pattern can form.
final class ResizeConvolution: Module, Upsampling {
    let convolution: Conv2d
    var isTraining = true

    init(inputChannels: Int, outputChannels: Int, initialization: WeightInitialization, generator: inout RandomGenerator) {
        convolution = Conv2d(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 3,
                             padding: 1, bias: false, initialization: initialization, generator: &generator)
    }

    var children: [(name: String, module: Module)] { [("convolution", convolution)] }

    func upsampled(_ x: Variable) -> Variable { convolution(upsampleNearest(x, scale: 2)) }
}
