/// A 2-D convolution over `[N, C, H, W]` batches: PyTorch's `nn.Conv2d` (square kernel, no
/// dilation or groups), with its weight `[out, in, k, k]` under the same names.
public final class Conv2d: Module {
    /// `[outputChannels, inputChannels, kernelSize, kernelSize]`.
    public let weight: Variable
    /// `[outputChannels]`, or nil for a layer built with `bias: false`.
    public let bias: Variable?
    /// Step between kernel positions, in pixels.
    public let stride: Int
    /// Zeros added on every side of the input.
    public let padding: Int
    public var isTraining = true

    /// A layer mapping `inputChannels` to `outputChannels` with a `kernelSize × kernelSize` kernel.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, initialization: WeightInitialization = .pytorchDefault,
                generator: inout RandomGenerator) {
        let shape = [outputChannels, inputChannels, kernelSize, kernelSize]
        (weight, self.bias) = convolutionParameters(weightShape: shape, biasCount: bias ? outputChannels : nil,
                                                    initialization: initialization, generator: &generator)
        self.stride = stride
        self.padding = padding
    }

    public var parameters: [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Convolves a batch `[N, inputChannels, H, W]`.
    public func callAsFunction(_ x: Variable) -> Variable {
        conv2d(x, weight: weight, bias: bias, stride: stride, padding: padding)
    }
}

/// A convolution weight and optional bias drawn as `initialization` says, in PyTorch's order
/// (weight first). PyTorch computes the fan-in from axis 1 of the weight for both convolution
/// kinds, so a transposed convolution's fan-in counts its output channels.
func convolutionParameters(weightShape: [Int], biasCount: Int?, initialization: WeightInitialization,
                           generator: inout RandomGenerator) -> (weight: Variable, bias: Variable?) {
    let bound = 1 / Float(Initializer.fans(weightShape).fanIn).squareRoot()
    let weight: Tensor
    switch initialization {
    case .pytorchDefault:
        weight = Initializer.uniform(weightShape, bound: bound, generator: &generator)
    case .normal(let mean, let standardDeviation):
        weight = Initializer.normal(weightShape, mean: mean, standardDeviation: standardDeviation, generator: &generator)
    }
    let bias = biasCount.map { Initializer.uniform([$0], bound: bound, generator: &generator) }
    return (Variable(weight, requiresGrad: true), bias.map { Variable($0, requiresGrad: true) })
}
