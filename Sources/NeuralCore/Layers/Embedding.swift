/// A lookup table of learned vectors, one per token: PyTorch's `nn.Embedding`, initialised N(0, 1).
public final class Embedding: Module {
    /// The vectors, `[vocabularySize, dimensions]`.
    public let weight: Variable
    public var isTraining = true

    /// A table for `vocabularySize` tokens of `dimensions` features each.
    public init(vocabularySize: Int, dimensions: Int, generator: inout RandomGenerator) {
        weight = Variable(Initializer.normal([vocabularySize, dimensions], standardDeviation: 1, generator: &generator),
                          requiresGrad: true)
    }

    /// Number of tokens the table covers.
    public var vocabularySize: Int { weight.shape[0] }
    /// Length of each vector.
    public var dimensions: Int { weight.shape[1] }

    public var parameters: [(name: String, variable: Variable)] { [("weight", weight)] }

    /// The vectors of `tokens` arranged as `shape` (e.g. `[time, batch]`): shape `shape + [dimensions]`.
    public func callAsFunction(_ tokens: [Int], shape: [Int]) -> Variable {
        embedding(tokens, shape: shape, table: weight)
    }
}
