import AtomicWrite
import Foundation
import Media
import NeuralCore

/// Trains a melody model under the shared `Trainer` with the core's `LanguageModelTraining` (Adam
/// with warmup and cosine decay, clipping, truncated BPTT over whole tunes), validating as
/// cross-entropy per event on the held-out tunes and previewing two composed tunes.
///
/// The loss counts the events and the end of each tune, not `<s>` or the meter and mode tokens:
/// those are given to the model when it composes, so predicting them is no part of the task.
public final class MelodyTrainingTask: TrainingTask {
    public let model: MelodyModel
    private let training: LanguageModelTraining
    /// The validation tunes as tokens, after a tune end (as the training streams begin).
    private let validationTokens: [Int]

    public var itemsPerStep: Int { training.tokensPerStep }
    public let itemName = "events"

    /// A task training `model` on `training`, validating on `validation`, over `totalSteps` steps.
    public init(model: MelodyModel, training tunes: [EncodedMelody], validation: [EncodedMelody], totalSteps: Int) {
        let configuration = model.configuration, vocabulary = model.vocabulary
        self.model = model
        model.warmup = Self.warmupTune(from: tunes).sequence
        func ids(_ tune: EncodedMelody) -> [Int] { tune.sequence.map { vocabulary.id(of: $0)! } }
        let end = vocabulary.id(of: .end)!
        let batches = TokenStreamBatches(sequences: tunes.map(ids), separator: end,
                                         batchSize: configuration.batchSize, sequenceLength: configuration.sequenceLength)
        training = LanguageModelTraining(network: model.network, batches: batches,
                                         learningRate: configuration.learningRate,
                                         finalLearningRate: configuration.finalLearningRate,
                                         warmupSteps: configuration.warmupSteps,
                                         gradientClipNorm: configuration.gradientClipNorm, totalSteps: totalSteps,
                                         unscoredTokens: Self.conditioningTokens(in: vocabulary))
        validationTokens = Array(([end] + validation.flatMap(ids)).prefix(configuration.validationEventLimit + 1))
    }

    /// The tune the model warms up on (`MelodyModel.warmup`): the first training tune of at most
    /// 100 events, so warming up costs little when composing.
    static func warmupTune(from training: [EncodedMelody]) -> EncodedMelody {
        training.first { $0.events.count <= 100 } ?? training[0]
    }

    /// The ids of `<s>`, the meters and the modes: given when composing, so never scored.
    static func conditioningTokens(in vocabulary: MelodyVocabulary) -> Set<Int> {
        Set(vocabulary.tokens.indices.filter { id in
            switch vocabulary.tokens[id] {
            case .start, .meter, .mode: return true
            default: return false
            }
        })
    }

    public func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric] {
        [Metric("loss", training.trainStep(step: step, generator: &generator))]
    }

    /// Cross-entropy in nats per event on the validation tunes: `val_loss`.
    public func validate() -> [Metric] {
        [Metric("val_loss", training.meanLoss(on: validationTokens))]
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

    public func checkpointTensors() -> [String: Tensor] { training.checkpointTensors() }

    public func restore(from tensors: [String: Tensor]) throws { try training.restore(from: tensors) }
}
