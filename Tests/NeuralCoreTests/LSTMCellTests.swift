import XCTest
@testable import NeuralCore

/// The vectorised LSTM cell kernels against their scalar reference.
final class LSTMCellTests: XCTestCase {
    /// Hidden size 21 = two vectors of eight plus a scalar tail, so both paths run in one row.
    let batchSize = 3, hiddenSize = 21

    private func random(_ count: Int, seed: UInt64, scale: Float = 3) -> [Float] {
        var generator = RandomGenerator(seed: seed)
        return (0 ..< count).map { _ in scale * (2 * generator.uniform() - 1) }
    }

    private func assertClose(_ a: [Float], _ b: [Float], file: StaticString = #filePath, line: UInt = #line) {
        for (x, y) in zip(a, b) where abs(x - y) > 1e-6 * max(1, abs(y)) {
            return XCTFail("vectorised \(x), reference \(y)", file: file, line: line)
        }
    }

    func testVectorizedForwardAndBackwardMatchTheReference() {
        let stateSize = batchSize * hiddenSize
        let preactivations = random(4 * stateSize, seed: 1), previousCell = random(stateSize, seed: 2)
        let hiddenGradient = random(stateSize, seed: 3), laterCellGradient = random(stateSize, seed: 4)
        var results: [[[Float]]] = []
        for vectorized in [true, false] {
            var gates = preactivations, cell = [Float](repeating: 0, count: stateSize)
            var cellTanh = cell, hidden = cell, cellGradient = laterCellGradient
            LSTMCell.forward(gates: &gates, previousCell: previousCell, cell: &cell, cellTanh: &cellTanh,
                             hidden: &hidden, batchSize: batchSize, hiddenSize: hiddenSize, vectorized: vectorized)
            let activations = gates
            LSTMCell.backward(gates: &gates, previousCell: previousCell, cellTanh: cellTanh,
                              hiddenGradient: hiddenGradient, cellGradient: &cellGradient,
                              batchSize: batchSize, hiddenSize: hiddenSize, vectorized: vectorized)
            results.append([activations, cell, cellTanh, hidden, gates, cellGradient])
        }
        for (vectorized, reference) in zip(results[0], results[1]) { assertClose(vectorized, reference) }
    }
}
