/// A fully-connected layer `y = x·Wᵀ + b`, initialised like PyTorch's `nn.Linear`.
public final class Linear: Module {
    public let weight: Variable
    public let bias: Variable?
    public var isTraining = true

    public init(inputSize: Int, outputSize: Int, bias: Bool = true, generator: inout RandomGenerator) {
        // PyTorch's default: U(-1/√in, 1/√in) for weight and bias.
        let bound = 1 / Float(inputSize).squareRoot()
        weight = Variable(Initializer.uniform([outputSize, inputSize], bound: bound, generator: &generator),
                          requiresGrad: true)
        self.bias = bias
            ? Variable(Initializer.uniform([outputSize], bound: bound, generator: &generator), requiresGrad: true)
            : nil
    }

    public var parameters: [(name: String, variable: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func callAsFunction(_ x: Variable) -> Variable { linear(x, weight: weight, bias: bias) }
}
