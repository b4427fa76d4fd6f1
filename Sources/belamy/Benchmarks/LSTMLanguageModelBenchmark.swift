import Foundation
import NeuralCore

/// The LSTM language-model workload of `charlm_ref.py` and `melody_ref.py`: Embedding(V, E) (or
/// one-hot input) → L-layer LSTM(H) → Linear(H, V), cross-entropy over all B·T positions, Adam.
/// It times the training step (forward, loss, backward, optional clipping, Adam) and batch-1
/// sampling (one token at a time, logits / temperature → softmax → categorical draw).
///
/// Sequences are time-major here (`[T, B]`, Belamy's LSTM layout) where the reference is
/// batch-first; the tokens and the arithmetic are the same. Sampling runs on `LSTMInference`,
/// the tape-free snapshot Belamy's samplers use; building it happens once, outside the timing,
/// like loading a model.
struct LSTMLanguageModelBenchmark: Benchmark {
    struct Options {
        var vocabulary: Int
        /// 0 means one-hot input of width `vocabulary`.
        var embedding: Int
        var hidden: Int
        var layers: Int
        var sequenceLength: Int
        var batch: Int
        var learningRate: Float
        var clip: Float = 0
        var steps: Int
        var warmup = 2
        var sampleLength = 500
        var sampleRepetitions = 3
        var temperature: Float = 0.8
        var threads = 2
        var seed: UInt64 = 0

        /// `charlm_ref.py`'s defaults: V=5000 E=256 H=512 L=2 T=128 B=32, lr 2e-3, 8 steps.
        static let characterModel = Options(vocabulary: 5000, embedding: 256, hidden: 512, layers: 2, sequenceLength: 128,
                                            batch: 32, learningRate: 2e-3, steps: 8)
        /// `melody_ref.py`'s defaults: V=130 one-hot H=256 L=2 T=256 B=32, lr 1e-3, 10 steps.
        static let melodyModel = Options(vocabulary: 130, embedding: 0, hidden: 256, layers: 2, sequenceLength: 256,
                                         batch: 32, learningRate: 1e-3, steps: 10)
    }

    /// The `bench` value of the record: `charlm` or `melody`.
    let name: String
    let options: Options

