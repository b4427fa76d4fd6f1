import NeuralCore

/// Training windows for truncated backpropagation through time: `batchSize` endless streams of
/// tunes, each stream a sequence of whole tunes drawn at random (with the trainer's generator),
/// cut into consecutive windows of `sequenceLength` events. A window continues exactly where the
/// stream's previous one stopped, so the LSTM state carried between windows stays meaningful.
///
/// The cursors are part of the checkpoint (`state`/`restore`), so a resumed run reads the same
/// events an uninterrupted one would.
public final class MelodyBatchStream {
    /// Every tune's sequence (`<s>`, conditioning, events, `</s>`) as token ids, back to back.
    let tokens: [Int]
    /// `tuneStarts[i] ..< tuneStarts[i + 1]` are tune `i`'s tokens; the last entry is `tokens.count`.
    let tuneStarts: [Int]
    public let batchSize: Int
    public let sequenceLength: Int
    /// Per stream: the next token to read and where the current tune ends.
    private var cursors: [Int]
    private var tuneEnds: [Int]
    /// Per stream: the last token read, which is the next window's first input.
    private var previousTokens: [Int]

    /// Streams over `tunes`, written with `vocabulary`.
    public init(tunes: [EncodedMelody], vocabulary: MelodyVocabulary, batchSize: Int, sequenceLength: Int) {
        precondition(!tunes.isEmpty, "a batch stream needs at least one tune")
        var tokens: [Int] = [], starts: [Int] = []
        for tune in tunes {
            starts.append(tokens.count)
            tokens += tune.sequence.map { vocabulary.id(of: $0)! }
        }
        starts.append(tokens.count)
        self.tokens = tokens
        self.tuneStarts = starts
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        // Every stream starts as if a tune had just ended.
        cursors = Array(repeating: 0, count: batchSize)
        tuneEnds = Array(repeating: 0, count: batchSize)
        previousTokens = Array(repeating: vocabulary.id(of: .end)!, count: batchSize)
    }

    /// The next window of every stream, time-major (`inputs[t·batch + b]`), with each input's successor as its target.
    public func nextBatch(generator: inout RandomGenerator) -> (inputs: [Int], targets: [Int]) {
        var inputs = [Int](repeating: 0, count: sequenceLength * batchSize), targets = inputs
        for stream in 0 ..< batchSize {
            for time in 0 ..< sequenceLength {
                if cursors[stream] == tuneEnds[stream] {
                    let tune = generator.integer(below: tuneStarts.count - 1)
                    cursors[stream] = tuneStarts[tune]
                    tuneEnds[stream] = tuneStarts[tune + 1]
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
        Tensor(shape: [3, batchSize], scalars: (cursors + tuneEnds + previousTokens).map(Float.init))
    }

    /// Restores cursors saved by `state`.
    public func restore(_ state: Tensor) throws {
        guard state.shape == [3, batchSize] else {
            throw MelodyError.damagedCheckpoint("its batch stream state has shape \(state.shape), expected [3, \(batchSize)]")
        }
        let values = state.scalars.map { Int($0) }
        cursors = Array(values[0 ..< batchSize])
        tuneEnds = Array(values[batchSize ..< 2 * batchSize])
        previousTokens = Array(values[2 * batchSize ..< 3 * batchSize])
        guard zip(cursors, tuneEnds).allSatisfy({ 0 <= $0 && $0 <= $1 && $1 <= tokens.count }) else {
            throw MelodyError.damagedCheckpoint("its batch stream points outside the corpus (was it trained on other tunes?)")
        }
    }
}
