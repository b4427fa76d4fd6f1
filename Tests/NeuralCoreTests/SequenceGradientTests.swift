import XCTest
@testable import NeuralCore

/// Finite-difference checks of the sequence-model operations' backward passes.
final class SequenceGradientTests: XCTestCase {
    func testEmbeddingScatterAddsRepeatedRows() {
        let table = randomVariable([5, 3], seed: 1)
        // Index 2 appears twice, so its row must receive the sum of both gradients.
        let indices = [2, 0, 4, 2, 1, 2]
        assertGradientsMatchFiniteDifferences([table]) { v in embedding(indices, shape: [3, 2], table: v[0]) }
        let y = embedding(indices, shape: [3, 2], table: table)
        XCTAssertEqual(y.shape, [3, 2, 3])
        XCTAssertEqual(Array(y.value.scalars[0 ..< 3]), Array(table.value.scalars[6 ..< 9]))
    }

    func testLSTMSequenceWithInitialState() {
        let steps = 3, batch = 2, inputSize = 3, hidden = 4
        let x = randomVariable([steps, batch, inputSize], seed: 2)
        let weightIH = randomVariable([4 * hidden, inputSize], seed: 3)
        let weightHH = randomVariable([4 * hidden, hidden], seed: 4)
        let biasIH = randomVariable([4 * hidden], seed: 5), biasHH = randomVariable([4 * hidden], seed: 6)
        let h0 = randomVariable([batch, hidden], seed: 7), c0 = randomVariable([batch, hidden], seed: 8)
        // Every result (all outputs, final hidden, final cell) contributes to the checked loss.
        assertGradientsMatchFiniteDifferences([x, weightIH, weightHH, biasIH, biasHH, h0, c0]) { v in
            let r = lstm(v[0], weightIH: v[1], weightHH: v[2], biasIH: v[3], biasHH: v[4],
                         initialHidden: v[5], initialCell: v[6])
            return Variable.concatenate([r.output.reshaped([-1]), r.hidden.reshaped([-1]), r.cell.reshaped([-1])],
                                        alongAxis: 0)
        }
        // Without an initial state, and with only the outputs used.
        assertGradientsMatchFiniteDifferences([x, weightIH, weightHH, biasIH, biasHH]) { v in
            lstm(v[0], weightIH: v[1], weightHH: v[2], biasIH: v[3], biasHH: v[4]).output
        }
    }

    /// Threads share each time step by hidden units (`LSTMRecurrence`); the results must not
    /// depend on how many there are. (This size is the smallest that is shared at all.)
    func testLSTMSequenceDoesNotDependOnHowManyThreadsShareAStep() {
        let savedThreadCount = Parallel.threadCount
        defer { Parallel.threadCount = savedThreadCount }
        let steps = 5, batch = 8, inputSize = 6, hidden = 128
        let values = [[steps, batch, inputSize], [4 * hidden, inputSize], [4 * hidden, hidden], [4 * hidden], [4 * hidden],
                      [batch, hidden], [batch, hidden]].enumerated().map { randomVariable($1, seed: 20 + UInt64($0)).value }
        let outputGradient = randomVariable([steps * batch * hidden + 2 * batch * hidden], seed: 30)
        func results() -> [Tensor] {
            let v = values.map { Variable($0, requiresGrad: true) }
            let r = lstm(v[0], weightIH: v[1], weightHH: v[2], biasIH: v[3], biasHH: v[4], initialHidden: v[5], initialCell: v[6])
            let all = Variable.concatenate([r.output.reshaped([-1]), r.hidden.reshaped([-1]), r.cell.reshaped([-1])], alongAxis: 0)
            (all * outputGradient).sum().backward()
            return [all.value] + v.map { $0.grad! }
        }
        Parallel.threadCount = 1
        let reference = results()
        for threads in [2, 3] {
            Parallel.threadCount = threads
            XCTAssertEqual(LSTMRecurrence(batchSize: batch, hiddenSize: hidden).parts, threads)
            for (result, expected) in zip(results(), reference) {
                let difference = zip(result.scalars, expected.scalars).map { abs($0 - $1) }.max()!
                XCTAssertLessThan(difference, 1e-4, "\(threads) threads")
            }
        }
    }

    func testLSTMFinalHiddenIsTheLastOutput() {
        let x = randomVariable([4, 2, 3], seed: 9)
        let r = lstm(x, weightIH: randomVariable([8, 3], seed: 10), weightHH: randomVariable([8, 2], seed: 11),
                     biasIH: randomVariable([8], seed: 12), biasHH: randomVariable([8], seed: 13))
        XCTAssertEqual(r.output.shape, [4, 2, 2])
        XCTAssertEqual(r.hidden.value.scalars, r.output.value[3].scalars)
    }

