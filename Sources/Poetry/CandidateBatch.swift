import Foundation
import NeuralCore

/// Several candidate poems generated side by side, one LSTM stream each: every step advances all
/// of them by one character in one batched product, which costs little more than advancing one.
struct CandidateBatch {
    private let inference: LSTMInference
    private var state: LSTMState
    let count: Int
    let vocabularySize: Int

    /// `count` streams of `model`, each primed with `prompt` (the end of an imaginary previous poem).
    init(model: PoemModel, inference: LSTMInference, count: Int, prompt: [Int]) {
        self.inference = inference
        self.count = count
        vocabularySize = model.vocabulary.count
        state = inference.makeState(batchSize: count)
        for token in prompt { inference.step(tokens: Array(repeating: token, count: count), state: &state) }
    }

    /// Advances every stream by its token.
    mutating func step(_ tokens: [Int]) {
        inference.step(tokens: tokens, state: &state)
    }

    /// Runs `body` on stream `candidate`'s logits for the next character.
    func withLogits<R>(of candidate: Int, _ body: (UnsafeBufferPointer<Float>) -> R) -> R {
        state.logits.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[candidate * vocabularySize ..< (candidate + 1) * vocabularySize]))
        }
    }

    /// The model's own log-probability of `token` as stream `candidate`'s next character (no
    /// temperature, no constraints): what the candidates are ranked by.
    func logProbability(of token: Int, candidate: Int) -> Double {
        withLogits(of: candidate) { logits in
            var maximum = -Float.infinity
            for value in logits { maximum = max(maximum, value) }
            var sum: Double = 0
            for value in logits { sum += Double(expf(value - maximum)) }
            return Double(logits[token] - maximum) - Foundation.log(sum)
        }
    }
}
