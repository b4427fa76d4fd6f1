import XCTest
@testable import NeuralCore

/// The sequence-model operations against PyTorch, on the fixtures written by
/// Tests/Fixtures/fixtures_sequence.py: the same inputs and weights (loaded by their PyTorch
/// names) must give the same outputs and gradients.
final class SequenceParityTests: XCTestCase {
    func testEmbeddingMatchesPyTorch() throws {
        let fixture = try loadFixture("sequence_embedding").tensors
        var generator = RandomGenerator(seed: 0)
        let table = fixture["weight"]!
        let layer = Embedding(vocabularySize: table.shape[0], dimensions: table.shape[1], generator: &generator)
        try layer.loadStateDictionary(["weight": table])
        let indices = fixture["indices"]!
        let y = layer(indices.scalars.map { Int($0) }, shape: indices.shape)
        y.backward(seed: fixture["grad_output"]!)
        assertClose(y.value, fixture["output"]!, "output")
        assertClose(layer.weight.grad!, fixture["grad_weight"]!, "grad_weight")
    }

    func testTwoLayerLSTMWithInitialStateMatchesPyTorch() throws {
        let fixture = try loadFixture("sequence_lstm").tensors
        let input = Variable(fixture["input"]!, requiresGrad: true)
        let layerCount = fixture["h0"]!.shape[0], hiddenSize = fixture["h0"]!.shape[2]
        var generator = RandomGenerator(seed: 0)
        let lstm = LSTM(inputSize: input.shape[2], hiddenSize: hiddenSize, layerCount: layerCount, generator: &generator)
        try lstm.loadStateDictionary(fixture.filter { lstm.stateDictionary()[$0.key] != nil })
        // PyTorch stacks the per-layer states as [layers, batch, hidden].
        let initialState: [LSTM.LayerState] = (0 ..< layerCount).map { layer in
            (Variable(fixture["h0"]![layer], requiresGrad: true), Variable(fixture["c0"]![layer], requiresGrad: true))
        }
        let (output, finalState) = lstm(input, initialState: initialState)

        // One backward pass from all three results, each weighted by its fixed upstream gradient.
        var loss = (output * Variable(fixture["grad_output"]!)).sum()
        for (layer, state) in finalState.enumerated() {
            loss = loss + (state.hidden * Variable(fixture["grad_h_n"]![layer])).sum()
                + (state.cell * Variable(fixture["grad_c_n"]![layer])).sum()
        }
        loss.backward()

        assertClose(output.value, fixture["output"]!, "output")
        assertClose(Tensor.stacked(finalState.map(\.hidden.value)), fixture["h_n"]!, "h_n")
        assertClose(Tensor.stacked(finalState.map(\.cell.value)), fixture["c_n"]!, "c_n")
        assertClose(input.grad!, fixture["grad_input"]!, "grad_input")
        assertClose(Tensor.stacked(initialState.map { $0.hidden.grad! }), fixture["grad_h0"]!, "grad_h0")
        assertClose(Tensor.stacked(initialState.map { $0.cell.grad! }), fixture["grad_c0"]!, "grad_c0")
        for (name, parameter) in lstm.namedParameters() {
            assertClose(parameter.grad!, fixture["grad_\(name)"]!, "grad_\(name)")
        }
    }

    func testLayerNormMatchesPyTorch() throws {
        let fixture = try loadFixture("sequence_layer_norm").tensors
        let layer = LayerNorm(features: fixture["weight"]!.count)
        try layer.loadStateDictionary(["weight": fixture["weight"]!, "bias": fixture["bias"]!])
        let x = Variable(fixture["input"]!, requiresGrad: true)
        let y = layer(x)
        y.backward(seed: fixture["grad_output"]!)
        assertClose(y.value, fixture["output"]!, "output")
        assertClose(x.grad!, fixture["grad_input"]!, "grad_input")
        assertClose(layer.weight.grad!, fixture["grad_weight"]!, "grad_weight")
        assertClose(layer.bias.grad!, fixture["grad_bias"]!, "grad_bias")
    }

    func testSoftmaxAndLogSoftmaxMatchPyTorch() throws {
        for (name, operation) in [("softmax", { (x: Variable) in x.softmax() }),
                                  ("log_softmax", { (x: Variable) in x.logSoftmax() })] {
            let fixture = try loadFixture("sequence_\(name)").tensors
            let x = Variable(fixture["input"]!, requiresGrad: true)
            let y = operation(x)
            y.backward(seed: fixture["grad_output"]!)
            assertClose(y.value, fixture["output"]!, "\(name) output")
            assertClose(x.grad!, fixture["grad_input"]!, "\(name) grad_input")
        }
    }

    func testCrossEntropyWithIgnoredTargetsMatchesPyTorch() throws {
        let fixture = try loadFixture("sequence_cross_entropy").tensors
        let logits = Variable(fixture["input"]!, requiresGrad: true)
        let loss = crossEntropy(logits: logits, targets: fixture["target"]!.scalars.map { Int($0) }, ignoreIndex: -100)
        loss.backward(seed: fixture["grad_output"]!)
        assertClose(loss.value, fixture["output"]!, "output")
        assertClose(logits.grad!, fixture["grad_input"]!, "grad_input")
    }

    func testBinaryCrossEntropyWithLogitsMatchesPyTorch() throws {
        let fixture = try loadFixture("sequence_bce_with_logits").tensors
        let logits = Variable(fixture["input"]!, requiresGrad: true)
        let loss = binaryCrossEntropyWithLogits(logits: logits, targets: fixture["target"]!)
        loss.backward(seed: fixture["grad_output"]!)
        assertClose(loss.value, fixture["output"]!, "output")
        assertClose(logits.grad!, fixture["grad_input"]!, "grad_input")
    }

    /// Equal shapes and every element within 1e-4 of the expected tensor's largest magnitude.
    private func assertClose(_ actual: Tensor, _ expected: Tensor, _ what: String, line: UInt = #line) {
        XCTAssertEqual(actual.shape, expected.shape, what, line: line)
        let scale = max(expected.scalars.map(abs).max() ?? 0, 1e-6)
        let worst = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst / scale, 1e-4, "\(what): largest difference \(worst) at scale \(scale)", line: line)
    }
}
