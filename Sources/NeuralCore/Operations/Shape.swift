/// Operations that move values around without arithmetic: reshape, concatenation, row slices.
extension Variable {
    /// The same values with another shape (`-1` infers one axis).
    public func reshaped(_ shape: [Int]) -> Variable {
        let original = self.shape
        return Variable(value.reshaped(shape), parents: [self]) { g in [g.reshaped(original)] }
    }

    /// Flattens every axis after the first: `[N, …] → [N, rest]`.
    public func flattened() -> Variable { reshaped([shape[0], -1]) }

    /// Concatenates variables along `axis`; all other axes must agree.
    public static func concatenate(_ parts: [Variable], alongAxis axis: Int) -> Variable {
        precondition(!parts.isEmpty, "concatenating no variables")
        let first = parts[0].shape
        for part in parts {
            precondition(part.shape.count == first.count
                && part.shape.enumerated().allSatisfy { $0.offset == axis || $0.element == first[$0.offset] },
                "cannot concatenate \(part.shape) with \(first) along axis \(axis)")
        }
        let outer = first[..<axis].reduce(1, *)
        let inner = first[(axis + 1)...].reduce(1, *)
        let widths = parts.map { $0.shape[axis] * inner }
        let total = widths.reduce(0, +)
        var shape = first
        shape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        var out = [Float](); out.reserveCapacity(outer * total)
        for o in 0 ..< outer {
            for (part, width) in zip(parts, widths) {
                out.append(contentsOf: part.value.scalars[o * width ..< (o + 1) * width])
            }
        }
        return Variable(Tensor(shape: shape, scalars: out), parents: parts) { g in
            var gradients = parts.map { [Float](repeating: 0, count: $0.value.count) }
            for o in 0 ..< outer {
                var offset = o * total
                for (index, width) in widths.enumerated() {
                    gradients[index].replaceSubrange(o * width ..< (o + 1) * width,
                                                     with: g.scalars[offset ..< offset + width])
                    offset += width
                }
            }
            return zip(parts, gradients).map { Tensor(shape: $0.shape, scalars: $1) }
        }
    }

    /// Rows `range` of the leading axis.
    public func slice(_ range: Range<Int>) -> Variable {
        let shape = self.shape
        let rowSize = shape.dropFirst().reduce(1, *)
        return Variable(value.slice(range), parents: [self]) { g in
            var full = Tensor(zeros: shape)
            full.scalars.replaceSubrange(range.lowerBound * rowSize ..< range.upperBound * rowSize, with: g.scalars)
            return [full]
        }
    }
}
