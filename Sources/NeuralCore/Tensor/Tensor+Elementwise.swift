/// Element-wise arithmetic with broadcasting, and maps over single tensors.
///
/// The common cases (equal shapes, a scalar operand, a row vector broadcast over rows) take a
/// direct loop over contiguous memory; anything else goes through `Broadcasting`. The hot
/// element-wise operations (activations and their gradients) use `mapRanges` and `zipRanges`,
/// which share the work among the threads.
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

    /// A tensor of this shape that `kernel(x, y, range)` fills range by range, writing `y[i]`
    /// for every `i` in `range` from this tensor's elements `x`; the ranges are shared among the
    /// threads. The loop over elements is `kernel`'s own, where the compiler can inline and
    /// vectorise it: a per-element closure handed to another thread would be a call per element.
    @inlinable
    public func mapRanges(_ kernel: (_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, Range<Int>) -> Void) -> Tensor {
        guard count > 0 else { return self }
        return withUnsafeBufferPointer { x in
            Tensor(uninitializedShape: shape) { y in
                Parallel.forEachRange(count, workPerItem: 1) { kernel(x.baseAddress!, y.baseAddress!, $0) }
            }
        }
    }

    /// `mapRanges` over this tensor and `other`, of the same shape: `kernel(a, b, y, range)`.
    @inlinable
    public func zipRanges(_ other: Tensor,
                          _ kernel: (_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                     Range<Int>) -> Void) -> Tensor {
        precondition(shape == other.shape, "combining \(shape) with \(other.shape) element by element")
        return other.withUnsafeBufferPointer { b in
            mapRanges { a, y, range in kernel(a, b.baseAddress!, y, range) }
        }
    }

    /// Applies a function to every element, eight at a time with its `VectorizedMath` form
    /// `vectorTransform`, and with `transform` to the last few.
    @inlinable
    public func map(_ vectorTransform: (VectorizedMath.Vector) -> VectorizedMath.Vector,
                    _ transform: (Float) -> Float) -> Tensor {
        let width = VectorizedMath.Vector.scalarCount
        return withUnsafeBufferPointer { x in
            Tensor(uninitializedShape: shape) { out in
                // Ranges of whole vectors, so that only the tensor's last few elements take the
                // scalar form, however the work is cut among threads.
                Parallel.forEachRange((out.count + width - 1) / width, workPerItem: width) { vectors in
                    var i = vectors.lowerBound * width
                    let end = min(out.count, vectors.upperBound * width)
                    while i + width <= end {
                        VectorizedMath.store(vectorTransform(VectorizedMath.load(x.baseAddress! + i)), out.baseAddress! + i)
                        i += width
                    }
                    while i < end { out[i] = transform(x[i]); i += 1 }
                }
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
