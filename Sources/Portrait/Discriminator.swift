import NeuralCore

/// DCGAN's discriminator: the generator in a mirror. Strided 4×4 convolutions halve the
/// resolution and double the channels down to 4×4, with LeakyReLU(0.2) throughout and BatchNorm on
/// every stage but the first; a last 4×4 convolution gives one logit per image ("real" when high).
/// It returns logits rather than probabilities so the loss can use the numerically stable
/// binary cross-entropy with logits.
public final class Discriminator: Module {
    let convolutions: [Conv2d]
    let normalizations: [BatchNorm?]
    let output: Conv2d
    public var isTraining = true

    public init(configuration: PortraitConfiguration, generator: inout RandomGenerator) {
        let init002 = WeightInitialization.normal(standardDeviation: 0.02)
        let width = configuration.discriminatorWidth, count = configuration.upsamplingStages
        var convolutions: [Conv2d] = [], normalizations: [BatchNorm?] = []
        var input = 3
        for stage in 0 ..< count {
            let output = width << min(3, stage)
            convolutions.append(Conv2d(inputChannels: input, outputChannels: output, kernelSize: 4, stride: 2, padding: 1,
                                       bias: false, initialization: init002, generator: &generator))
            normalizations.append(stage == 0 ? nil : BatchNorm(featureCount: output))
            input = output
        }
        self.convolutions = convolutions
        self.normalizations = normalizations
        output = Conv2d(inputChannels: input, outputChannels: 1, kernelSize: 4, bias: false,
                        initialization: init002, generator: &generator)
    }

    public var children: [(name: String, module: Module)] {
        var children: [(name: String, module: Module)] = []
        for (index, (convolution, normalization)) in zip(convolutions, normalizations).enumerated() {
            children.append(("stages.\(index).convolution", convolution))
            if let normalization { children.append(("stages.\(index).normalization", normalization)) }
        }
        return children + [("output", output)]
    }

    /// One logit per image of a batch `[N, 3, size, size]`, shape `[N]`.
    public func callAsFunction(_ images: Variable) -> Variable {
        var x = images
        for (convolution, normalization) in zip(convolutions, normalizations) {
            x = convolution(x)
            if let normalization { x = normalization(x) }
            x = x.leakyRelu(slope: 0.2)
        }
        return output(x).reshaped([images.shape[0]])
    }
}
