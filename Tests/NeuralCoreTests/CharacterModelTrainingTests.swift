import XCTest
@testable import NeuralCore

/// End to end: a tiny character-level LSTM language model learns to continue a repeating phrase,
/// and step-by-step inference then writes the phrase back.
final class CharacterModelTrainingTests: XCTestCase {
    func testTinyCharacterLSTMLearnsToRepeatAPhrase() {
        let phrase = Array("belamy sings. ")
        let vocabulary = Array(Set(phrase)).sorted()
        let id = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let text = (0 ..< 8).flatMap { _ in phrase.map { id[$0]! } }

        var generator = RandomGenerator(seed: 42)
        let embedding = Embedding(vocabularySize: vocabulary.count, dimensions: 8, generator: &generator)
        let lstm = LSTM(inputSize: 8, hiddenSize: 24, layerCount: 2, generator: &generator)
        let head = Linear(inputSize: 24, outputSize: vocabulary.count, generator: &generator)
        let optimizer = Adam(embedding.trainableVariables + lstm.trainableVariables + head.trainableVariables,
                             learningRate: 0.02)

        // Batches of windows at different offsets, time-major: row t holds step t of every window.
        let steps = 16, batchSize = 4
        var loss: Float = .infinity
        for iteration in 0 ..< 120 {
            let starts = (0 ..< batchSize).map { (iteration * 5 + $0 * 7) % (text.count - steps - 1) }
            let inputs = (0 ..< steps).flatMap { t in starts.map { text[$0 + t] } }
            let targets = (0 ..< steps).flatMap { t in starts.map { text[$0 + t + 1] } }
            optimizer.zeroGradients()
            let (output, _) = lstm(embedding(inputs, shape: [steps, batchSize]))
            // The output layer and the loss in one operation (the logits never become a tensor).
            let batchLoss = linearCrossEntropy(output.reshaped([steps * batchSize, 24]), weight: head.weight,
                                               bias: head.bias, targets: targets)
            batchLoss.backward()
            optimizer.step()
            loss = batchLoss.value.scalar
        }
        XCTAssertLessThan(loss, 0.05, "a phrase this short is learnt almost perfectly")

        // Greedy generation from "b": the model must write the phrase on its own.
        let inference = LSTMInference(lstm: lstm, input: .embedding(embedding), outputLayer: head)
        var state = inference.makeState()
        var token = id["b"]!, written = "b"
        for _ in 0 ..< 2 * phrase.count - 1 {
            inference.step(token: token, state: &state)
            token = state.logits.indices.max { state.logits[$0] < state.logits[$1] }!
            written.append(vocabulary[token])
        }
        XCTAssertEqual(written, String(phrase + phrase))
    }
}
