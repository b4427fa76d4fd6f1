import Foundation

/// The hyper-parameters of a melody model and of its training, stored as JSON in the model file's
/// metadata so a model can be rebuilt (and its training repeated) from the file alone.
public struct MelodyModelConfiguration: Codable, Equatable, Sendable {
    /// Width of each event's learned vector.
    public var embeddingSize: Int
    /// Width of each LSTM layer.
    public var hiddenSize: Int
    /// Number of stacked LSTM layers.
    public var layerCount: Int
    /// Dropout on the embedding, between LSTM layers and before the output layer, during training.
    public var dropout: Float
    /// Events per truncated-BPTT window (the gradient reaches this far back; the state reaches further).
    public var sequenceLength: Int
    /// Independent event streams per step.
    public var batchSize: Int
    /// Adam's peak learning rate, reached after warmup and then decayed by a cosine to `finalLearningRate`.
    public var learningRate: Float
    public var finalLearningRate: Float
    public var warmupSteps: Int
    /// The global gradient norm is clipped to this.
    public var gradientClipNorm: Float
    /// At most this many validation events are scored (a fixed prefix of the split), so validation stays quick.
    public var validationEventLimit: Int

    public init(embeddingSize: Int, hiddenSize: Int, layerCount: Int, dropout: Float, sequenceLength: Int,
                batchSize: Int, learningRate: Float, finalLearningRate: Float, warmupSteps: Int,
                gradientClipNorm: Float, validationEventLimit: Int) {
        self.embeddingSize = embeddingSize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.dropout = dropout
        self.sequenceLength = sequenceLength
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.finalLearningRate = finalLearningRate
        self.warmupSteps = warmupSteps
        self.gradientClipNorm = gradientClipNorm
        self.validationEventLimit = validationEventLimit
    }

    /// The shipped model: 2×256 LSTM over a 96-wide embedding. The corpus is two million events
    /// from a vocabulary of 149, so width goes into the LSTM rather than the embedding; the default
    /// 1200 steps of 32×128 events read the corpus about 2.4 times, some forty minutes on two
    /// shared cores.
    public static let standard = MelodyModelConfiguration(
        embeddingSize: 96, hiddenSize: 256, layerCount: 2, dropout: 0.1, sequenceLength: 128, batchSize: 32,
        learningRate: 2e-3, finalLearningRate: 1e-4, warmupSteps: 100, gradientClipNorm: 1,
        validationEventLimit: 40_000)

    /// The configuration as compact JSON with sorted keys (stable across runs, so it can identify a training run).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Reads a configuration written by `json()`.
    public static func from(json: String) throws -> MelodyModelConfiguration {
        do { return try JSONDecoder().decode(MelodyModelConfiguration.self, from: Data(json.utf8)) } catch {
            throw MelodyError.damagedModel("its configuration is not valid JSON (\(error.localizedDescription))")
        }
    }
}
