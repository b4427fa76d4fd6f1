/// NumPy-style broadcasting: shapes are aligned at their trailing axes, and an axis of size 1
/// stretches to match the other.
public enum Broadcasting {
    /// The shape two operands broadcast to, or a precondition failure naming both shapes.
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        let paddedA = [Int](repeating: 1, count: rank - a.count) + a
        let paddedB = [Int](repeating: 1, count: rank - b.count) + b
        return zip(paddedA, paddedB).map { x, y in
            precondition(x == y || x == 1 || y == 1, "shapes \(a) and \(b) do not broadcast")
            return max(x, y)
        }
    }

    /// For each element of a tensor of shape `target`, the index of the element of a tensor of
    /// shape `source` that broadcasts onto it.
    static func sourceIndices(from source: [Int], to target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - source.count) + source
        var strides = [Int](repeating: 0, count: target.count)
        var running = 1
        for axis in stride(from: target.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : running
            running *= padded[axis]
        }
        let count = target.reduce(1, *)
        var indices = [Int](repeating: 0, count: count)
        var coordinate = [Int](repeating: 0, count: target.count)
        var offset = 0
        for flat in 0 ..< count {
            indices[flat] = offset
            // Odometer increment over the target's coordinates.
            var axis = target.count - 1
            while axis >= 0 {
                coordinate[axis] += 1
                offset += strides[axis]
                if coordinate[axis] < target[axis] { break }
                offset -= strides[axis] * coordinate[axis]
                coordinate[axis] = 0
                axis -= 1
            }
        }
        return indices
    }
}

extension Tensor {
    /// This tensor repeated to `target` shape by broadcasting.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(Broadcasting.shape(shape, target) == target, "cannot broadcast \(shape) to \(target)")
        if count == 1 { return Tensor(repeating: scalars[0], shape: target) }
        let indices = Broadcasting.sourceIndices(from: shape, to: target)
        return withUnsafeBufferPointer { source in
            Tensor(uninitializedShape: target) { out in
                for i in 0 ..< out.count { out[i] = source[indices[i]] }
            }
        }
    }

    /// Sums this tensor down to `target` shape: the adjoint of `broadcast(to:)`, used by the
    /// backward pass of every broadcasting operation.
    public func reduced(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        if target.reduce(1, *) == 1 { return Tensor(shape: target, scalars: [sum().scalar]) }
        let indices = Broadcasting.sourceIndices(from: target, to: shape)
        var result = Tensor(zeros: target)
        result.withUnsafeMutableBufferPointer { out in
            withUnsafeBufferPointer { source in
                for i in 0 ..< source.count { out[indices[i]] += source[i] }
            }
        }
        return result
    }
}
