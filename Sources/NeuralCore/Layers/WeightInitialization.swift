/// How a layer draws its initial weights.
public enum WeightInitialization: Equatable {
    /// PyTorch's default for the layer: U(±1/√fan_in) for convolution weights and biases
    /// (`kaiming_uniform_` with a = √5), γ = 1 for normalisation.
    case pytorchDefault
    /// Weights (or BatchNorm's γ) drawn from N(mean, standardDeviation²), as DCGAN's `weights_init`
    /// does: mean 0, deviation 0.02 for convolutions; mean 1 for BatchNorm. Other tensors keep
    /// their defaults (a convolution bias stays uniform, β stays 0), exactly like `weights_init`.
    case normal(mean: Float = 0, standardDeviation: Float)
}
