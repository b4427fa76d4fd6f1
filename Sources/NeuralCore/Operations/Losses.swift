import Foundation

/// Cross-entropy of `logits` (`[rows, classes]`) against one target class per row, averaged over
/// the rows whose target is not `ignoreIndex` (padding). Like PyTorch's `F.cross_entropy`, the
/// mean of no rows at all is NaN.
///
/// Log-softmax and the negative log-likelihood are fused: the forward pass keeps only each row's
/// maximum and exponential sum, and the backward pass rebuilds the softmax from them, writing the gradient
/// `(softmax − onehot(target)) / count` in one sweep instead of materialising probabilities.
public func crossEntropy(logits: Variable, targets: [Int], ignoreIndex: Int? = nil) -> Variable {
    precondition(logits.value.rank == 2, "crossEntropy needs logits [rows, classes], got \(logits.shape)")
    let rows = logits.shape[0], classes = logits.shape[1]
    precondition(targets.count == rows, "crossEntropy got \(targets.count) targets for \(rows) rows")
    let counted = targets.map { $0 != ignoreIndex }
    for (target, isCounted) in zip(targets, counted) where isCounted {
        precondition(target >= 0 && target < classes, "target \(target) outside \(classes) classes")
    }
    let count = Float(counted.lazy.filter { $0 }.count)
    let x = logits.value
    var maxima = [Float](repeating: 0, count: rows), inverseSums = [Float](repeating: 0, count: rows)
    var total: Double = 0
    x.withUnsafeBufferPointer { input in
        for row in 0 ..< rows where counted[row] {
            let start = input.baseAddress! + row * classes
            let (maximum, sum) = Softmax.shiftedExponentialSum(start, count: classes)
            maxima[row] = maximum
            inverseSums[row] = 1 / sum
            // −log softmax(target) = log Σ exp(x − max) − (x_target − max)
            total += Double(logf(sum) - (start[targets[row]] - maximum))
        }
    }
    let loss = Tensor(Float(total) / count)
    return Variable(loss, parents: [logits]) { g in
        let scale = g.scalar / count
        return [x.withUnsafeBufferPointer { input in
            Tensor(uninitializedShape: [rows, classes]) { out in
                for row in 0 ..< rows {
                    let source = input.baseAddress! + row * classes, target = out.baseAddress! + row * classes
                    guard counted[row] else {
                        target.update(repeating: 0, count: classes)
                        continue
                    }
                    VectorizedMath.exponentials(source, count: classes, shift: maxima[row],
                                                scale: scale * inverseSums[row], into: target)
                    target[targets[row]] -= scale
                }
            }
        }]
    }
}

/// Binary cross-entropy between `sigmoid(logits)` and `targets` (probabilities in [0, 1], same
/// shape), averaged over all elements: the DCGAN loss.
///
/// Computed from the logits in the stable form `max(x, 0) − x·y + log(1 + exp(−|x|))`, which
/// never takes the log of a sigmoid that has rounded to 0 or 1.
public func binaryCrossEntropyWithLogits(logits: Variable, targets: Tensor) -> Variable {
    precondition(logits.shape == targets.shape, "logits \(logits.shape) and targets \(targets.shape) differ in shape")
    let x = logits.value, n = Float(x.count)
    var total: Double = 0
    Tensor.withUnsafeBufferPointers([x, targets]) { p in
        for k in 0 ..< p[0].count {
            let logit = p[0][k], target = p[1][k]
            total += Double(max(logit, 0) - logit * target + log1pf(expf(-abs(logit))))
        }
    }
    return Variable(Tensor(Float(total) / n), parents: [logits]) { g in
        // d/dx = σ(x) − y, averaged.
        let scale = g.scalar / n
        return [Tensor.zipWith(x, targets) { logit, target in scale * (Activation.sigmoid(logit) - target) }]
    }
}
