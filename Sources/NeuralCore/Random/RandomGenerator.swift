import Foundation

/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64): the single source
/// of randomness in Belamy, so one seed determines a whole run. Its state is four words that a
/// checkpoint stores, so a resumed run draws exactly the numbers an uninterrupted one would.
public struct RandomGenerator: RandomNumberGenerator, Equatable {
    public private(set) var state: [UInt64]

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        state = (0 ..< 4).map { _ in
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Restores a generator from a saved `state`.
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.state = state
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotate(state[3], 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform draw from [0, 1) with 24 bits of precision (every Float in the range is exact).
    public mutating func uniform() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A standard normal draw (Box–Muller; one of the pair is discarded so the state stays four words).
    public mutating func normal() -> Float {
        let u1 = Double(next() >> 11) * 0x1p-53, u2 = Double(next() >> 11) * 0x1p-53
        return Float((-2 * Foundation.log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func categorical(_ weights: UnsafeBufferPointer<Float>) -> Int {
        var total: Double = 0
        for w in weights { total += Double(w) }
        precondition(total > 0, "categorical draw from all-zero weights")
        let target = Double(next() >> 11) * 0x1p-53 * total
        var running: Double = 0
        for (index, w) in weights.enumerated() {
            running += Double(w)
            if target < running { return index }
        }
        // Rounding can leave the target just past the end: take the last non-zero weight.
        return weights.lastIndex { $0 > 0 }!
    }

    /// An index drawn with probability proportional to `weights`.
    public mutating func categorical(_ weights: [Float]) -> Int {
        weights.withUnsafeBufferPointer { categorical($0) }
    }

    /// A uniform integer in `0 ..< upperBound`.
    public mutating func integer(below upperBound: Int) -> Int { Int.random(in: 0 ..< upperBound, using: &self) }

    /// The elements of `array` in a random order.
    public mutating func shuffled<T>(_ array: [T]) -> [T] { array.shuffled(using: &self) }
}
