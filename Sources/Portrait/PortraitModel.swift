import Foundation
import NeuralCore

/// The shipped form of a portrait GAN: the averaged generator alone (the discriminator is only
/// needed for training), with its configuration and training record, in a `ModelFile`.
public enum PortraitModel {
    public static let craft = "portrait"
    public static let architecture = "dcgan"

    /// Writes `generator` with `configuration` and the training `record` (command, corpus, steps, metrics…).
    public static func write(_ generator: Generator, configuration: PortraitConfiguration,
                             record: [String: String], to url: URL) throws {
        var metadata = record
        metadata["config"] = configuration.json()
        try ModelFile(craft: craft, architecture: architecture, tensors: generator.stateDictionary(), metadata: metadata)
            .write(to: url)
    }

    /// Reads a model file and rebuilds its generator in evaluation mode.
    public static func read(from url: URL) throws -> (generator: Generator, configuration: PortraitConfiguration, metadata: [String: String]) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw PortraitError.missingModel(url.path) }
        let file = try ModelFile.read(from: url, craft: craft, architecture: architecture)
        guard let json = file.metadata["config"] else { throw PortraitError.badConfiguration("\(url.path) has no config") }
        let configuration = try PortraitConfiguration.decode(json: json)
        try configuration.validate()
        var generator = RandomGenerator(seed: 0)
        let network = Generator(configuration: configuration, generator: &generator)
        try network.loadStateDictionary(file.tensors)
        network.setTraining(false)
        return (network, configuration, file.metadata)
    }
}