    func run() -> JSONValue {
        CoreThreads.count = options.threads
        var generator = RandomGenerator(seed: options.seed)
        let (V, E, H, L, T, B) = (options.vocabulary, options.embedding, options.hidden, options.layers,
                                  options.sequenceLength, options.batch)
        let oneHot = E <= 0
        let embedding = oneHot ? nil : Embedding(vocabularySize: V, dimensions: E, generator: &generator)
        let lstm = LSTM(inputSize: oneHot ? V : E, hiddenSize: H, layerCount: L, generator: &generator)
        let projection = Linear(inputSize: H, outputSize: V, generator: &generator)
        let parameters = (embedding?.trainableVariables ?? []) + lstm.trainableVariables + projection.trainableVariables
        let parameterCount = parameters.reduce(0) { $0 + $1.value.count }
        let optimizer = Adam(parameters, learningRate: options.learningRate)

        // One fixed batch [B, T + 1] of random ids, laid out time-major: inputs are columns 0..<T,
        // targets columns 1...T.
        let data = (0 ..< B * (T + 1)).map { _ in generator.integer(below: V) }
        let inputs = (0 ..< T).flatMap { t in (0 ..< B).map { b in data[b * (T + 1) + t] } }
        let targets = (0 ..< T).flatMap { t in (0 ..< B).map { b in data[b * (T + 1) + t + 1] } }
        let forwardFLOP = Self.forwardFLOPPerToken(vocabulary: V, embedding: E, hidden: H, layers: L)
        benchmarkNote("belamy \(Belamy.version)  threads=\(CoreThreads.count)  OpenBLAS \(CoreThreads.coreName)")
        benchmarkNote(String(format: "%@: V=%d %@ H=%d L=%d T=%d B=%d  params %d  ~%.2f MFLOP/token forward",
                             name, V, oneHot ? "one-hot input" : "E=\(E)", H, L, T, B, parameterCount, forwardFLOP / 1e6))

        var lastLoss: Float = .nan
        func trainStep() {
            optimizer.zeroGradients()
            // The reference encodes inside its forward pass too (`F.one_hot` or the embedding).
            let x = oneHot ? Variable(Tensor(zeros: [T, B, V]).settingOnes(at: inputs)) : embedding!(inputs, shape: [T, B])
            let (output, _) = lstm(x)
            // The output layer and the loss as one operation: the [B·T, V] logits never become a tensor.
            let loss = linearCrossEntropy(output.reshaped([T * B, H]), weight: projection.weight, bias: projection.bias,
                                          targets: targets)
            loss.backward()
            if options.clip > 0 { clipGradientNorm(parameters, maxNorm: options.clip) }
            optimizer.step()
            lastLoss = loss.value.scalar
        }

        let warmupTime = BenchmarkTiming.seconds { for _ in 0 ..< options.warmup { trainStep() } }
        var times: [Double] = []
        for index in 0 ..< options.steps {
            let time = BenchmarkTiming.seconds(trainStep)
            times.append(time)
            benchmarkNote(String(format: "  step %d/%d: %.0f ms  loss=%.4f", index + 1, options.steps, time * 1e3, lastLoss))
        }
        let step = BenchmarkTiming.median(times)
        let tokensPerSecond = Double(B * T) / step
        benchmarkNote(String(format: "train: median step %.1f ms (min %.1f) -> %.0f tokens/s (~%.0f GFLOP/s effective, approx.)  warm-up %.1f s",
                             step * 1e3, times.min()! * 1e3, tokensPerSecond, 3 * forwardFLOP * Double(B * T) / step / 1e9, warmupTime))

        // Sampling: one stream, one token at a time, the state carried.
        let inference = LSTMInference(lstm: lstm, input: embedding.map { .embedding($0) } ?? .oneHot, outputLayer: projection)
        var sampler = RandomGenerator(seed: options.seed + 1)
        var probabilities = [Float](repeating: 0, count: V)
        let inverseTemperature = 1 / options.temperature
        func sample(_ count: Int) -> [Int] {
            var state = inference.makeState()
            var token = 0, tokens: [Int] = []
            tokens.reserveCapacity(count)
            for _ in 0 ..< count {
                inference.step(token: token, state: &state)
                token = probabilities.withUnsafeMutableBufferPointer { weights in
                    state.logits.withUnsafeBufferPointer { logits in
                        // softmax(logits / T) up to its normaliser, which the categorical draw divides out.
                        var maximum = -Float.infinity
                        for logit in logits { maximum = max(maximum, logit) }
                        for k in 0 ..< V { weights[k] = expf((logits[k] - maximum) * inverseTemperature) }
                    }
                    return sampler.categorical(UnsafeBufferPointer(weights))
                }
                tokens.append(token)
            }
            return tokens
        }
        _ = sample(min(50, options.sampleLength))
        var sampleTimes: [Double] = [], sequence: [Int] = []
        for _ in 0 ..< options.sampleRepetitions {
            sampleTimes.append(BenchmarkTiming.seconds { sequence = sample(options.sampleLength) })
        }
        let sampleTime = BenchmarkTiming.median(sampleTimes)
        let sampleTokensPerSecond = Double(options.sampleLength) / sampleTime
        let weightsMB = Double(lstm.parameterCount + projection.parameterCount) * 4 / 1e6
        benchmarkNote(String(format: "sample (LSTMInference): %d tokens, batch 1, T=%.2g: median %.1f ms -> %.0f tokens/s (%.0f us/token)  first tokens %@",
                             options.sampleLength, options.temperature, sampleTime * 1e3, sampleTokensPerSecond,
                             sampleTime / Double(options.sampleLength) * 1e6, "\(Array(sequence.prefix(8)))"))
        benchmarkNote(String(format: "  (weights touched per sampled token: ~%.1f MB fp32)", weightsMB))

        return .object([
            ("bench", .string(name)),
            ("belamy", .string(Belamy.version)),
            ("threads", .integer(CoreThreads.count)),
            ("clock", .string(BenchmarkTiming.clock.rawValue)),
            ("openblas_core", .string(CoreThreads.coreName)),
            ("args", .object([
                ("vocab", .integer(V)), ("embed", .integer(E)), ("hidden", .integer(H)), ("layers", .integer(L)),
                ("seq", .integer(T)), ("batch", .integer(B)), ("lr", .rounded(Double(options.learningRate), 6)),
                ("clip", .rounded(Double(options.clip), 6)), ("steps", .integer(options.steps)),
                ("warmup", .integer(options.warmup)), ("sample_len", .integer(options.sampleLength)),
                ("sample_reps", .integer(options.sampleRepetitions)),
                ("temperature", .rounded(Double(options.temperature), 6)), ("threads", .integer(options.threads)),
                ("seed", .integer(Int(options.seed))),
            ])),
            ("params", .integer(parameterCount)),
            ("fwd_mflop_per_token", .rounded(forwardFLOP / 1e6, 3)),
            ("train_step_ms_median", .milliseconds(step, 2)),
            ("train_step_ms_min", .milliseconds(times.min()!, 2)),
            ("train_step_ms_all", .array(times.map { .milliseconds($0, 1) })),
            ("train_tokens_per_sec", .rounded(tokensPerSecond, 1)),
            ("final_loss", .rounded(Double(lastLoss), 4)),
            ("sample_len", .integer(options.sampleLength)),
            ("sample_ms_median", .milliseconds(sampleTime, 2)),
            ("sample_ms_all", .array(sampleTimes.map { .milliseconds($0, 1) })),
            ("sample_tokens_per_sec", .rounded(sampleTokensPerSecond, 1)),
            ("sample_us_per_token", .rounded(sampleTime / Double(options.sampleLength) * 1e6, 1)),
            ("weights_mb_per_sampled_token", .rounded(weightsMB, 2)),
            ("env_OPENBLAS_CORETYPE", ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].map { .string($0) } ?? .null),
        ])
    }

    /// Forward FLOPs per token of the matrix products, counted as the reference counts them: a
    /// one-hot input as a dense V-wide product, an embedding lookup as free.
    static func forwardFLOPPerToken(vocabulary: Int, embedding: Int, hidden: Int, layers: Int) -> Double {
        let inputSize = embedding <= 0 ? vocabulary : embedding
        var flop = 0
        for layer in 0 ..< layers {
            flop += 2 * 4 * hidden * ((layer == 0 ? inputSize : hidden) + hidden)
        }
        return Double(flop + 2 * hidden * vocabulary)
    }
}

private extension Tensor {
    /// This `[…, V]` tensor with a 1 at column `ids[row]` of every row: the one-hot encoding.
    func settingOnes(at ids: [Int]) -> Tensor {
        var copy = self
        let width = shape.last!
        copy.withUnsafeMutableBufferPointer { values in
            for (row, id) in ids.enumerated() { values[row * width + id] = 1 }
        }
        return copy
    }
}
