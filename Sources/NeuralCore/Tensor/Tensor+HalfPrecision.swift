extension Tensor {
    /// The values rounded to the nearest IEEE half-precision number, as model files store them.
    public func roundedToHalfPrecision() -> Tensor { map { Float(halfPrecisionBits: $0.halfPrecisionBits) } }
}
