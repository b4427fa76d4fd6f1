import Foundation

/// Softmax and log-softmax along the last axis, computed stably: each row is shifted by its
/// maximum before exponentiating, so large logits cannot overflow.
extension Variable {
    /// `exp(x) / Σ exp(x)` along the last axis.
    public func softmax() -> Variable {
        let y = Softmax.rows(of: value, logarithm: false)
        return Variable(y, parents: [self]) { g in
            // dx = y ⊙ (g − Σ g ⊙ y), row by row.
            [Softmax.mapRows(g, y) { g, y, out, n in
                var dot: Float = 0
                for k in 0 ..< n { dot += g[k] * y[k] }
                for k in 0 ..< n { out[k] = y[k] * (g[k] - dot) }
            }]
        }
    }

    /// `x − log Σ exp(x)` along the last axis: what a classifier's loss needs, without the
    /// underflow of taking the log of a softmax.
    public func logSoftmax() -> Variable {
        let y = Softmax.rows(of: value, logarithm: true)
        return Variable(y, parents: [self]) { g in
            // dx = g − softmax ⊙ Σ g, row by row; softmax = exp(y).
            [Softmax.mapRows(g, y) { g, y, out, n in
                var total: Float = 0
                for k in 0 ..< n { total += g[k] }
                for k in 0 ..< n { out[k] = g[k] - expf(y[k]) * total }
            }]
        }
    }
}

/// Row-wise kernels shared by the softmax operations and the fused cross-entropy loss.
enum Softmax {
    /// A row's maximum and `Σ exp(row − maximum)`: shifting by the maximum keeps every term in
    /// (0, 1], so nothing overflows, and keeping the shift apart from the sum keeps the precision
    /// that `maximum + log(sum)` would round away for large logits.
    @inlinable
    static func shiftedExponentialSum(_ row: UnsafePointer<Float>, count: Int) -> (maximum: Float, sum: Float) {
        let maximum = VectorizedMath.maximum(row, count: count)
        return (maximum, VectorizedMath.exponentialSum(row, count: count, shift: maximum))
    }

    /// Softmax (or log-softmax) of every row of the last axis.
    static func rows(of x: Tensor, logarithm: Bool) -> Tensor {
        precondition(x.rank >= 1, "softmax needs at least one axis")
        let n = x.shape.last!
        return x.withUnsafeBufferPointer { input in
            Tensor(uninitializedShape: x.shape) { out in
                for start in stride(from: 0, to: input.count, by: max(n, 1)) {
                    let row = input.baseAddress! + start, target = out.baseAddress! + start
                    let (maximum, sum) = shiftedExponentialSum(row, count: n)
                    if logarithm {
                        let logSum = logf(sum)
                        for k in 0 ..< n { target[k] = (row[k] - maximum) - logSum }
                    } else {
                        VectorizedMath.exponentials(row, count: n, shift: maximum, scale: 1 / sum, into: target)
                    }
                }
            }
        }
    }

    /// A tensor shaped like `a` whose every last-axis row is written by `body(aRow, bRow, outRow, n)`.
    static func mapRows(_ a: Tensor, _ b: Tensor,
                        _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> Tensor {
        let n = a.shape.last!
        return Tensor.withUnsafeBufferPointers([a, b]) { p in
            Tensor(uninitializedShape: a.shape) { out in
                for start in stride(from: 0, to: out.count, by: max(n, 1)) {
                    body(p[0].baseAddress! + start, p[1].baseAddress! + start, out.baseAddress! + start, n)
                }
            }
        }
    }
}
