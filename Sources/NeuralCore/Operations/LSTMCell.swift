import Foundation

/// The element-wise half of one LSTM time step, fused into a single sweep over memory.
///
/// The matrix products (`x·W_ihᵀ + h·W_hhᵀ + biases`) have already been accumulated into a row of
/// pre-activations per batch element, laid out as PyTorch does: `[i | f | g | o]`, each block
/// `hiddenSize` wide. What is left is cheap arithmetic over a few arrays: one pass that reads
/// each value once beats a chain of separate sigmoid, tanh and multiply ops.
///
/// Each kernel runs eight hidden units at a time with `VectorizedMath`; the scalar loop that
/// finishes a row is also the plain reference (`vectorized: false`), and `LSTMCellTests` holds
/// the two equal. Both may be limited to a range of the hidden units, so that threads can share
/// one step: units never interact within a step.
enum LSTMCell {
    typealias Vector = VectorizedMath.Vector

    /// Turns pre-activations into gates (in place) and advances the cell and hidden state:
    ///
    ///     i = σ(i), f = σ(f), g = tanh(g), o = σ(o)
    ///     c = f ⊙ c_prev + i ⊙ g
    ///     h = o ⊙ tanh(c)
    ///
    /// `previousCell` may equal `cell` (inference updates the state in place). `cellTanh`, when
    /// given, keeps `tanh(c)` for the backward pass. Row `b` of the hidden state is written at
    /// `hidden + b · hiddenRowStride` (inference keeps it inside a wider row). Only the hidden
    /// units in `units` are computed (all of them if nil).
    @inlinable
    static func forward(gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>,
                        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>?,
                        hidden: UnsafeMutablePointer<Float>, hiddenRowStride: Int? = nil,
                        batchSize: Int, hiddenSize h: Int, units: Range<Int>? = nil, vectorized: Bool = true) {
        let units = units ?? 0 ..< h
        for b in 0 ..< batchSize {
            let inputGates = gates + b * 4 * h, forgetGates = inputGates + h
            let candidates = inputGates + 2 * h, outputGates = inputGates + 3 * h
            let previousCell = previousCell + b * h, cell = cell + b * h, cellTanh = cellTanh.map { $0 + b * h }
            let hidden = hidden + b * (hiddenRowStride ?? h)
            var j = units.lowerBound
            while vectorized && j + Vector.scalarCount <= units.upperBound {
                let inputGate = VectorizedMath.sigmoid(load(inputGates + j))
                let forgetGate = VectorizedMath.sigmoid(load(forgetGates + j))
                let candidate = VectorizedMath.tanh(load(candidates + j))
                let outputGate = VectorizedMath.sigmoid(load(outputGates + j))
                store(inputGate, inputGates + j)
                store(forgetGate, forgetGates + j)
                store(candidate, candidates + j)
                store(outputGate, outputGates + j)
                let c = forgetGate * load(previousCell + j) + inputGate * candidate
                let squashed = VectorizedMath.tanh(c)
                store(c, cell + j)
                if let cellTanh { store(squashed, cellTanh + j) }
                store(outputGate * squashed, hidden + j)
                j += Vector.scalarCount
            }
            for j in j ..< units.upperBound {
                let inputGate = Activation.sigmoid(inputGates[j])
                let forgetGate = Activation.sigmoid(forgetGates[j])
                let candidate = tanhf(candidates[j])
                let outputGate = Activation.sigmoid(outputGates[j])
                inputGates[j] = inputGate
                forgetGates[j] = forgetGate
                candidates[j] = candidate
                outputGates[j] = outputGate
                let c = forgetGate * previousCell[j] + inputGate * candidate
                let squashed = tanhf(c)
                cell[j] = c
                cellTanh?[j] = squashed
                hidden[j] = outputGate * squashed
            }
        }
    }

    /// The adjoint of `forward`. Reads the saved gates and `tanh(c)`, the gradient reaching the
    /// hidden state `hiddenGradient`, and in `cellGradient` the gradient reaching the cell from
    /// later steps; overwrites `gates` with the pre-activation gradients and `cellGradient` with the
    /// gradient for the previous cell. Only the hidden units in `units` are computed (all if nil).
    @inlinable
    static func backward(gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>,
                         cellTanh: UnsafePointer<Float>, hiddenGradient: UnsafePointer<Float>,
                         cellGradient: UnsafeMutablePointer<Float>, batchSize: Int, hiddenSize h: Int,
                         units: Range<Int>? = nil, vectorized: Bool = true) {
        let units = units ?? 0 ..< h
        for b in 0 ..< batchSize {
            let inputGates = gates + b * 4 * h, forgetGates = inputGates + h
            let candidates = inputGates + 2 * h, outputGates = inputGates + 3 * h
            let previousCell = previousCell + b * h, cellTanh = cellTanh + b * h
            let hiddenGradient = hiddenGradient + b * h, cellGradient = cellGradient + b * h
            var j = units.lowerBound
            while vectorized && j + Vector.scalarCount <= units.upperBound {
                let inputGate = load(inputGates + j), forgetGate = load(forgetGates + j)
                let candidate = load(candidates + j), outputGate = load(outputGates + j)
                let squashed = load(cellTanh + j), dh = load(hiddenGradient + j)
                let dc = load(cellGradient + j) + dh * outputGate * (1 - squashed * squashed)
                store(dc * forgetGate, cellGradient + j)
                store(dc * candidate * inputGate * (1 - inputGate), inputGates + j)
                store(dc * load(previousCell + j) * forgetGate * (1 - forgetGate), forgetGates + j)
                store(dc * inputGate * (1 - candidate * candidate), candidates + j)
                store(dh * squashed * outputGate * (1 - outputGate), outputGates + j)
                j += Vector.scalarCount
            }
            for j in j ..< units.upperBound {
                let inputGate = inputGates[j], forgetGate = forgetGates[j]
                let candidate = candidates[j], outputGate = outputGates[j]
                let squashed = cellTanh[j], dh = hiddenGradient[j]
                // The cell receives gradient from the next step and through h = o ⊙ tanh(c).
                let dc = cellGradient[j] + dh * outputGate * (1 - squashed * squashed)
                cellGradient[j] = dc * forgetGate
                // Each gate's gradient, times its activation's derivative written from the output.
                inputGates[j] = dc * candidate * inputGate * (1 - inputGate)
                forgetGates[j] = dc * previousCell[j] * forgetGate * (1 - forgetGate)
                candidates[j] = dc * inputGate * (1 - candidate * candidate)
                outputGates[j] = dh * squashed * outputGate * (1 - outputGate)
            }
        }
    }

    @inlinable @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector { VectorizedMath.load(pointer) }

    @inlinable @inline(__always)
    static func store(_ value: Vector, _ pointer: UnsafeMutablePointer<Float>) { VectorizedMath.store(value, pointer) }
}
