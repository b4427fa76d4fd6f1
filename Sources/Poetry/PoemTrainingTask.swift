import AtomicWrite
import Foundation
import NeuralCore

/// Trains a poem model under the shared `Trainer` with the core's `LanguageModelTraining` (Adam
/// with warmup and cosine decay, clipping, truncated BPTT over whole poems), validating in bits
/// per character on the held-out poems and previewing a freely written poem.
public final class PoemTrainingTask: TrainingTask {
    /// The model being trained (its weights change in place).
    public let model: PoemModel
    private let training: LanguageModelTraining
    /// The validation text as tokens, after a poem end (as the training streams begin).
    private let validationTokens: [Int]

    public var itemsPerStep: Int { training.tokensPerStep }
    public let itemName = "chars"

    /// A task training `model` on `training`, validating on `validation`, over `totalSteps` steps.
    public init(model: PoemModel, training corpus: PoemCorpus, validation: PoemCorpus, totalSteps: Int) {
        let configuration = model.configuration, vocabulary = model.vocabulary
        self.model = model
        let batches = Self.batches(of: corpus, vocabulary: vocabulary, batchSize: configuration.batchSize,
                                   sequenceLength: configuration.sequenceLength)
        training = LanguageModelTraining(network: model.network, batches: batches,
                                         learningRate: configuration.learningRate,
                                         finalLearningRate: configuration.finalLearningRate,
                                         warmupSteps: configuration.warmupSteps,
                                         gradientClipNorm: configuration.gradientClipNorm, totalSteps: totalSteps)
        let newline = vocabulary.token(for: "\n") ?? CharacterVocabulary.unknownToken
        validationTokens = Array(([newline] + vocabulary.encode(validation.stream))
            .prefix(configuration.validationCharacterLimit + 1))
    }

    /// Training windows over `corpus`'s poems, each ending with the poem end (`\n\n`). Every stream
    /// starts as if a poem had just ended, which is also how the writer begins.
    public static func batches(of corpus: PoemCorpus, vocabulary: CharacterVocabulary, batchSize: Int,
                               sequenceLength: Int) -> TokenStreamBatches {
        TokenStreamBatches(sequences: corpus.poems.map { vocabulary.encode($0 + PoemCorpus.poemEnd) },
                           separator: vocabulary.token(for: "\n") ?? CharacterVocabulary.unknownToken,
                           batchSize: batchSize, sequenceLength: sequenceLength)
    }

    public func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric] {
        [Metric("bpc", training.trainStep(step: step, generator: &generator) / log(2))]
    }

    /// Bits per character on the validation text: `val_bpc`.
    public func validate() -> [Metric] {
        [Metric("val_bpc", training.meanLoss(on: validationTokens) / log(2))]
    }

    /// Writes `preview-<step>.txt`: a poem the model writes freely at this point.
    public func writePreview(step: Int, to directory: URL) throws {
        let poem = PoemWriter(model: model).freeVerse(seed: UInt64(step))
        try AtomicFile.write(Data((poem + "\n").utf8), to: directory.appendingPathComponent("preview-\(step).txt"))
    }

    public func checkpointTensors() -> [String: Tensor] { training.checkpointTensors() }

    public func restore(from tensors: [String: Tensor]) throws { try training.restore(from: tensors) }
}
