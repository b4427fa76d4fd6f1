/// Reductions of variables to scalars or along an axis.
extension Variable {
    /// The sum of all elements.
    public func sum() -> Variable {
        let shape = self.shape
        return Variable(value.sum(), parents: [self]) { g in [Tensor(repeating: g.scalar, shape: shape)] }
    }

    /// The mean of all elements.
    public func mean() -> Variable {
        let shape = self.shape, n = Float(value.count)
        return Variable(value.mean(), parents: [self]) { g in [Tensor(repeating: g.scalar / n, shape: shape)] }
    }

    /// Sums along `axis`, removing it.
    public func sum(alongAxis axis: Int) -> Variable {
        let shape = self.shape
        var kept = shape
        kept[axis] = 1
        return Variable(value.sum(alongAxis: axis), parents: [self]) { g in
            [g.reshaped(kept).broadcast(to: shape)]
        }
    }
}
