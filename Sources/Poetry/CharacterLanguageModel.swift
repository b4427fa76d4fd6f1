import NeuralCore

/// The network that predicts the next character: embedding → stacked LSTM → linear layer over the
/// vocabulary (char-rnn's shape), with dropout on the embedding, between the LSTM layers and before
/// the output layer while training.
public final class CharacterLanguageModel: Module {
    /// One learned vector per character.
    public let embedding: Embedding
    /// The recurrent stack that reads the characters so far.
    public let lstm: LSTM
    /// Maps the top hidden state to one logit per character.
    public let output: Linear
    let inputDropout: Dropout
    let outputDropout: Dropout
    public var isTraining = true

    /// A freshly initialised network for `vocabularySize` characters shaped by `configuration`.
    public init(vocabularySize: Int, configuration: PoemModelConfiguration, generator: inout RandomGenerator) {
        embedding = Embedding(vocabularySize: vocabularySize, dimensions: configuration.embeddingSize, generator: &generator)
        lstm = LSTM(inputSize: configuration.embeddingSize, hiddenSize: configuration.hiddenSize,
                    layerCount: configuration.layerCount, dropoutProbability: configuration.dropout, generator: &generator)
        output = Linear(inputSize: configuration.hiddenSize, outputSize: vocabularySize, generator: &generator)
        inputDropout = Dropout(probability: configuration.dropout, generator: &generator)
        outputDropout = Dropout(probability: configuration.dropout, generator: &generator)
    }

    public var children: [(name: String, module: Module)] {
        [("embedding", embedding), ("lstm", lstm), ("output", output)]
    }

    /// Number of characters the model predicts over.
    public var vocabularySize: Int { embedding.vocabularySize }

    /// Logits for the character after each of `tokens` (`[time, batch]` time-major, flattened):
    /// `[time·batch, vocabulary]`, and the LSTM's final state to carry into the next window.
    public func callAsFunction(_ tokens: [Int], time: Int, batch: Int, initialState: [LSTM.LayerState]?)
        -> (logits: Variable, state: [LSTM.LayerState]) {
        let vectors = inputDropout(embedding(tokens, shape: [time, batch]))
        let (hidden, state) = lstm(vectors, initialState: initialState)
        let logits = output(outputDropout(hidden).reshaped([time * batch, lstm.hiddenSize]))
        return (logits, state)
    }

    /// Draws fresh dropout masks from `generator`, so a run's masks follow from the trainer's
    /// generator alone and a resumed run draws exactly the masks an uninterrupted one would.
    public func reseedDropout(from generator: inout RandomGenerator) {
        inputDropout.generator = RandomGenerator(seed: generator.next())
        outputDropout.generator = RandomGenerator(seed: generator.next())
        lstm.generator = RandomGenerator(seed: generator.next())
    }

    /// The network frozen for generating one character at a time (no tape, one matrix–vector
    /// product per layer per step).
    public func inference() -> LSTMInference {
        LSTMInference(lstm: lstm, input: .embedding(embedding), outputLayer: output)
    }
}
