import Foundation
import NeuralCore

/// A melody model as it ships: the network, the vocabulary it reads and writes, its configuration,
/// the tune it warms up on, and the record of its training. Saved as one `ModelFile` (craft "melody", architecture "event-lstm").
public final class MelodyModel {
    public static let craft = "melody"
    public static let architecture = "event-lstm"

    public let configuration: MelodyModelConfiguration
    public let vocabulary: MelodyVocabulary
    public let network: LSTMLanguageModel
    /// How the model was made: command, corpus, steps, validation loss per event, date.
    public var trainingRecord: [String: String]
    /// A whole tune (`<s>` to `</s>`) the composer runs the network over before composing. The
    /// network learned from tunes back to back, so a tune always began from the state another one
    /// left, never from zeros; from zeros its first few events come out garbled (2.7 nats per event
    /// instead of 1.2 over the first four). Which tune matters little: any one gives the same 1.2.
    public var warmup: [MelodyToken] = []

    /// A model with freshly initialised weights.
    public init(configuration: MelodyModelConfiguration, vocabulary: MelodyVocabulary = .standard, seed: UInt64,
                trainingRecord: [String: String] = [:]) {
        self.configuration = configuration
        self.vocabulary = vocabulary
        var generator = RandomGenerator(seed: seed)
        network = LSTMLanguageModel(vocabularySize: vocabulary.count, embeddingSize: configuration.embeddingSize,
                                    hiddenSize: configuration.hiddenSize, layerCount: configuration.layerCount,
                                    dropout: configuration.dropout, generator: &generator)
        network.setTraining(false)
        self.trainingRecord = trainingRecord
    }

    /// Writes the model to `url` (float16 weights; metadata holds everything else).
    public func write(to url: URL) throws {
        var metadata = trainingRecord
        metadata["configuration"] = configuration.json()
        metadata["vocabulary"] = vocabulary.names
        metadata["warmup"] = warmup.map(\.description).joined(separator: " ")
        try ModelFile(craft: Self.craft, architecture: Self.architecture, tensors: network.stateDictionary(),
                      metadata: metadata).write(to: url)
    }

    /// Reads a model written by `write(to:)`.
    public static func read(from url: URL) throws -> MelodyModel {
        guard FileManager.default.fileExists(atPath: url.path) else { throw MelodyError.missingModel(url.path) }
        let file = try ModelFile.read(from: url, craft: craft, architecture: architecture)
        guard let configurationJSON = file.metadata["configuration"], let names = file.metadata["vocabulary"] else {
            throw MelodyError.damagedModel("\(url.path) has no configuration or vocabulary in its metadata")
        }
        var record = file.metadata
        for key in ["configuration", "vocabulary", "warmup"] { record[key] = nil }
        let vocabulary = try MelodyVocabulary(names: names)
        let model = MelodyModel(configuration: try MelodyModelConfiguration.from(json: configurationJSON),
                                vocabulary: vocabulary, seed: 0, trainingRecord: record)
        for name in (file.metadata["warmup"] ?? "").split(separator: " ") {
            guard let token = MelodyToken(String(name)), vocabulary.id(of: token) != nil else {
                throw MelodyError.damagedModel("its warm-up tune has an unknown event '\(name)'")
            }
            model.warmup.append(token)
        }
        try model.network.loadStateDictionary(file.tensors)
        return model
    }
}
