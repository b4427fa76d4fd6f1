import XCTest
@testable import NeuralCore

/// The sequence-model layers: stacked LSTM, embedding, layer norm, dropout, and step-by-step inference.
final class RecurrentLayerTests: XCTestCase {
    func testParameterNamesFollowPyTorch() {
        var generator = RandomGenerator(seed: 1)
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, generator: &generator)
        XCTAssertEqual(lstm.namedParameters().map(\.name),
                       ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                        "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"])
        XCTAssertEqual(lstm.layers[1].weightIH.shape, [16, 4])
        // PyTorch's initialisation: U(−1/√hidden, 1/√hidden) = U(−0.5, 0.5) here.
        let all = lstm.trainableVariables.flatMap(\.value.scalars)
        XCTAssertLessThanOrEqual(all.map(abs).max()!, 0.5)
        XCTAssertGreaterThan(all.map(abs).max()!, 0.4)
    }

    func testStackedLSTMGradientsWithInitialState() {
        var generator = RandomGenerator(seed: 2)
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, layerCount: 2, generator: &generator)
        let x = randomVariable([3, 2, 3], seed: 3)
        let state: [LSTM.LayerState] = (0 ..< 2).map { layer in
            (randomVariable([2, 4], seed: 10 + UInt64(layer)), randomVariable([2, 4], seed: 20 + UInt64(layer)))
        }
        let inputs = [x] + lstm.trainableVariables + state.flatMap { [$0.hidden, $0.cell] }
        assertGradientsMatchFiniteDifferences(inputs) { _ in
            let (output, final) = lstm(x, initialState: state)
            return Variable.concatenate([output.reshaped([-1])] + final.flatMap { [$0.hidden.reshaped([-1]), $0.cell.reshaped([-1])] },
                                        alongAxis: 0)
        }
    }

    func testLSTMDropsOutBetweenLayersOnlyWhileTraining() {
        var generator = RandomGenerator(seed: 4)
        let lstm = LSTM(inputSize: 3, hiddenSize: 5, layerCount: 2, dropoutProbability: 0.5, generator: &generator)
        let x = randomVariable([4, 2, 3], seed: 5)
        let first = lstm(x).output.value, second = lstm(x).output.value
        XCTAssertNotEqual(first, second, "fresh dropout masks on every call in training")
        lstm.setTraining(false)
        XCTAssertEqual(lstm(x).output.value, lstm(x).output.value)
    }

    func testEmbeddingLayerNormAndDropoutLayers() {
        var generator = RandomGenerator(seed: 6)
        let embedding = Embedding(vocabularySize: 7, dimensions: 4, generator: &generator)
        let vectors = embedding([3, 1, 3], shape: [3])
        XCTAssertEqual(vectors.shape, [3, 4])
        XCTAssertEqual(vectors.value[0], vectors.value[2])

        let norm = LayerNorm(features: 4)
        let normalized = norm(vectors).value
        for row in 0 ..< 3 {
            let values = normalized[row].scalars
            XCTAssertEqual(values.reduce(0, +) / 4, 0, accuracy: 1e-5)
            XCTAssertEqual(values.map { $0 * $0 }.reduce(0, +) / 4, 1, accuracy: 1e-3)
        }

        let dropout = Dropout(probability: 0.5, generator: &generator)
        XCTAssertNotEqual(dropout(vectors).value, vectors.value)
        dropout.setTraining(false)
        XCTAssertEqual(dropout(vectors).value, vectors.value)
    }

    /// Step-by-step inference must reproduce the whole-sequence operation, for every input kind.
    func testInferenceStepsMatchTheSequenceOperation() {
        var generator = RandomGenerator(seed: 7)
        let vocabularySize = 6, steps = 5, batch = 3
        let embedding = Embedding(vocabularySize: vocabularySize, dimensions: 4, generator: &generator)
        // Hidden size 10 runs both the vectorised and the scalar tail of the cell kernel.
        let lstm = LSTM(inputSize: 4, hiddenSize: 10, layerCount: 2, generator: &generator)
        let head = Linear(inputSize: 10, outputSize: vocabularySize, generator: &generator)
        let tokens = (0 ..< steps * batch).map { _ in generator.integer(below: vocabularySize) }
        let expected = head(lstm(embedding(tokens, shape: [steps, batch])).output.reshaped([steps * batch, 10])).value

        let inference = LSTMInference(lstm: lstm, input: .embedding(embedding), outputLayer: head)
        var state = inference.makeState(batchSize: batch)
        var streams = (0 ..< batch).map { _ in inference.makeState() }  // the batch-1 (sgemv) path
        for t in 0 ..< steps {
            let stepTokens = Array(tokens[t * batch ..< (t + 1) * batch])
            inference.step(tokens: stepTokens, state: &state)
            assertClose(state.logits, Array(expected.scalars[t * batch * vocabularySize ..< (t + 1) * batch * vocabularySize]))
            for b in 0 ..< batch {
                inference.step(token: stepTokens[b], state: &streams[b])
                let row = (t * batch + b) * vocabularySize
                assertClose(streams[b].logits, Array(expected.scalars[row ..< row + vocabularySize]))
            }
        }

        // Dense input without an output layer: the states themselves.
        let x = randomVariable([steps, batch, 4], seed: 8)
        let (output, final) = lstm(x)
        let dense = LSTMInference(lstm: lstm)
        var denseState = dense.makeState(batchSize: batch)
        for t in 0 ..< steps { dense.step(x.value[t].scalars, state: &denseState) }
        assertClose(denseState.hidden(layer: 1).scalars, output.value[steps - 1].scalars)
        assertClose(denseState.cell(layer: 0).scalars, final[0].cell.value.scalars)
    }

    func testOneHotInferenceMatchesOneHotSequence() {
        var generator = RandomGenerator(seed: 9)
        let vocabularySize = 5, steps = 4
        let lstm = LSTM(inputSize: vocabularySize, hiddenSize: 3, layerCount: 2, generator: &generator)
        let tokens = [4, 0, 2, 2]
        var oneHot = Tensor(zeros: [steps, 1, vocabularySize])
        for (t, token) in tokens.enumerated() { oneHot.scalars[t * vocabularySize + token] = 1 }
        let expected = lstm(Variable(oneHot)).output.value

        let inference = LSTMInference(lstm: lstm, input: .oneHot)
        var state = inference.makeState()
        for (t, token) in tokens.enumerated() {
            inference.step(token: token, state: &state)
            assertClose(state.hidden(layer: 1).scalars, expected[t].scalars)
        }
    }

    private func assertClose(_ actual: [Float], _ expected: [Float], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) where abs(a - e) > 1e-5 + 1e-5 * abs(e) {
            XCTFail("\(a) differs from \(e)", file: file, line: line)
            return
        }
    }
}
