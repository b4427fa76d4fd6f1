/// Training windows for truncated backpropagation through time: `batchSize` endless streams, each
/// a run of whole sequences (poems, tunes) drawn at random with the trainer's generator, cut into
/// consecutive windows of `sequenceLength` tokens. A window continues exactly where the stream's
/// previous one stopped, so the LSTM state carried between windows stays meaningful.
///
/// The cursors are part of the checkpoint (`state`/`restore`), so a resumed run reads the same
/// tokens an uninterrupted one would.
public final class TokenStreamBatches {
    /// Every sequence's tokens, back to back.
    let tokens: [Int]
    /// `sequenceStarts[i] ..< sequenceStarts[i + 1]` are sequence `i`'s tokens; the last entry is `tokens.count`.
    let sequenceStarts: [Int]
    /// Streams read side by side.
    public let batchSize: Int
    /// Tokens per window (the reach of the gradient).
    public let sequenceLength: Int
    /// Per stream: the next token to read and where the current sequence ends.
    private var cursors: [Int]
    private var sequenceEnds: [Int]
    /// Per stream: the last token read, which is the next window's first input.
    private var previousTokens: [Int]

    /// Streams over `sequences`, each of which should end with the token that separates sequences;
    /// every stream starts as if a sequence had just ended, with `separator` as its first input.
    public init(sequences: [[Int]], separator: Int, batchSize: Int, sequenceLength: Int) {
        precondition(!sequences.isEmpty, "a batch stream needs at least one sequence")
        var tokens: [Int] = [], starts: [Int] = []
        for sequence in sequences {
            starts.append(tokens.count)
            tokens += sequence
        }
        starts.append(tokens.count)
        self.tokens = tokens
        self.sequenceStarts = starts
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        cursors = Array(repeating: 0, count: batchSize)
        sequenceEnds = Array(repeating: 0, count: batchSize)
        previousTokens = Array(repeating: separator, count: batchSize)
    }

    /// The next window of every stream, time-major (`inputs[t·batch + b]`), with each input's successor as its target.
    public func nextBatch(generator: inout RandomGenerator) -> (inputs: [Int], targets: [Int]) {
        var inputs = [Int](repeating: 0, count: sequenceLength * batchSize), targets = inputs
        for stream in 0 ..< batchSize {
            for time in 0 ..< sequenceLength {
                if cursors[stream] == sequenceEnds[stream] {
                    let sequence = generator.integer(below: sequenceStarts.count - 1)
                    cursors[stream] = sequenceStarts[sequence]
                    sequenceEnds[stream] = sequenceStarts[sequence + 1]
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
        Tensor(shape: [3, batchSize], scalars: (cursors + sequenceEnds + previousTokens).map(Float.init))
    }

    /// Restores cursors saved by `state`.
    public func restore(_ state: Tensor) throws {
        guard state.shape == [3, batchSize] else {
            throw TrainingError.damagedCheckpoint("its batch stream state has shape \(state.shape), expected [3, \(batchSize)]")
        }
        let values = state.scalars.map { Int($0) }
        cursors = Array(values[0 ..< batchSize])
        sequenceEnds = Array(values[batchSize ..< 2 * batchSize])
        previousTokens = Array(values[2 * batchSize ..< 3 * batchSize])
        guard zip(cursors, sequenceEnds).allSatisfy({ 0 <= $0 && $0 <= $1 && $1 <= tokens.count }) else {
            throw TrainingError.damagedCheckpoint("its batch stream points outside the corpus (was it trained on other data?)")
        }
    }
}
