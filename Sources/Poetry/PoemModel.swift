import Foundation
import NeuralCore

/// A poem model as it ships: the network, the vocabulary it reads and writes, its configuration,
/// the Chinese readings of its characters (for rhyme and tone) or the English words it may spell,
/// and the record of its training.
/// Saved as one `ModelFile` (craft "poem", architecture "char-lstm").
public final class PoemModel {
    /// The craft and architecture a poem model file declares.
    public static let craft = "poem"
    public static let architecture = "char-lstm"

    /// The shape of the network and how it was trained.
    public let configuration: PoemModelConfiguration
    /// The characters the model reads and writes.
    public let vocabulary: CharacterVocabulary
    /// The weights.
    public let network: LSTMLanguageModel
    /// Rhyme groups and tones of the vocabulary's characters (empty for English).
    public let readings: ChineseReadings
    /// English: the words the model may spell (empty for Chinese, and for older files: then any).
    public let lexicon: EnglishLexicon
    /// How the model was made: command, corpus, steps, validation bits per character, date.
    public var trainingRecord: [String: String]

    /// A model with freshly initialised weights.
    public init(configuration: PoemModelConfiguration, vocabulary: CharacterVocabulary, readings: ChineseReadings,
                lexicon: EnglishLexicon = EnglishLexicon(words: []), seed: UInt64, trainingRecord: [String: String] = [:]) {
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.readings = readings.restricted(to: vocabulary.characters)
        self.lexicon = lexicon
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
        metadata["vocabulary"] = vocabulary.json()
        metadata["readings"] = readings.serialized()
        if !lexicon.isEmpty { metadata["lexicon"] = lexicon.serialized() }
        try ModelFile(craft: Self.craft, architecture: Self.architecture, tensors: network.stateDictionary(),
                      metadata: metadata).write(to: url)
    }

    /// Reads a model written by `write(to:)`.
    public static func read(from url: URL) throws -> PoemModel {
        guard FileManager.default.fileExists(atPath: url.path) else { throw PoemError.missingModel(url.path) }
        let file = try ModelFile.read(from: url, craft: craft, architecture: architecture)
        guard let configurationJSON = file.metadata["configuration"], let vocabularyJSON = file.metadata["vocabulary"] else {
            throw PoemError.damagedModel("\(url.path) has no configuration or vocabulary in its metadata")
        }
        let configuration = try PoemModelConfiguration.from(json: configurationJSON)
        let vocabulary = try CharacterVocabulary.from(json: vocabularyJSON)
        let readings = try ChineseReadings.deserialized(file.metadata["readings"] ?? "")
        let lexicon = EnglishLexicon.deserialized(file.metadata["lexicon"] ?? "")
        var record = file.metadata
        for key in ["configuration", "vocabulary", "readings", "lexicon"] { record[key] = nil }
        let model = PoemModel(configuration: configuration, vocabulary: vocabulary, readings: readings, lexicon: lexicon,
                              seed: 0, trainingRecord: record)
        try model.network.loadStateDictionary(file.tensors)
        return model
    }
}
