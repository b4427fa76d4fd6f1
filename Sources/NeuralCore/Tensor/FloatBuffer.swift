/// Memory for a kernel's intermediate results, allocated without zero-filling and freed with the
/// last reference: a backward closure that captures one keeps what the forward pass saved.
public final class FloatBuffer {
    /// The first element.
    public let base: UnsafeMutablePointer<Float>
    /// Number of elements.
    public let count: Int

    /// Uninitialised storage for `count` elements.
    public init(count: Int) {
        base = .allocate(capacity: max(count, 1))
        self.count = count
    }

    /// Storage holding a copy of `tensor`'s elements.
    public convenience init(copying tensor: Tensor) {
        self.init(count: tensor.count)
        tensor.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: count) }
    }

    deinit { base.deallocate() }

    /// Sets every element to `value`.
    public func fill(with value: Float) { base.update(repeating: value, count: count) }

    /// A tensor of the given shape holding a copy of the elements.
    public func tensor(shape: [Int]) -> Tensor {
        precondition(shape.reduce(1, *) == count, "shape \(shape) does not hold \(count) elements")
        return Tensor(uninitializedShape: shape) { $0.baseAddress!.update(from: base, count: count) }
    }
}
