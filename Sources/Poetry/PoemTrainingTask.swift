import AtomicWrite
import Foundation
import NeuralCore

/// Trains a poem model under the shared `Trainer`: Adam with warmup and cosine decay, gradients
/// clipped by global norm, truncated BPTT with the LSTM state carried from window to window,
/// validation in bits per character on the held-out poems, and a freely written poem as preview.
public final class PoemTrainingTask: TrainingTask {
    /// The model being trained (its weights change in place).
    public let model: PoemModel
    private let optimizer: Adam
    private let schedule: LearningRateSchedule
    private let batches: PoemBatchStream
    /// The validation text as tokens, after a poem end (as the training streams begin).
    private let validationTokens: [Int]
    private var carriedState: [LSTM.LayerState]?

    public var itemsPerStep: Int { batches.batchSize * batches.sequenceLength }
    public let itemName = "chars"

    /// A task training `model` on `training`, validating on `validation`, over `totalSteps` steps.
    public init(model: PoemModel, training: PoemCorpus, validation: PoemCorpus, totalSteps: Int) {
        let configuration = model.configuration
        self.model = model
        optimizer = Adam(model.network.trainableVariables, learningRate: configuration.learningRate)
        schedule = totalSteps > configuration.warmupSteps
            ? .cosine(peak: configuration.learningRate, minimum: configuration.finalLearningRate,
                      totalSteps: totalSteps, warmupSteps: configuration.warmupSteps)
            : .constant(configuration.learningRate)
        batches = PoemBatchStream(corpus: training, vocabulary: model.vocabulary,
                                  batchSize: configuration.batchSize, sequenceLength: configuration.sequenceLength)
        let newline = model.vocabulary.token(for: "\n") ?? CharacterVocabulary.unknownToken
        validationTokens = Array(([newline] + model.vocabulary.encode(validation.stream))
            .prefix(configuration.validationCharacterLimit + 1))
    }

    public func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric] {
        let network = model.network
        network.setTraining(true)
        network.reseedDropout(from: &generator)
        let (inputs, targets) = batches.nextBatch(generator: &generator)
        let (logits, state) = network(inputs, time: batches.sequenceLength, batch: batches.batchSize,
                                      initialState: carriedState)
        let loss = crossEntropy(logits: logits, targets: targets)
        optimizer.zeroGradients()
        loss.backward()
        clipGradientNorm(optimizer.variables, maxNorm: model.configuration.gradientClipNorm)
        optimizer.learningRate = schedule.learningRate(atStep: step)
        optimizer.step()
        // The state goes on to the next window, but the gradient stops here (truncated BPTT).
        carriedState = state.map { (Variable($0.hidden.value), Variable($0.cell.value)) }
        network.setTraining(false)
        return [Metric("bpc", Double(loss.value.scalar) / log(2))]
    }

    /// Bits per character on the validation text: `val_bpc`.
    public func validate() -> [Metric] {
        [Metric("val_bpc", Self.bitsPerCharacter(of: model.network, on: validationTokens,
                                                 sequenceLength: model.configuration.sequenceLength))]
    }

    /// The model's cross-entropy in bits per character predicting `tokens[1...]` from what precedes
    /// each, read as up to 16 consecutive segments side by side with the state carried along.
    public static func bitsPerCharacter(of network: CharacterLanguageModel, on tokens: [Int], sequenceLength: Int) -> Double {
        guard tokens.count > 1 else { return .nan }
        let segmentCount = min(16, tokens.count - 1)
        let segmentLength = (tokens.count - 1) / segmentCount
        network.setTraining(false)
        return withoutGradients {
            var state: [LSTM.LayerState]?
            var totalNats = 0.0
            for windowStart in stride(from: 0, to: segmentLength, by: sequenceLength) {
                let time = min(sequenceLength, segmentLength - windowStart)
                var inputs = [Int](repeating: 0, count: time * segmentCount), targets = inputs
                for t in 0 ..< time {
                    for segment in 0 ..< segmentCount {
                        let position = segment * segmentLength + windowStart + t
                        inputs[t * segmentCount + segment] = tokens[position]
                        targets[t * segmentCount + segment] = tokens[position + 1]
                    }
                }
                let (logits, newState) = network(inputs, time: time, batch: segmentCount, initialState: state)
                totalNats += Double(crossEntropy(logits: logits, targets: targets).value.scalar) * Double(time * segmentCount)
                state = newState
            }
            return totalNats / Double(segmentLength * segmentCount) / log(2)
        }
    }

    /// Writes `preview-<step>.txt`: a poem the model writes freely at this point.
    public func writePreview(step: Int, to directory: URL) throws {
        let poem = PoemWriter(model: model).freeVerse(seed: UInt64(step))
        try AtomicFile.write(Data((poem + "\n").utf8), to: directory.appendingPathComponent("preview-\(step).txt"))
    }

    public func checkpointTensors() -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in model.network.stateDictionary() { tensors["model." + name] = tensor }
        for (name, tensor) in optimizer.stateDictionary() { tensors["optimizer." + name] = tensor }
        tensors["data.cursors"] = batches.state
        for (layer, state) in (carriedState ?? []).enumerated() {
            tensors["data.hidden.\(layer)"] = state.hidden.value
            tensors["data.cell.\(layer)"] = state.cell.value
        }
        return tensors
    }

    public func restore(from tensors: [String: Tensor]) throws {
        func group(_ prefix: String) -> [String: Tensor] {
            Dictionary(uniqueKeysWithValues: tensors.filter { $0.key.hasPrefix(prefix) }
                .map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        }
        try model.network.loadStateDictionary(group("model."))
        try optimizer.loadStateDictionary(group("optimizer."))
        guard let cursors = tensors["data.cursors"] else { throw PoemError.damagedCheckpoint("it has no batch stream state") }
        try batches.restore(cursors)
        let layers = model.configuration.layerCount
        if let hidden = tensors["data.hidden.0"] {
            guard hidden.shape == [batches.batchSize, model.configuration.hiddenSize] else {
                throw PoemError.damagedCheckpoint("its carried LSTM state has shape \(hidden.shape)")
            }
            carriedState = try (0 ..< layers).map { layer in
                guard let hidden = tensors["data.hidden.\(layer)"], let cell = tensors["data.cell.\(layer)"] else {
                    throw PoemError.damagedCheckpoint("its carried LSTM state lacks layer \(layer)")
                }
                return (Variable(hidden), Variable(cell))
            }
        } else {
            carriedState = nil
        }
    }
}
