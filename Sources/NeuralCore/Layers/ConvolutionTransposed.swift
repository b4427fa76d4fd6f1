/// A 2-D transposed convolution over `[N, C, H, W]` batches: PyTorch's `nn.ConvTranspose2d`
/// (square kernel, no dilation or groups), with its weight `[in, out, k, k]` under the same names.
/// With kernel 4, stride 2 and padding 1 it doubles the height and width, as in DCGAN's generator.
public final class ConvTranspose2d: Module {
    /// `[inputChannels, outputChannels, kernelSize, kernelSize]` (PyTorch's layout).
    public let weight: Variable
    /// `[outputChannels]`, or nil for a layer built with `bias: false`.
    public let bias: Variable?
    /// The upsampling factor: step between the output positions of neighbouring input pixels.
    public let stride: Int
    /// Rows and columns trimmed from every side of the full output.
    public let padding: Int
    /// Extra rows and columns kept at the bottom and right, to reach an exact size when stride > 1.
    public let outputPadding: Int
    public var isTraining = true

    /// A layer mapping `inputChannels` to `outputChannels` with a `kernelSize × kernelSize` kernel.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                outputPadding: Int = 0, bias: Bool = true, initialization: WeightInitialization = .pytorchDefault,
                generator: inout RandomGenerator) {
        let shape = [inputChannels, outputChannels, kernelSize, kernelSize]
        (weight, self.bias) = convolutionParameters(weightShape: shape, biasCount: bias ? outputChannels : nil,
                                                    initialization: initialization, generator: &generator)
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    public var parameters: [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Upsamples a batch `[N, inputChannels, H, W]`.
    public func callAsFunction(_ x: Variable) -> Variable {
        convTranspose2d(x, weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding)
    }
}
