/// A trained LSTM stack (and, optionally, its input embedding and output layer) frozen into the
/// layout that generating one step at a time wants: no autodiff tape, weights copied into one
/// contiguous matrix per layer, and every buffer allocated once, in the `LSTMState`.
///
/// Sampling one token at a time is memory-bound: each step reads every weight once and does two
/// flops per weight. So each layer keeps `[W_ih | W_hh]` side by side (`[4·hidden, input + hidden]`)
/// and multiplies it by `[x; h]` in a single matrix–vector product (`gemv`), which streams
/// the weights through the cache once. For token input the first layer's input product is
/// precomputed for the whole vocabulary (`embedding · W_ihᵀ + biases`, one row per token), so a
/// step starts from a row lookup instead of a product.
///
/// It is a snapshot: build a new one after the weights change.
public final class LSTMInference {
    /// What a step takes as input.
    public enum Input {
        /// Dense vectors of the LSTM's input size.
        case vectors
        /// Token ids, looked up in an embedding table whose width is the LSTM's input size.
        case embedding(Embedding)
        /// Token ids given to the LSTM as one-hot vectors (its input size is the vocabulary size).
        case oneHot
    }

    public let inputSize: Int
    public let hiddenSize: Int
    public let layerCount: Int
    /// The number of logits a step produces, or 0 without an output layer.
    public let outputSize: Int

    /// Per layer: `[W_ih | W_hh]`, `[4·hidden, input + hidden]`, row-major.
    private let layerWeights: [[Float]]
    /// Per layer: `bias_ih + bias_hh`.
    private let layerBiases: [[Float]]
    /// For token input: row `t` is the first layer's gate pre-activation from token `t`, biases included.
    private let tokenGates: [Float]?
    private let outputWeight: [Float], outputBias: [Float]

    /// Freezes `lstm`, reading input as `input` describes; with an `outputLayer` (a `Linear` from
    /// the top hidden state), every step also computes logits.
    public init(lstm: LSTM, input: Input = .vectors, outputLayer: Linear? = nil) {
        inputSize = lstm.inputSize
        hiddenSize = lstm.hiddenSize
        layerCount = lstm.layers.count
        layerWeights = lstm.layers.map { layer in
            let inputWidth = layer.weightIH.shape[1], h = layer.weightHH.shape[1]
            var combined = [Float](); combined.reserveCapacity(4 * h * (inputWidth + h))
            for row in 0 ..< 4 * h {
                combined += layer.weightIH.value.scalars[row * inputWidth ..< (row + 1) * inputWidth]
                combined += layer.weightHH.value.scalars[row * h ..< (row + 1) * h]
            }
            return combined
        }
        layerBiases = lstm.layers.map { ($0.biasIH.value + $0.biasHH.value).scalars }

        let firstLayer = lstm.layers[0]
        let firstBias = layerBiases[0]
        switch input {
        case .vectors:
            tokenGates = nil
        case .embedding(let embedding):
            precondition(embedding.dimensions == lstm.inputSize,
                         "embedding width \(embedding.dimensions) differs from the LSTM's input size \(lstm.inputSize)")
            var table = Tensor.matmul(embedding.weight.value, firstLayer.weightIH.value, transposeB: true)
            table.addRowVector(Tensor(shape: [firstBias.count], scalars: firstBias))
            tokenGates = table.scalars
        case .oneHot:
            // x · W_ihᵀ for a one-hot x is a column of W_ih: the table is W_ihᵀ plus the biases.
            let gateSize = firstBias.count, weights = firstLayer.weightIH.value.scalars
            tokenGates = (0 ..< lstm.inputSize).flatMap { token in
                (0 ..< gateSize).map { gate in weights[gate * lstm.inputSize + token] + firstBias[gate] }
            }
        }

        if let outputLayer {
            precondition(outputLayer.weight.shape[1] == lstm.hiddenSize,
                         "output layer takes \(outputLayer.weight.shape[1]) features, the LSTM gives \(lstm.hiddenSize)")
            outputSize = outputLayer.weight.shape[0]
            outputWeight = outputLayer.weight.value.scalars
            outputBias = outputLayer.bias?.value.scalars ?? [Float](repeating: 0, count: outputSize)
        } else {
            outputSize = 0
            outputWeight = []
            outputBias = []
        }
    }

