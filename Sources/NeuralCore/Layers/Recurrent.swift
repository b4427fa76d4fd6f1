/// A stack of LSTM layers: PyTorch's `nn.LSTM(inputSize, hiddenSize, num_layers, dropout=…)`,
/// with the same parameter names (`weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`,
/// `weight_ih_l1`, …), layouts and gate order (`i, f, g, o`), so its state dictionary loads
/// PyTorch weights unchanged.
///
/// Sequences are time-major, `[time, batch, features]` (PyTorch's `batch_first=False`). For
/// generating one token at a time, build an `LSTMInference` from a trained stack.
public final class LSTM: Module {
    /// The weights of one layer of the stack.
    public struct Layer {
        /// `[4·hidden, input]`: the input's contribution to the gates `i, f, g, o`.
        public let weightIH: Variable
        /// `[4·hidden, hidden]`: the previous hidden state's contribution.
        public let weightHH: Variable
        /// `[4·hidden]` each; PyTorch keeps two biases, which only ever appear as their sum.
        public let biasIH: Variable
        public let biasHH: Variable
    }

    /// The hidden and cell state of one layer, `[batch, hidden]` each.
    public typealias LayerState = (hidden: Variable, cell: Variable)

    public let inputSize: Int
    public let hiddenSize: Int
    /// The layers, bottom first.
    public let layers: [Layer]
    /// Dropout applied to each layer's output except the last, during training only.
    public let dropoutProbability: Float
    /// The source of the dropout masks (see `Dropout.generator`).
    public var generator: RandomGenerator
    public var isTraining = true

    /// A stack of `layerCount` layers initialised like PyTorch: every parameter U(−1/√hidden, 1/√hidden).
    public init(inputSize: Int, hiddenSize: Int, layerCount: Int = 1, dropoutProbability: Float = 0,
                generator: inout RandomGenerator) {
        precondition(layerCount >= 1, "an LSTM needs at least one layer")
        precondition(dropoutProbability >= 0 && dropoutProbability < 1, "dropout probability must be in [0, 1)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.dropoutProbability = dropoutProbability
        let bound = 1 / Float(hiddenSize).squareRoot()
        func parameter(_ shape: [Int]) -> Variable {
            Variable(Initializer.uniform(shape, bound: bound, generator: &generator), requiresGrad: true)
        }
        layers = (0 ..< layerCount).map { index in
            let layerInput = index == 0 ? inputSize : hiddenSize
            return Layer(weightIH: parameter([4 * hiddenSize, layerInput]),
                         weightHH: parameter([4 * hiddenSize, hiddenSize]),
                         biasIH: parameter([4 * hiddenSize]), biasHH: parameter([4 * hiddenSize]))
        }
        self.generator = RandomGenerator(seed: generator.next())
    }

    public var parameters: [(name: String, variable: Variable)] {
        layers.enumerated().flatMap { index, layer in
            [("weight_ih_l\(index)", layer.weightIH), ("weight_hh_l\(index)", layer.weightHH),
             ("bias_ih_l\(index)", layer.biasIH), ("bias_hh_l\(index)", layer.biasHH)]
        }
    }

    /// Runs the stack over `input` (`[time, batch, inputSize]`) from `initialState` (one per layer,
    /// zero if nil). Returns the top layer's hidden state at every step, `[time, batch, hidden]`,
    /// and every layer's final state, which a trainer can detach and feed to the next batch.
    public func callAsFunction(_ input: Variable, initialState: [LayerState]? = nil)
        -> (output: Variable, state: [LayerState]) {
        precondition(initialState == nil || initialState!.count == layers.count,
                     "initial state has \(initialState!.count) layers, the LSTM has \(layers.count)")
        var x = input
        var finalState: [LayerState] = []
        for (index, layer) in layers.enumerated() {
            if index > 0 && isTraining && dropoutProbability > 0 {
                x = x.dropout(probability: dropoutProbability, generator: &generator)
            }
            let result = lstm(x, weightIH: layer.weightIH, weightHH: layer.weightHH,
                              biasIH: layer.biasIH, biasHH: layer.biasHH,
                              initialHidden: initialState?[index].hidden, initialCell: initialState?[index].cell)
            x = result.output
            finalState.append((result.hidden, result.cell))
        }
        return (x, finalState)
    }
}
