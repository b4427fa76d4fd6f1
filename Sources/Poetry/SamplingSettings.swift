import Foundation
import NeuralCore

/// How a character is drawn from the model's prediction: temperature, then top-k, then top-p
/// (nucleus) truncation, always within the set of characters the constraints allow.
public struct SamplingSettings: Equatable {
    /// Divides the logits: below 1 sharpens the distribution (safer), above 1 flattens it (wilder).
    public var temperature: Float
    /// Keep only the `topK` likeliest allowed characters; 0 keeps all.
    public var topK: Int
    /// Keep the smallest set of likeliest characters whose probability reaches `topP`; 1 keeps all.
    public var topP: Float

    public init(temperature: Float = 0.8, topK: Int = 0, topP: Float = 1) {
        precondition(temperature > 0, "temperature must be positive")
        precondition(topK >= 0, "top-k must not be negative")
        precondition(topP > 0 && topP <= 1, "top-p must be in (0, 1]")
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
    }

    /// The distribution to draw from: each allowed token's probability after temperature and
    /// truncation (tokens cut away are left out). `allowed` must not be empty.
    public func distribution(logits: UnsafeBufferPointer<Float>, allowed: [Int]) -> [(token: Int, probability: Float)] {
        precondition(!allowed.isEmpty, "sampling from an empty set of characters")
        var maximum = -Float.infinity
        for token in allowed { maximum = max(maximum, logits[token] / temperature) }
        var candidates = allowed.map { (token: $0, probability: expf(logits[$0] / temperature - maximum)) }
        if topK > 0 || topP < 1 {
            candidates.sort { $0.probability != $1.probability ? $0.probability > $1.probability : $0.token < $1.token }
            if topK > 0 && topK < candidates.count { candidates.removeLast(candidates.count - topK) }
            if topP < 1 {
                let total = candidates.reduce(Float(0)) { $0 + $1.probability }
                var running: Float = 0, kept = 0
                for candidate in candidates {
                    running += candidate.probability
                    kept += 1
                    if running >= topP * total { break }
                }
                candidates.removeLast(candidates.count - kept)
            }
        }
        let total = candidates.reduce(Float(0)) { $0 + $1.probability }
        return candidates.map { ($0.token, $0.probability / total) }
    }

    /// Draws one token from `distribution`.
    public static func draw(from distribution: [(token: Int, probability: Float)], generator: inout RandomGenerator) -> Int {
        distribution[generator.categorical(distribution.map(\.probability))].token
    }
}
