import Foundation
import NeuralCore

/// `belamy demo`: the main job behind the README's first command.
///
/// Until the crafts ship their models, the demo is a smoke run of the neural core: a small
/// network learns XOR, and the loss is printed as it falls.
enum DemoCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "demo", summary: "show the neural core learning (XOR) until the crafts' models ship", usage: "[options]",
        discussion: "Trains a 2-8-1 tanh network on XOR with Adam and prints the loss every 100 steps.",
        options: [.seed, .quiet], examples: ["belamy demo", "belamy demo --seed 2018"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        let seed = try options.seed()
        var generator = RandomGenerator(seed: seed)
        let hidden = Linear(inputSize: 2, outputSize: 8, generator: &generator)
        let output = Linear(inputSize: 8, outputSize: 1, generator: &generator)
        let optimizer = Adam(hidden.trainableVariables + output.trainableVariables, learningRate: 0.05)
        let inputs = Variable(Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1]))
        let targets = Tensor(shape: [4], scalars: [0, 1, 1, 0])

        Terminal.note("belamy demo (seed \(seed)): a 2-8-1 network learns XOR")
        var loss = Float.infinity
        for step in 1 ... 500 {
            optimizer.zeroGradients()
            let logits = output(hidden(inputs).tanh()).reshaped([4])
            let lossVariable = binaryCrossEntropyWithLogits(logits: logits, targets: targets)
            lossVariable.backward()
            optimizer.step()
            loss = lossVariable.value.scalar
            if step % 100 == 0 { print(String(format: "step %3d  loss %.4f", step, loss)) }
        }
        let predictions = withoutGradients { output(hidden(inputs).tanh()) }.value.scalars.map { $0 > 0 ? 1 : 0 }
        print("XOR of 00 01 10 11 → \(predictions.map(String.init).joined(separator: " "))")
    }
}