    /// A zero state for `batchSize` independent streams.
    public func makeState(batchSize: Int = 1) -> LSTMState {
        LSTMState(batchSize: batchSize, inputSize: inputSize, hiddenSize: hiddenSize,
                  layerCount: layerCount, outputSize: outputSize)
    }

    /// Advances every stream by one step on dense input, `[batch, inputSize]` row-major.
    public func step(_ input: UnsafeBufferPointer<Float>, state: inout LSTMState) {
        precondition(tokenGates == nil, "this LSTMInference takes tokens, not vectors")
        precondition(input.count == state.batchSize * inputSize,
                     "step input has \(input.count) values, expected \(state.batchSize) × \(inputSize)")
        let rowWidth = state.rowWidth
        state.window.withUnsafeMutableBufferPointer { window in
            for b in 0 ..< state.batchSize {
                (window.baseAddress! + b * rowWidth).update(from: input.baseAddress! + b * inputSize, count: inputSize)
            }
        }
        advance(&state, firstLayerInputDone: false)
    }

    /// Advances every stream by one step on dense input, `[batch, inputSize]` row-major.
    public func step(_ input: [Float], state: inout LSTMState) {
        input.withUnsafeBufferPointer { step($0, state: &state) }
    }

    /// Advances a single stream by one token.
    public func step(token: Int, state: inout LSTMState) {
        precondition(state.batchSize == 1, "step(token:) is for one stream; use step(tokens:) for \(state.batchSize)")
        withUnsafePointer(to: token) { step(tokens: UnsafeBufferPointer(start: $0, count: 1), state: &state) }
    }

    /// Advances every stream by one token each.
    public func step(tokens: UnsafeBufferPointer<Int>, state: inout LSTMState) {
        guard let tokenGates else { preconditionFailure("this LSTMInference takes vectors, not tokens") }
        precondition(tokens.count == state.batchSize, "got \(tokens.count) tokens for \(state.batchSize) streams")
        let gateSize = 4 * hiddenSize, vocabularySize = tokenGates.count / gateSize
        tokenGates.withUnsafeBufferPointer { table in
            state.gates.withUnsafeMutableBufferPointer { gates in
                for (b, token) in tokens.enumerated() {
                    precondition(token >= 0 && token < vocabularySize, "token \(token) outside a vocabulary of \(vocabularySize)")
                    (gates.baseAddress! + b * gateSize).update(from: table.baseAddress! + token * gateSize, count: gateSize)
                }
            }
        }
        advance(&state, firstLayerInputDone: true)
    }

    /// Advances every stream by one token each.
    public func step(tokens: [Int], state: inout LSTMState) {
        tokens.withUnsafeBufferPointer { step(tokens: $0, state: &state) }
    }

    /// Runs the layers bottom-up on the input already in `state` (in the window, or, for token
    /// input, as the first layer's gates), then the output layer.
    private func advance(_ state: inout LSTMState, firstLayerInputDone: Bool) {
        precondition(state.inputSize == inputSize && state.hiddenSize == hiddenSize && state.layerCount == layerCount,
                     "this state was made by an LSTMInference of another shape")
        let batchSize = state.batchSize, rowWidth = state.rowWidth
        let h = hiddenSize, gateSize = 4 * hiddenSize, stateSize = batchSize * hiddenSize
        state.window.withUnsafeMutableBufferPointer { window in
            state.cells.withUnsafeMutableBufferPointer { cells in
                state.gates.withUnsafeMutableBufferPointer { gates in
                    let gates = gates.baseAddress!
                    for layer in 0 ..< layerCount {
                        let inputWidth = layer == 0 ? inputSize : h
                        // Layer l reads [input | own hidden] at this offset of each row; its input is
                        // the hidden state the layer below has just written.
                        let offset = layer == 0 ? 0 : inputSize + (layer - 1) * h
                        let hiddenOffset = offset + inputWidth
                        layerWeights[layer].withUnsafeBufferPointer { weights in
                            var weights = weights.baseAddress!, reads = window.baseAddress! + offset
                            var columns = inputWidth + h
                            if layer == 0 && firstLayerInputDone {
                                // The token's row already holds x·W_ihᵀ + biases: only W_hh remains.
                                weights += inputWidth
                                reads += inputWidth
                                columns = h
                            } else {
                                layerBiases[layer].withUnsafeBufferPointer { bias in
                                    for b in 0 ..< batchSize {
                                        (gates + b * gateSize).update(from: bias.baseAddress!, count: gateSize)
                                    }
                                }
                            }
                            multiplyAccumulate(weights: weights, rows: gateSize, columns: columns,
                                               leadingDimension: inputWidth + h, input: reads, inputStride: rowWidth,
                                               output: gates, outputStride: gateSize, batchSize: batchSize)
                        }
                        let cell = cells.baseAddress! + layer * stateSize
                        LSTMCell.forward(gates: gates, previousCell: cell, cell: cell, cellTanh: nil,
                                         hidden: window.baseAddress! + hiddenOffset, hiddenRowStride: rowWidth,
                                         batchSize: batchSize, hiddenSize: h)
                    }
                }
            }
            guard outputSize > 0 else { return }
            state.logits.withUnsafeMutableBufferPointer { logits in
                outputBias.withUnsafeBufferPointer { bias in
                    for b in 0 ..< batchSize {
                        (logits.baseAddress! + b * outputSize).update(from: bias.baseAddress!, count: outputSize)
                    }
                }
                outputWeight.withUnsafeBufferPointer { weights in
                    multiplyAccumulate(weights: weights.baseAddress!, rows: outputSize, columns: h, leadingDimension: h,
                                       input: window.baseAddress! + rowWidth - h, inputStride: rowWidth,
                                       output: logits.baseAddress!, outputStride: outputSize, batchSize: batchSize)
                }
            }
        }
    }

