/// Layer normalization over the last axis with a learned scale and shift: PyTorch's
/// `nn.LayerNorm(features)`, initialised to the identity (weight 1, bias 0).
public final class LayerNorm: Module {
    public let weight: Variable
    public let bias: Variable
    /// Added to the variance so a constant row does not divide by zero.
    public let epsilon: Float
    public var isTraining = true

    /// Normalises vectors of `features` elements.
    public init(features: Int, epsilon: Float = 1e-5) {
        weight = Variable(Tensor(repeating: 1, shape: [features]), requiresGrad: true)
        bias = Variable(Tensor(zeros: [features]), requiresGrad: true)
        self.epsilon = epsilon
    }

    public var parameters: [(name: String, variable: Variable)] { [("weight", weight), ("bias", bias)] }

    public func callAsFunction(_ x: Variable) -> Variable {
        layerNorm(x, weight: weight, bias: bias, epsilon: epsilon)
    }
}
