/// Sums, means and maxima over whole tensors or single axes.
extension Tensor {
    /// The sum of all elements, accumulated in Double so large tensors do not lose precision.
    public func sum() -> Tensor {
        var total = 0.0
        withUnsafeBufferPointer { x in for v in x { total += Double(v) } }
        return Tensor(Float(total))
    }

    /// The mean of all elements.
    public func mean() -> Tensor { Tensor(sum().scalar / Float(Swift.max(count, 1))) }

    /// The largest element.
    public func max() -> Float { scalars.max() ?? -.infinity }

    /// Sums along `axis`, keeping it with size 1 when `keepingAxis` is true.
    public func sum(alongAxis axis: Int, keepingAxis: Bool = false) -> Tensor {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        let outer = shape[..<axis].reduce(1, *), length = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        var resultShape = shape
        if keepingAxis { resultShape[axis] = 1 } else { resultShape.remove(at: axis) }
        var result = Tensor(zeros: resultShape)
        result.withUnsafeMutableBufferPointer { out in
            withUnsafeBufferPointer { x in
                for o in 0 ..< outer {
                    for l in 0 ..< length {
                        let base = (o * length + l) * inner
                        for i in 0 ..< inner { out[o * inner + i] += x[base + i] }
                    }
                }
            }
        }
        return result
    }

    /// The index of the largest element in each row of a `[rows, columns]` tensor.
    public func argmaxRows() -> [Int] {
        precondition(rank == 2, "argmaxRows needs a matrix, got \(shape)")
        let columns = shape[1]
        return (0 ..< shape[0]).map { row in
            var best = 0
            for c in 1 ..< columns where scalars[row * columns + c] > scalars[row * columns + best] { best = c }
            return best
        }
    }
}