    /// `output[b] += W · input[b]` for every stream: a matrix–vector product for one stream, a
    /// matrix product for several (each stream's vector is a row at `inputStride`).
    private func multiplyAccumulate(weights: UnsafePointer<Float>, rows: Int, columns: Int, leadingDimension: Int,
                                    input: UnsafePointer<Float>, inputStride: Int,
                                    output: UnsafeMutablePointer<Float>, outputStride: Int, batchSize: Int) {
        if batchSize == 1 {
            gemv(transpose: false, m: rows, n: columns, alpha: 1, a: weights, lda: leadingDimension,
                 x: input, beta: 1, y: output)
        } else {
            gemm(transposeA: false, transposeB: true, m: batchSize, n: rows, k: columns,
                 alpha: 1, a: input, lda: inputStride, b: weights, ldb: leadingDimension,
                 beta: 1, c: output, ldc: outputStride)
        }
    }
}

/// The state of one or more streams being generated by an `LSTMInference`: every layer's hidden
/// and cell state, the latest logits, and the scratch space a step needs, so that stepping
/// allocates nothing. A value type: copying a state forks the streams.
public struct LSTMState {
    /// The number of independent streams.
    public let batchSize: Int
    let hiddenSize: Int, layerCount: Int, inputSize: Int
    /// Per stream, one row `[input | hidden of layer 0 | hidden of layer 1 | …]`: layer `l` finds
    /// its input (layer `l − 1`'s new hidden state) and its own previous hidden state side by side.
    var window: [Float]
    /// `[layer, batch, hidden]`.
    var cells: [Float]
    /// One layer's gates, `[batch, 4·hidden]`: scratch reused by every layer and step.
    var gates: [Float]
    /// The output layer's logits after the latest step, `[batch, outputSize]` (empty without an output layer).
    public internal(set) var logits: [Float]

    init(batchSize: Int, inputSize: Int, hiddenSize: Int, layerCount: Int, outputSize: Int) {
        self.batchSize = batchSize
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        window = [Float](repeating: 0, count: batchSize * (inputSize + layerCount * hiddenSize))
        cells = [Float](repeating: 0, count: layerCount * batchSize * hiddenSize)
        gates = [Float](repeating: 0, count: batchSize * 4 * hiddenSize)
        logits = [Float](repeating: 0, count: batchSize * outputSize)
    }

    /// The width of one stream's row of `window`.
    var rowWidth: Int { inputSize + layerCount * hiddenSize }

    /// Layer `layer`'s hidden state, `[batch, hidden]`.
    public func hidden(layer: Int) -> Tensor {
        let offset = inputSize + layer * hiddenSize
        return Tensor(shape: [batchSize, hiddenSize], scalars: (0 ..< batchSize).flatMap { b in
            window[b * rowWidth + offset ..< b * rowWidth + offset + hiddenSize]
        })
    }

    /// Layer `layer`'s cell state, `[batch, hidden]`.
    public func cell(layer: Int) -> Tensor {
        let size = batchSize * hiddenSize
        return Tensor(shape: [batchSize, hiddenSize], scalars: Array(cells[layer * size ..< (layer + 1) * size]))
    }
}
