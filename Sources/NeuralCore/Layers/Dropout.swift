/// Inverted dropout during training, the identity in evaluation mode: PyTorch's `nn.Dropout`.
public final class Dropout: Module {
    /// The chance that each element is zeroed.
    public let probability: Float
    /// The source of the masks. It belongs to the layer so a model's call sites stay `layer(x)`;
    /// a trainer that resumes runs bit-for-bit saves and restores its `state`.
    public var generator: RandomGenerator
    public var isTraining = true

    /// A dropout layer whose masks are drawn from a generator split off `generator`.
    public init(probability: Float, generator: inout RandomGenerator) {
        precondition(probability >= 0 && probability < 1, "dropout probability must be in [0, 1), got \(probability)")
        self.probability = probability
        self.generator = RandomGenerator(seed: generator.next())
    }

    public func callAsFunction(_ x: Variable) -> Variable {
        isTraining ? x.dropout(probability: probability, generator: &generator) : x
    }
}
