import XCTest
@testable import NeuralCore

/// The smallest whole training loop: a two-layer perceptron learns XOR with Adam, a warmup-cosine
/// schedule and gradient clipping, the way a craft's trainer drives them.
final class XORTrainingTests: XCTestCase {
    /// Linear → tanh → Linear, one logit out.
    private final class Perceptron: Module {
        let hidden: Linear
        let output: Linear
        var isTraining = true

        init(hiddenSize: Int, generator: inout RandomGenerator) {
            hidden = Linear(inputSize: 2, outputSize: hiddenSize, generator: &generator)
            output = Linear(inputSize: hiddenSize, outputSize: 1, generator: &generator)
        }

        var children: [(name: String, module: Module)] { [("hidden", hidden), ("output", output)] }

        func callAsFunction(_ x: Variable) -> Variable { output(hidden(x).tanh()) }
    }

    private let inputs = Variable(Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1]))
    private let targets = Tensor(shape: [4, 1], scalars: [0, 1, 1, 0])

    /// Trains from `seed` and returns the loss at every step and the final weights.
    private func train(seed: UInt64, steps: Int = 300) -> (losses: [Float], weights: [String: Tensor]) {
        var generator = RandomGenerator(seed: seed)
        let model = Perceptron(hiddenSize: 8, generator: &generator)
        let optimizer = Adam(model.trainableVariables, learningRate: 0)
        let schedule = LearningRateSchedule.cosine(peak: 0.05, minimum: 0.005, totalSteps: steps, warmupSteps: 10)
        var losses: [Float] = []
        for step in 0 ..< steps {
            optimizer.zeroGradients()
            let loss = binaryCrossEntropyWithLogits(logits: model(inputs), targets: targets)
            loss.backward()
            clipGradientNorm(optimizer.variables, maxNorm: 1)
            optimizer.learningRate = schedule.learningRate(atStep: step)
            optimizer.step()
            losses.append(loss.value.scalar)
        }
        return (losses, model.stateDictionary())
    }

    func testLearnsXOR() {
        let run = train(seed: 1)
        XCTAssertGreaterThan(run.losses[0], 0.5, "an untrained network cannot know XOR")
        XCTAssertLessThan(run.losses.last!, 0.05)
    }

    func testTrainingIsDeterministicPerSeed() {
        let first = train(seed: 2, steps: 20), again = train(seed: 2, steps: 20), other = train(seed: 3, steps: 20)
        XCTAssertEqual(first.losses, again.losses)
        XCTAssertEqual(first.weights, again.weights)
        XCTAssertNotEqual(first.weights, other.weights)
    }
}
