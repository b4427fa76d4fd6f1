/// Batch normalisation over the channels of `[N, C]` or `[N, C, H, W]` batches: PyTorch's
/// `nn.BatchNorm1d` / `nn.BatchNorm2d`, with γ and β as `weight` and `bias` and the running
/// statistics as the buffers `running_mean` and `running_var` (`num_batches_tracked` is not kept).
///
/// In training mode it normalises with the batch's statistics and updates the running ones;
/// in evaluation mode (`setTraining(false)`) it uses the running statistics.
public final class BatchNorm: Module {
    /// γ, `[featureCount]`.
    public let weight: Variable
    /// β, `[featureCount]`.
    public let bias: Variable
    /// The running mean of each channel, updated in training mode.
    public let runningMean: Variable
    /// The running (unbiased) variance of each channel, updated in training mode.
    public let runningVariance: Variable
    /// Weight of the newest batch in the running statistics (1 makes them exactly the last batch's).
    public var momentum: Float
    /// Added to the variance so a constant channel does not divide by zero.
    public let epsilon: Float
    public var isTraining = true

    /// Normalises `featureCount` channels, starting as the identity (γ = 1, β = 0, mean 0, variance 1).
    public init(featureCount: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        weight = Variable(Tensor(repeating: 1, shape: [featureCount]), requiresGrad: true)
        bias = Variable(Tensor(zeros: [featureCount]), requiresGrad: true)
        runningMean = Variable(Tensor(zeros: [featureCount]))
        runningVariance = Variable(Tensor(repeating: 1, shape: [featureCount]))
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// Normalises `featureCount` channels with γ drawn as `initialization` says (DCGAN: N(1, 0.02²)).
    public convenience init(featureCount: Int, momentum: Float = 0.1, epsilon: Float = 1e-5,
                            initialization: WeightInitialization, generator: inout RandomGenerator) {
        self.init(featureCount: featureCount, momentum: momentum, epsilon: epsilon)
        if case .normal(let mean, let standardDeviation) = initialization {
            weight.value = Initializer.normal([featureCount], mean: mean, standardDeviation: standardDeviation,
                                              generator: &generator)
        }
    }

    public var parameters: [(name: String, variable: Variable)] { [("weight", weight), ("bias", bias)] }
    public var buffers: [(name: String, variable: Variable)] {
        [("running_mean", runningMean), ("running_var", runningVariance)]
    }

    /// Normalises a batch `[N, featureCount]` or `[N, featureCount, H, W]`.
    public func callAsFunction(_ x: Variable) -> Variable {
        batchNorm(x, weight: weight, bias: bias, runningMean: runningMean, runningVariance: runningVariance,
                  isTraining: isTraining, momentum: momentum, epsilon: epsilon)
    }
}
