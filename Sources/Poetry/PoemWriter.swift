import Foundation
import NeuralCore

/// Writes poems with a trained model: the entry point for the command line and for previews.
public final class PoemWriter {
    /// The model that writes.
    public let model: PoemModel
    private let inference: LSTMInference

    /// A writer for `model` (freezes its weights for one-character-at-a-time generation).
    public init(model: PoemModel) {
        self.model = model
        inference = model.network.inference()
    }

    /// The poem `request` asks for, determined by `seed`.
    public func write(_ request: PoemRequest, seed: UInt64) throws -> Poem {
        switch model.configuration.language {
        case .chinese: return try ChinesePoemWriter(model: model, inference: inference).write(request, seed: seed)
        case .english: return try EnglishLyricsWriter(model: model, inference: inference).write(request, seed: seed)
        }
    }

    /// What the model writes unconstrained after a poem ends, up to the next poem end or
    /// `maximumLength` characters: a look at what it has learned (training previews use it).
    public func freeVerse(seed: UInt64, temperature: Float = 0.8, maximumLength: Int = 400) -> String {
        var generator = RandomGenerator(seed: seed)
        let settings = SamplingSettings(temperature: temperature)
        let newline = model.vocabulary.token(for: "\n") ?? CharacterVocabulary.unknownToken
        let allowed = Array(1 ..< model.vocabulary.count)
        var state = inference.makeState()
        inference.step(token: newline, state: &state)
        inference.step(token: newline, state: &state)
        var tokens: [Int] = []
        while tokens.count < maximumLength {
            let token = state.logits.withUnsafeBufferPointer { logits in
                SamplingSettings.draw(from: settings.distribution(logits: logits, allowed: allowed), generator: &generator)
            }
            if token == newline && tokens.last == newline { break }
            tokens.append(token)
            inference.step(token: token, state: &state)
        }
        return model.vocabulary.decode(tokens).trimmingCharacters(in: .newlines)
    }
}
