extension Variable {
    /// Inverted dropout: zeroes each element with probability `probability` and scales the
    /// survivors by `1 / (1 − probability)`, so the expected value is unchanged and evaluation
    /// needs no rescaling (the `Dropout` layer skips this op outside training).
    public func dropout(probability: Float, generator: inout RandomGenerator) -> Variable {
        precondition(probability >= 0 && probability < 1, "dropout probability must be in [0, 1), got \(probability)")
        if probability == 0 { return self }
        let keep = 1 / (1 - probability)
        let mask = Tensor(uninitializedShape: shape) { out in
            for k in 0 ..< out.count { out[k] = generator.uniform() < probability ? 0 : keep }
        }
        return Variable(value * mask, parents: [self]) { g in [g * mask] }
    }
}
