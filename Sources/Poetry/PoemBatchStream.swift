import NeuralCore

/// Training windows for truncated backpropagation through time: `batchSize` endless streams of
/// poems, each stream a sequence of whole poems drawn at random (with the trainer's generator),
/// cut into consecutive windows of `sequenceLength` characters. A window continues exactly where
/// the stream's previous one stopped, so the LSTM state carried between windows stays meaningful.
///
/// The cursors are part of the checkpoint (`state`/`restore`), so a resumed run reads the same
/// characters an uninterrupted one would.
public final class PoemBatchStream {
    /// Every poem's tokens back to back, each ending with the poem end (`\n\n`).
    let tokens: [Int]
    /// `poemStarts[i] ..< poemStarts[i + 1]` are poem `i`'s tokens; the last entry is `tokens.count`.
    let poemStarts: [Int]
    /// Streams read side by side.
    public let batchSize: Int
    /// Characters per window (the reach of the gradient).
    public let sequenceLength: Int
    /// Per stream: the next token to read and where the current poem ends.
    private var cursors: [Int]
    private var poemEnds: [Int]
    /// Per stream: the last token read, which is the next window's first input.
    private var previousTokens: [Int]

    /// Streams over `corpus`'s poems encoded with `vocabulary`.
    public init(corpus: PoemCorpus, vocabulary: CharacterVocabulary, batchSize: Int, sequenceLength: Int) {
        precondition(!corpus.poems.isEmpty, "a batch stream needs at least one poem")
        var tokens: [Int] = [], starts: [Int] = []
        for poem in corpus.poems {
            starts.append(tokens.count)
            tokens += vocabulary.encode(poem + PoemCorpus.poemEnd)
        }
        starts.append(tokens.count)
        self.tokens = tokens
        self.poemStarts = starts
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        // Every stream starts as if a poem had just ended, which is also how the writer begins.
        let newline = vocabulary.token(for: "\n") ?? CharacterVocabulary.unknownToken
        cursors = Array(repeating: 0, count: batchSize)
        poemEnds = Array(repeating: 0, count: batchSize)
        previousTokens = Array(repeating: newline, count: batchSize)
    }

    /// The next window of every stream, time-major (`inputs[t·batch + b]`), with each input's successor as its target.
    public func nextBatch(generator: inout RandomGenerator) -> (inputs: [Int], targets: [Int]) {
        var inputs = [Int](repeating: 0, count: sequenceLength * batchSize), targets = inputs
        for stream in 0 ..< batchSize {
            for time in 0 ..< sequenceLength {
                if cursors[stream] == poemEnds[stream] {
                    let poem = generator.integer(below: poemStarts.count - 1)
                    cursors[stream] = poemStarts[poem]
                    poemEnds[stream] = poemStarts[poem + 1]
                }
                let next = tokens[cursors[stream]]
                cursors[stream] += 1
                inputs[time * batchSize + stream] = previousTokens[stream]
                targets[time * batchSize + stream] = next
                previousTokens[stream] = next
            }
        }
        return (inputs, targets)
    }

    /// The cursors, for a checkpoint (token positions are far below 2²⁴, so Float holds them exactly).
    public var state: Tensor {
        Tensor(shape: [3, batchSize], scalars: (cursors + poemEnds + previousTokens).map(Float.init))
    }

    /// Restores cursors saved by `state`.
    public func restore(_ state: Tensor) throws {
        guard state.shape == [3, batchSize] else {
            throw PoemError.damagedCheckpoint("its batch stream state has shape \(state.shape), expected [3, \(batchSize)]")
        }
        let values = state.scalars.map { Int($0) }
        cursors = Array(values[0 ..< batchSize])
        poemEnds = Array(values[batchSize ..< 2 * batchSize])
        previousTokens = Array(values[2 * batchSize ..< 3 * batchSize])
        guard zip(cursors, poemEnds).allSatisfy({ 0 <= $0 && $0 <= $1 && $1 <= tokens.count }) else {
            throw PoemError.damagedCheckpoint("its batch stream points outside the corpus (was it trained on other text?)")
        }
    }
}
