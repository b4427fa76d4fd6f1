import Foundation

/// The element-wise half of one LSTM time step, fused into a single sweep over memory.
///
/// The matrix products (`x·W_ihᵀ + h·W_hhᵀ + biases`) have already been accumulated into a row of
/// pre-activations per batch element, laid out as PyTorch does: `[i | f | g | o]`, each block
/// `hiddenSize` wide. What is left is cheap arithmetic over a few arrays, so it is bandwidth-bound:
/// one pass that reads each value once beats a chain of separate sigmoid, tanh and multiply ops.
enum LSTMCell {
    /// Turns pre-activations into gates (in place) and advances the cell and hidden state:
    ///
    ///     i = σ(i), f = σ(f), g = tanh(g), o = σ(o)
    ///     c = f ⊙ c_prev + i ⊙ g
    ///     h = o ⊙ tanh(c)
    ///
    /// `previousCell` may equal `cell` (inference updates the state in place). `cellTanh`, when
    /// given, keeps `tanh(c)` for the backward pass. Row `b` of the hidden state is written at
    /// `hidden + b · hiddenRowStride` (inference keeps it inside a wider row).
    @inlinable
    static func forward(gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>,
                        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>?,
                        hidden: UnsafeMutablePointer<Float>, hiddenRowStride: Int? = nil,
                        batchSize: Int, hiddenSize: Int) {
        let h = hiddenSize
        for b in 0 ..< batchSize {
            let row = gates + b * 4 * h, offset = b * h
            let hiddenRow = hidden + b * (hiddenRowStride ?? h)
            for j in 0 ..< h {
                let inputGate = Activation.sigmoid(row[j])
                let forgetGate = Activation.sigmoid(row[h + j])
                let candidate = tanhf(row[2 * h + j])
                let outputGate = Activation.sigmoid(row[3 * h + j])
                row[j] = inputGate
                row[h + j] = forgetGate
                row[2 * h + j] = candidate
                row[3 * h + j] = outputGate
                let c = forgetGate * previousCell[offset + j] + inputGate * candidate
                let squashed = tanhf(c)
                cell[offset + j] = c
                cellTanh?[offset + j] = squashed
                hiddenRow[j] = outputGate * squashed
            }
        }
    }

    /// The adjoint of `forward`. Reads the saved gates and `tanh(c)`, the gradient reaching the
    /// hidden state `hiddenGradient`, and in `cellGradient` the gradient reaching the cell from
    /// later steps; overwrites `gates` with the pre-activation gradients and `cellGradient` with the
    /// gradient for the previous cell.
    @inlinable
    static func backward(gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>,
                         cellTanh: UnsafePointer<Float>, hiddenGradient: UnsafePointer<Float>,
                         cellGradient: UnsafeMutablePointer<Float>, batchSize: Int, hiddenSize: Int) {
        let h = hiddenSize
        for b in 0 ..< batchSize {
            let row = gates + b * 4 * h, offset = b * h
            for j in 0 ..< h {
                let inputGate = row[j], forgetGate = row[h + j]
                let candidate = row[2 * h + j], outputGate = row[3 * h + j]
                let squashed = cellTanh[offset + j], dh = hiddenGradient[offset + j]
                // The cell receives gradient from the next step and through h = o ⊙ tanh(c).
                let dc = cellGradient[offset + j] + dh * outputGate * (1 - squashed * squashed)
                cellGradient[offset + j] = dc * forgetGate
                // Each gate's gradient, times its activation's derivative written from the output.
                row[j] = dc * candidate * inputGate * (1 - inputGate)
                row[h + j] = dc * previousCell[offset + j] * forgetGate * (1 - forgetGate)
                row[2 * h + j] = dc * inputGate * (1 - candidate * candidate)
                row[3 * h + j] = dh * squashed * outputGate * (1 - outputGate)
            }
        }
    }
}
