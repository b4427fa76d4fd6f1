/// Element-wise arithmetic with broadcasting, and maps over single tensors.
///
/// The common cases (equal shapes, a scalar operand, a row vector broadcast over rows) take a
/// direct loop over contiguous memory; anything else goes through `Broadcasting`.
extension Tensor {
    /// Combines two tensors element by element after broadcasting them to a common shape.
    @inlinable
    public static func zipWith(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape {
            return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
                Tensor(uninitializedShape: a.shape) { out in
                    for i in 0 ..< out.count { out[i] = op(x[i], y[i]) }
                }
            } }
        }
        if b.count == 1 {
            let s = b.scalars[0]
            return a.map { op($0, s) }
        }
        if a.count == 1 {
            let s = a.scalars[0]
            return b.map { op(s, $0) }
        }
        let shape = Broadcasting.shape(a.shape, b.shape)
        let x = a.broadcast(to: shape), y = b.broadcast(to: shape)
        return zipWith(x, y, op)
    }

    /// Applies `transform` to every element.
    @inlinable
    public func map(_ transform: (Float) -> Float) -> Tensor {
        withUnsafeBufferPointer { x in
            Tensor(uninitializedShape: shape) { out in
                for i in 0 ..< out.count { out[i] = transform(x[i]) }
            }
        }
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, +) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, -) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, *) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { zipWith(a, b, /) }
    public static func + (a: Tensor, s: Float) -> Tensor { a.map { $0 + s } }
    public static func - (a: Tensor, s: Float) -> Tensor { a.map { $0 - s } }
    public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s } }
    public static func / (a: Tensor, s: Float) -> Tensor { a.map { $0 / s } }
    public static func * (s: Float, a: Tensor) -> Tensor { a.map { s * $0 } }
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    /// Adds `other` (same shape) into this tensor in place, scaled by `alpha`: the accumulate
    /// step of every backward pass, so it must not allocate.
    @inlinable
    public mutating func add(_ other: Tensor, scaledBy alpha: Float = 1) {
        precondition(shape == other.shape, "adding \(other.shape) into \(shape)")
        withUnsafeMutableBufferPointer { y in
            other.withUnsafeBufferPointer { x in
                for i in 0 ..< y.count { y[i] += alpha * x[i] }
            }
        }
    }
}