    func testSoftmaxAndLogSoftmax() {
        // 13 classes: one vector of eight plus a scalar tail in the vectorised kernels.
        let x = randomVariable([3, 13], seed: 14)
        assertGradientsMatchFiniteDifferences([x]) { $0[0].softmax() }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].logSoftmax() }
        let rowSums = x.softmax().value.sum(alongAxis: 1)
        for sum in rowSums.scalars { XCTAssertEqual(sum, 1, accuracy: 1e-6) }
    }

    func testSoftmaxIsStableForHugeLogits() {
        let x = Variable(Tensor(shape: [1, 3], scalars: [1000, 999, -1000]))
        let y = x.softmax().value.scalars, logY = x.logSoftmax().value.scalars
        XCTAssertEqual(y[0], 1 / (1 + expf(-1)), accuracy: 1e-6)
        XCTAssertEqual(logY[2], -2000 - logf(1 + expf(-1)), accuracy: 1e-3)
    }

    func testCrossEntropyIgnoresPaddingRows() {
        let logits = randomVariable([4, 11], seed: 15)
        let targets = [1, -100, 4, 0]
        assertGradientsMatchFiniteDifferences([logits]) { v in
            crossEntropy(logits: v[0], targets: targets, ignoreIndex: -100)
        }
        // Equal to the mean negative log-likelihood of the three counted rows.
        let logProbabilities = logits.logSoftmax().value
        let expected = -(logProbabilities.scalars[1] + logProbabilities.scalars[26] + logProbabilities.scalars[33]) / 3
        XCTAssertEqual(crossEntropy(logits: logits, targets: targets, ignoreIndex: -100).value.scalar,
                       expected, accuracy: 1e-5)
    }

    func testLinearCrossEntropyEqualsLinearThenCrossEntropy() {
        let x = randomVariable([5, 4], seed: 23), weight = randomVariable([11, 4], seed: 24)
        let bias = randomVariable([11], seed: 25)
        let targets = [3, 10, -1, 0, 7]
        assertGradientsMatchFiniteDifferences([x, weight, bias]) { v in
            linearCrossEntropy(v[0], weight: v[1], bias: v[2], targets: targets, ignoreIndex: -1)
        }
        // The fused operation is the composition, value and gradients.
        for variable in [x, weight, bias] { variable.grad = nil }
        let fused = linearCrossEntropy(x, weight: weight, bias: bias, targets: targets, ignoreIndex: -1)
        fused.backward()
        let fusedGradients = [x, weight, bias].map { $0.grad! }
        for variable in [x, weight, bias] { variable.grad = nil }
        let composed = crossEntropy(logits: linear(x, weight: weight, bias: bias), targets: targets, ignoreIndex: -1)
        composed.backward()
        XCTAssertEqual(fused.value.scalar, composed.value.scalar, accuracy: 1e-6)
        for (fusedGradient, variable) in zip(fusedGradients, [x, weight, bias]) {
            for (a, b) in zip(fusedGradient.scalars, variable.grad!.scalars) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        }
        // Without a bias.
        assertGradientsMatchFiniteDifferences([x, weight]) { v in
            linearCrossEntropy(v[0], weight: v[1], bias: nil, targets: targets, ignoreIndex: -1)
        }
    }

    func testBinaryCrossEntropyWithLogits() {
        let logits = randomVariable([3, 4], seed: 16)
        let targets = Tensor(shape: [3, 4], scalars: (0 ..< 12).map { Float($0 % 3) / 2 })
        assertGradientsMatchFiniteDifferences([logits]) { v in binaryCrossEntropyWithLogits(logits: v[0], targets: targets) }
        // A confident, correct logit costs almost nothing and must not produce inf or NaN.
        let confident = binaryCrossEntropyWithLogits(logits: Variable(Tensor(shape: [2], scalars: [200, -200])),
                                                     targets: Tensor(shape: [2], scalars: [1, 0]))
        XCTAssertEqual(confident.value.scalar, 0, accuracy: 1e-6)
    }

    func testLayerNorm() {
        let x = randomVariable([3, 2, 5], seed: 17)
        let weight = randomVariable([5], seed: 18), bias = randomVariable([5], seed: 19)
        assertGradientsMatchFiniteDifferences([x, weight, bias]) { v in layerNorm(v[0], weight: v[1], bias: v[2]) }
        assertGradientsMatchFiniteDifferences([x]) { v in layerNorm(v[0], weight: nil, bias: nil) }
    }

    func testDropoutScalesSurvivorsAndPassesTheirGradient() {
        let x = randomVariable([6, 50], seed: 20)
        assertGradientsMatchFiniteDifferences([x]) { v in
            var generator = RandomGenerator(seed: 21)  // the same mask on every evaluation
            return v[0].dropout(probability: 0.3, generator: &generator)
        }
        var generator = RandomGenerator(seed: 22)
        let y = x.dropout(probability: 0.3, generator: &generator).value.scalars
        let dropped = y.filter { $0 == 0 }.count
        XCTAssertEqual(Float(dropped) / Float(y.count), 0.3, accuracy: 0.08)
        for (out, original) in zip(y, x.value.scalars) where out != 0 {
            XCTAssertEqual(out, original / 0.7, accuracy: 1e-6)
        }
    }
}
