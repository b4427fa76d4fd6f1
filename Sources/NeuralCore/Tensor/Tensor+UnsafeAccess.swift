extension Tensor {
    /// Runs `body` with read access to the storage of several tensors at once: the alternative is
    /// a pyramid of nested closures in every kernel that reads more than two tensors.
    @inlinable
    public static func withUnsafeBufferPointers<R>(
        _ tensors: [Tensor], _ body: ([UnsafeBufferPointer<Float>]) throws -> R
    ) rethrows -> R {
        var pointers: [UnsafeBufferPointer<Float>] = []
        pointers.reserveCapacity(tensors.count)
        // Each pointer stays valid while the closures that produced it are still on the stack.
        func access(from index: Int) throws -> R {
            if index == tensors.count { return try body(pointers) }
            return try tensors[index].withUnsafeBufferPointer { pointer in
                pointers.append(pointer)
                return try access(from: index + 1)
            }
        }
        return try access(from: 0)
    }
}
