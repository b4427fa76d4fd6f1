/// What one LSTM layer computes over a sequence.
public struct LSTMSequenceResult {
    /// The hidden state after every step, `[time, batch, hidden]`.
    public let output: Variable
    /// The hidden state after the last step, `[batch, hidden]`.
    public let hidden: Variable
    /// The cell state after the last step, `[batch, hidden]`.
    public let cell: Variable
}

/// One LSTM layer run over a whole sequence, as one operation with a hand-written backward pass
/// (backpropagation through time).
///
/// Layout is time-major, like PyTorch's `nn.LSTM` default (`batch_first=False`): `input` is
/// `[time, batch, inputSize]`, so each step's rows are contiguous and every step's hidden states
/// line up into one matrix for the weight gradients. Weights use PyTorch's layout and gate order
/// `i, f, g, o`: `weightIH [4·hidden, inputSize]`, `weightHH [4·hidden, hidden]`, biases `[4·hidden]`.
/// A missing initial hidden or cell state is zero.
///
/// Where the time goes: the input projection of every step is independent of the recurrence, so
/// it is one large GEMM before the loop (`[time·batch, in] · W_ihᵀ`). The loop is left with one
/// small GEMM per step (`h·W_hhᵀ`, accumulated onto that step's slice) and one fused element-wise
/// pass. The backward pass mirrors it: per step, one fused pass for the gate gradients and one
/// GEMM for the gradient reaching the previous hidden state; then `dW_ih`, `dW_hh` and `dx` are one
/// GEMM each over all steps at once. Within a step the threads share the hidden units
/// (`LSTMRecurrence`), so one hand-off per step covers both the GEMM and the element-wise pass.
public func lstm(_ input: Variable, weightIH: Variable, weightHH: Variable, biasIH: Variable, biasHH: Variable,
                 initialHidden: Variable? = nil, initialCell: Variable? = nil) -> LSTMSequenceResult {
    precondition(input.value.rank == 3, "lstm input must be [time, batch, features], got \(input.shape)")
    let steps = input.shape[0], batchSize = input.shape[1], inputSize = input.shape[2]
    let hiddenSize = weightHH.shape.last ?? 0, gateSize = 4 * hiddenSize
    precondition(steps > 0 && batchSize > 0, "lstm needs at least one step and one sequence, got \(input.shape)")
    precondition(weightIH.shape == [gateSize, inputSize], "weightIH must be [\(gateSize), \(inputSize)], got \(weightIH.shape)")
    precondition(weightHH.shape == [gateSize, hiddenSize], "weightHH must be [\(gateSize), \(hiddenSize)], got \(weightHH.shape)")
    precondition(biasIH.shape == [gateSize] && biasHH.shape == [gateSize], "lstm biases must be [\(gateSize)]")
    for state in [initialHidden, initialCell].compactMap({ $0 }) {
        precondition(state.shape == [batchSize, hiddenSize], "initial state must be [\(batchSize), \(hiddenSize)], got \(state.shape)")
    }
    let stateSize = batchSize * hiddenSize, rows = steps * batchSize
    let recurrence = LSTMRecurrence(batchSize: batchSize, hiddenSize: hiddenSize)

    // Saved for the backward pass: activated gates (later overwritten by their gradients), the
    // cell state before and after every step (slot 0 is the initial cell), and tanh of each cell.
    let gates = FloatBuffer(count: rows * gateSize)
    let cells = FloatBuffer(count: (steps + 1) * stateSize)
    let cellTanh = FloatBuffer(count: rows * hiddenSize)
    let x = input.value, wIH = weightIH.value, wHH = weightHH.value
    let h0 = initialHidden?.value ?? Tensor(zeros: [batchSize, hiddenSize])
    let c0 = initialCell?.value ?? Tensor(zeros: [batchSize, hiddenSize])

    // The hidden states, packed as [steps + 2, batch, hidden]: slot 0 is the initial state, slots
    // 1 … steps the outputs, the last slot the final cell. Slots 0 ..< steps are then exactly the
    // "previous hidden state" matrix that dW_hh needs, with no copy.
    let packed = Tensor(uninitializedShape: [steps + 2, batchSize, hiddenSize]) { states in
        Tensor.withUnsafeBufferPointers([x, wIH, wHH, biasIH.value + biasHH.value, h0, c0]) { p in
            let (x, wIH, wHH, bias, h0, c0) = (p[0].baseAddress!, p[1].baseAddress!, p[2].baseAddress!,
                                               p[3].baseAddress!, p[4].baseAddress!, p[5].baseAddress!)
            let hiddenStates = states.baseAddress!
            // Both biases, then every step's input projection on top, in one GEMM.
            for row in 0 ..< rows { (gates.base + row * gateSize).update(from: bias, count: gateSize) }
            gemm(transposeA: false, transposeB: true, m: rows, n: gateSize, k: inputSize,
                 alpha: 1, a: x, lda: inputSize, b: wIH, ldb: inputSize, beta: 1, c: gates.base, ldc: gateSize)
            hiddenStates.update(from: h0, count: stateSize)
            cells.base.update(from: c0, count: stateSize)
            for t in 0 ..< steps {
                let stepGates = gates.base + t * batchSize * gateSize
                recurrence.forEachPart { _, units in
                    recurrence.addProduct(of: hiddenStates + t * stateSize, units: units, weightHH: wHH, into: stepGates)
                    LSTMCell.forward(gates: stepGates, previousCell: cells.base + t * stateSize,
                                     cell: cells.base + (t + 1) * stateSize, cellTanh: cellTanh.base + t * stateSize,
                                     hidden: hiddenStates + (t + 1) * stateSize,
                                     batchSize: batchSize, hiddenSize: hiddenSize, units: units)
                }
            }
            (hiddenStates + (steps + 1) * stateSize).update(from: cells.base + steps * stateSize, count: stateSize)
        }
    }

    let needsInputGradient = input.requiresGrad
    var parents = [input, weightIH, weightHH, biasIH, biasHH]
    if let initialHidden { parents.append(initialHidden) }
    if let initialCell { parents.append(initialCell) }
    let hasInitialHidden = initialHidden != nil, hasInitialCell = initialCell != nil

    let node = Variable(packed, parents: parents) { g in
        // The gradient reaching each hidden state: from the outputs now, from later steps as the
        // loop below runs backwards. The cell gradient starts as the final cell's.
        let hiddenGradient = FloatBuffer(count: rows * hiddenSize)
        let cellGradient = FloatBuffer(count: stateSize)
        let initialHiddenGradient = FloatBuffer(count: stateSize)
        var gradients: [Tensor?] = Tensor.withUnsafeBufferPointers([g, x, wIH, wHH, packed]) { p in
            let (g, x, wIH, wHH, hiddenStates) = (p[0].baseAddress!, p[1].baseAddress!, p[2].baseAddress!,
                                                  p[3].baseAddress!, p[4].baseAddress!)
            hiddenGradient.base.update(from: g + stateSize, count: rows * hiddenSize)
            cellGradient.base.update(from: g + (steps + 1) * stateSize, count: stateSize)
            // Each thread's units send their share of dh_{t-1}: the first thread adds it into dh_{t-1}
            // itself, the others write partial sums that each thread gathers for its own units at
            // the start of the next step (and after the last, for the initial state). Steps
            // alternate between two sets of partial sums, so that no thread overwrites a sum
            // another has yet to gather.
            let partialSet = (recurrence.parts - 1) * stateSize
            let partials = FloatBuffer(count: 2 * partialSet)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                let stepGates = gates.base + t * batchSize * gateSize
                let current = hiddenGradient.base + t * stateSize
                let written = partials.base + (t % 2) * partialSet, toGather = partials.base + (1 - t % 2) * partialSet
                recurrence.forEachPart { part, units in
                    if t < steps - 1 { recurrence.gather(toGather, units: units, into: current) }
                    LSTMCell.backward(gates: stepGates, previousCell: cells.base + t * stateSize,
                                      cellTanh: cellTanh.base + t * stateSize, hiddenGradient: current,
                                      cellGradient: cellGradient.base, batchSize: batchSize, hiddenSize: hiddenSize,
                                      units: units)
                    // dh_{t-1} += dgates_t · W_hh (for t = 0, the initial state's gradient).
                    let target = part > 0 ? written + (part - 1) * stateSize
                        : t > 0 ? hiddenGradient.base + (t - 1) * stateSize : initialHiddenGradient.base
                    recurrence.productGradient(of: stepGates, units: units, weightHH: wHH,
                                               accumulate: part == 0 && t > 0, into: target)
                }
            }
            recurrence.gather(partials.base, units: 0 ..< hiddenSize, into: initialHiddenGradient.base)  // t = 0 wrote set 0
            // `gates` now holds every step's pre-activation gradient: [steps·batch, 4·hidden].
            let dGates = UnsafePointer(gates.base)
            let inputGradient: Tensor? = needsInputGradient
                ? Tensor(uninitializedShape: [steps, batchSize, inputSize]) { dx in
                    gemm(transposeA: false, transposeB: false, m: rows, n: inputSize, k: gateSize,
                         alpha: 1, a: dGates, lda: gateSize, b: wIH, ldb: inputSize,
                         beta: 0, c: dx.baseAddress!, ldc: inputSize)
                }
                : nil
            let weightIHGradient = Tensor(uninitializedShape: [gateSize, inputSize]) { dW in
                gemm(transposeA: true, transposeB: false, m: gateSize, n: inputSize, k: rows,
                     alpha: 1, a: dGates, lda: gateSize, b: x, ldb: inputSize,
                     beta: 0, c: dW.baseAddress!, ldc: inputSize)
            }
            let weightHHGradient = Tensor(uninitializedShape: [gateSize, hiddenSize]) { dW in
                gemm(transposeA: true, transposeB: false, m: gateSize, n: hiddenSize, k: rows,
                     alpha: 1, a: dGates, lda: gateSize, b: hiddenStates, ldb: hiddenSize,
                     beta: 0, c: dW.baseAddress!, ldc: hiddenSize)
            }
            // Both biases receive the column sums of the gate gradients: a GEMV with a ones vector.
            let ones = [Float](repeating: 1, count: rows)
            let biasGradient = Tensor(uninitializedShape: [gateSize]) { db in
                gemv(transpose: true, m: rows, n: gateSize, alpha: 1, a: dGates, lda: gateSize,
                     x: ones, beta: 0, y: db.baseAddress!)
            }
            return [inputGradient, weightIHGradient, weightHHGradient, biasGradient, biasGradient]
        }
        if hasInitialHidden { gradients.append(initialHiddenGradient.tensor(shape: [batchSize, hiddenSize])) }
        if hasInitialCell { gradients.append(cellGradient.tensor(shape: [batchSize, hiddenSize])) }
        return gradients
    }
    return LSTMSequenceResult(output: node.slice(1 ..< steps + 1),
                              hidden: node.slice(steps ..< steps + 1).reshaped([batchSize, hiddenSize]),
                              cell: node.slice(steps + 1 ..< steps + 2).reshaped([batchSize, hiddenSize]))
}
