/// A next-token predictor in char-rnn's shape: embedding → stacked LSTM → linear layer over the
/// vocabulary, with dropout on the embedding, between the LSTM layers and before the output layer
/// while training. Poems use it over characters, melodies over musical events.
public final class LSTMLanguageModel: Module {
    /// One learned vector per token.
    public let embedding: Embedding
    /// The recurrent stack that reads the tokens so far.
    public let lstm: LSTM
    /// Maps the top hidden state to one logit per token.
    public let output: Linear
    let inputDropout: Dropout
    let outputDropout: Dropout
    public var isTraining = true

    /// A freshly initialised network for `vocabularySize` tokens.
    public init(vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, layerCount: Int, dropout: Float,
                generator: inout RandomGenerator) {
        embedding = Embedding(vocabularySize: vocabularySize, dimensions: embeddingSize, generator: &generator)
        lstm = LSTM(inputSize: embeddingSize, hiddenSize: hiddenSize, layerCount: layerCount,
                    dropoutProbability: dropout, generator: &generator)
        output = Linear(inputSize: hiddenSize, outputSize: vocabularySize, generator: &generator)
        inputDropout = Dropout(probability: dropout, generator: &generator)
        outputDropout = Dropout(probability: dropout, generator: &generator)
    }

    public var children: [(name: String, module: Module)] {
        [("embedding", embedding), ("lstm", lstm), ("output", output)]
    }

    /// Number of tokens the model predicts over.
    public var vocabularySize: Int { embedding.vocabularySize }

    /// Logits for the token after each of `tokens` (`[time, batch]` time-major, flattened):
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

    /// The network frozen for generating one token at a time (no tape, one matrix–vector product
    /// per layer per step).
    public func inference() -> LSTMInference {
        LSTMInference(lstm: lstm, input: .embedding(embedding), outputLayer: output)
    }
}
