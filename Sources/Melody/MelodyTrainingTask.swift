import AtomicWrite
import Foundation
import Media
import NeuralCore

/// Trains a melody model under the shared `Trainer`: Adam with warmup and cosine decay, gradients
/// clipped by global norm, truncated BPTT with the LSTM state carried from window to window,
/// validation as cross-entropy per event on the held-out tunes, and a composed tune as preview.
///
/// The loss counts the events and the end of each tune, not `<s>` or the meter and mode tokens:
/// those are given to the model when it composes, so predicting them is no part of the task.
public final class MelodyTrainingTask: TrainingTask {
    public let model: MelodyModel
    private let optimizer: Adam
    private let schedule: LearningRateSchedule
    private let batches: MelodyBatchStream
    /// The validation tunes as tokens, after a tune end (as the training streams begin).
    private let validationTokens: [Int]
    private var carriedState: [LSTM.LayerState]?

    public var itemsPerStep: Int { batches.batchSize * batches.sequenceLength }
    public let itemName = "events"

    /// Token ids that are never scored: `<s>`, meters and modes.
    static let unscoredTarget = -1

    /// A task training `model` on `training`, validating on `validation`, over `totalSteps` steps.
    public init(model: MelodyModel, training: [EncodedMelody], validation: [EncodedMelody], totalSteps: Int) {
        let configuration = model.configuration
        self.model = model
        optimizer = Adam(model.network.trainableVariables, learningRate: configuration.learningRate)
        schedule = totalSteps > configuration.warmupSteps
            ? .cosine(peak: configuration.learningRate, minimum: configuration.finalLearningRate,
                      totalSteps: totalSteps, warmupSteps: configuration.warmupSteps)
            : .constant(configuration.learningRate)
        model.warmup = Self.warmupTune(from: training).sequence
        batches = MelodyBatchStream(tunes: training, vocabulary: model.vocabulary,
                                    batchSize: configuration.batchSize, sequenceLength: configuration.sequenceLength)
        let vocabulary = model.vocabulary
        validationTokens = Array(([vocabulary.id(of: .end)!] + validation.flatMap { $0.sequence.map { vocabulary.id(of: $0)! } })
            .prefix(configuration.validationEventLimit + 1))
    }

    /// The tune the model warms up on (`MelodyModel.warmup`): the first training tune of at most
    /// 100 events, so warming up costs little when composing.
    static func warmupTune(from training: [EncodedMelody]) -> EncodedMelody {
        training.first { $0.events.count <= 100 } ?? training[0]
    }

    /// `targets` with the conditioning tokens replaced by `unscoredTarget`.
    static func scoredTargets(_ targets: [Int], vocabulary: MelodyVocabulary) -> [Int] {
        targets.map { target in
            switch vocabulary.tokens[target] {
            case .start, .meter, .mode: return unscoredTarget
            default: return target
            }
        }
    }

    public func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric] {
        let network = model.network
        network.setTraining(true)
        network.reseedDropout(from: &generator)
        let (inputs, targets) = batches.nextBatch(generator: &generator)
        let (logits, state) = network(inputs, time: batches.sequenceLength, batch: batches.batchSize,
                                      initialState: carriedState)
        let loss = crossEntropy(logits: logits, targets: Self.scoredTargets(targets, vocabulary: model.vocabulary),
                                ignoreIndex: Self.unscoredTarget)
        optimizer.zeroGradients()
        loss.backward()
        clipGradientNorm(optimizer.variables, maxNorm: model.configuration.gradientClipNorm)
        optimizer.learningRate = schedule.learningRate(atStep: step)
        optimizer.step()
        // The state goes on to the next window, but the gradient stops here (truncated BPTT).
        carriedState = state.map { (Variable($0.hidden.value), Variable($0.cell.value)) }
        network.setTraining(false)
        return [Metric("loss", Double(loss.value.scalar))]
    }

    /// Cross-entropy in nats per event on the validation tunes: `val_loss`.
    public func validate() -> [Metric] {
        [Metric("val_loss", Self.lossPerEvent(of: model, on: validationTokens))]
    }

    /// The model's cross-entropy in nats per scored event predicting `tokens[1...]` from what
    /// precedes each, read as up to 16 consecutive segments side by side with the state carried along.
    public static func lossPerEvent(of model: MelodyModel, on tokens: [Int]) -> Double {
        guard tokens.count > 1 else { return .nan }
        let network = model.network, sequenceLength = model.configuration.sequenceLength
        let segmentCount = min(16, tokens.count - 1)
        let segmentLength = (tokens.count - 1) / segmentCount
        network.setTraining(false)
        return withoutGradients {
            var state: [LSTM.LayerState]?
            var totalNats = 0.0, scored = 0
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
                let scoredTargets = Self.scoredTargets(targets, vocabulary: model.vocabulary)
                let count = scoredTargets.filter { $0 != unscoredTarget }.count
                let (logits, newState) = network(inputs, time: time, batch: segmentCount, initialState: state)
                if count > 0 {
                    totalNats += Double(crossEntropy(logits: logits, targets: scoredTargets, ignoreIndex: unscoredTarget).value.scalar)
                        * Double(count)
                    scored += count
                }
                state = newState
            }
            return totalNats / Double(max(scored, 1))
        }
    }

    /// Writes `preview-<step>.abc`: an eight-bar jig in D and reel in A minor as the model composes them now.
    public func writePreview(step: Int, to directory: URL) throws {
        let composer = MelodyComposer(model: model)
        let tunes = try [(KeyName.key("D")!, Meter(beats: 6, beatUnit: 8)), (KeyName.key("Am")!, Meter(beats: 2, beatUnit: 2))]
            .enumerated().map { index, request in
                var tune = try composer.compose(MelodyRequest(key: request.0, meter: request.1, bars: 8, seed: UInt64(step))).tune
                tune.title = "step \(step), \(request.1) in \(request.0)"
                tune.number = index + 1
                return tune
            }
        try AtomicFile.write(Data(ABCWriter.text(of: tunes).utf8), to: directory.appendingPathComponent("preview-\(step).abc"))
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
        guard let cursors = tensors["data.cursors"] else { throw MelodyError.damagedCheckpoint("it has no batch stream state") }
        try batches.restore(cursors)
        guard tensors["data.hidden.0"] != nil else {
            carriedState = nil
            return
        }
        carriedState = try (0 ..< model.configuration.layerCount).map { layer in
            guard let hidden = tensors["data.hidden.\(layer)"], let cell = tensors["data.cell.\(layer)"],
                  hidden.shape == [batches.batchSize, model.configuration.hiddenSize], cell.shape == hidden.shape else {
                throw MelodyError.damagedCheckpoint("its carried LSTM state for layer \(layer) is missing or misshapen")
            }
            return (Variable(hidden), Variable(cell))
        }
    }
}
