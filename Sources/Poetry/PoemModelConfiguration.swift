import Foundation

/// The hyper-parameters of a poem language model and of its training, stored as JSON in the
/// model file's metadata so a model can be rebuilt (and its training repeated) from the file alone.
public struct PoemModelConfiguration: Codable, Equatable {
    /// The language the model writes (`zh` or `en`); it decides which writer and constraints apply.
    public var language: PoemLanguage
    /// Width of each character's learned vector.
    public var embeddingSize: Int
    /// Width of each LSTM layer.
    public var hiddenSize: Int
    /// Number of stacked LSTM layers.
    public var layerCount: Int
    /// Dropout on the embedding, between LSTM layers and before the output layer, during training.
    public var dropout: Float
    /// Characters per truncated-BPTT window (the gradient reaches this far back; the state reaches further).
    public var sequenceLength: Int
    /// Independent character streams per step.
    public var batchSize: Int
    /// Adam's peak learning rate, reached after warmup and then decayed by a cosine to `finalLearningRate`.
    public var learningRate: Float
    public var finalLearningRate: Float
    public var warmupSteps: Int
    /// The global gradient norm is clipped to this.
    public var gradientClipNorm: Float
    /// At most this many validation characters are scored (a fixed prefix of the split), so
    /// validating a large corpus does not stall training.
    public var validationCharacterLimit: Int
    /// Characters seen fewer times than this in the training text become the unknown character.
    public var minimumCharacterCount: Int

    public init(language: PoemLanguage, embeddingSize: Int, hiddenSize: Int, layerCount: Int, dropout: Float,
                sequenceLength: Int, batchSize: Int, learningRate: Float, finalLearningRate: Float,
                warmupSteps: Int, gradientClipNorm: Float, validationCharacterLimit: Int, minimumCharacterCount: Int) {
        self.language = language
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
        self.validationCharacterLimit = validationCharacterLimit
        self.minimumCharacterCount = minimumCharacterCount
    }

    /// The shipped Chinese model: a large alphabet (~6,250 characters), so most parameters sit in
    /// the embedding and output layers. The Tang corpus (~1.8M characters) is seen only a few times
    /// in a CPU-hour, so dropout is light: the model is short of passes, not of data.
    public static let chinese = PoemModelConfiguration(
        language: .chinese, embeddingSize: 128, hiddenSize: 256, layerCount: 2, dropout: 0.1,
        sequenceLength: 64, batchSize: 32, learningRate: 2e-3, finalLearningRate: 1e-4, warmupSteps: 50,
        gradientClipNorm: 1, validationCharacterLimit: 20_000, minimumCharacterCount: 1)

    /// The shipped English model: a few megabytes over ~65 characters, so the width goes into the
    /// LSTM; 2×256 rather than wider because on a shared two-core machine a narrower model sees
    /// more of the corpus in the same time, which matters more here than width.
    public static let english = PoemModelConfiguration(
        language: .english, embeddingSize: 64, hiddenSize: 256, layerCount: 2, dropout: 0.1,
        sequenceLength: 96, batchSize: 32, learningRate: 2e-3, finalLearningRate: 1e-4, warmupSteps: 50,
        gradientClipNorm: 1, validationCharacterLimit: 30_000, minimumCharacterCount: 3)

    /// The shipped configuration for `language`.
    public static func standard(for language: PoemLanguage) -> PoemModelConfiguration {
        language == .chinese ? .chinese : .english
    }

    /// The configuration as compact JSON with sorted keys (stable across runs, so it can identify a training run).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// Reads a configuration written by `json()`.
    public static func from(json: String) throws -> PoemModelConfiguration {
        do { return try JSONDecoder().decode(PoemModelConfiguration.self, from: Data(json.utf8)) } catch {
            throw PoemError.damagedModel("its configuration is not valid JSON (\(error.localizedDescription))")
        }
    }
}

/// The languages Belamy writes poems in.
public enum PoemLanguage: String, Codable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// The language of some keywords: Chinese if any of them has a Chinese character.
    public static func guessed(from keywords: [String]) -> PoemLanguage {
        keywords.contains { $0.unicodeScalars.contains(where: ChineseScript.isIdeograph) } ? .chinese : .english
    }
}
