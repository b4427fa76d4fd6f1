import Foundation

/// Cross-entropy of `logits` (`[rows, classes]`) against one target class per row, averaged over
/// the rows whose target is not `ignoreIndex` (padding). Like PyTorch's `F.cross_entropy`, the
/// mean of no rows at all is NaN.
///
/// Log-softmax and the negative log-likelihood are fused into one sweep per row that also writes
/// the gradient `(softmax − onehot(target)) / count`; the backward pass only scales it by the
/// upstream gradient. That is one exponential per logit in all, and no probabilities kept.
public func crossEntropy(logits: Variable, targets: [Int], ignoreIndex: Int? = nil) -> Variable {
    precondition(logits.value.rank == 2, "crossEntropy needs logits [rows, classes], got \(logits.shape)")
    let rows = logits.shape[0], classes = logits.shape[1]
    let gradient = FloatBuffer(count: rows * classes)
    let loss = logits.value.withUnsafeBufferPointer { x in
        CrossEntropyKernel.lossAndGradient(logits: x.baseAddress!, rows: rows, classes: classes, targets: targets,
                                           ignoreIndex: ignoreIndex, gradient: gradient.base)
    }
    return Variable(Tensor(loss), parents: [logits]) { g in
        let scale = g.scalar
        return [Tensor(uninitializedShape: [rows, classes]) { out in
            for k in 0 ..< out.count { out[k] = scale * gradient.base[k] }
        }]
    }
}

/// `crossEntropy(logits: linear(x, weight: weight, bias: bias), …)` as one operation: a language
/// model's output layer and loss, where the logits are by far the largest tensor of a step
/// (`[time·batch, vocabulary]`, 80 MB at a 5,000-character vocabulary).
///
/// The logits are computed into a reused buffer and turned into their own gradient in place, in
/// the same sweep that computes the loss, so neither logits nor their gradient become tensors;
/// the backward pass feeds that buffer straight to the two GEMMs (`dx = G·W`, `dW = Gᵀ·x`) with
/// the upstream gradient folded into GEMM's `alpha`.
public func linearCrossEntropy(_ x: Variable, weight: Variable, bias: Variable?,
                               targets: [Int], ignoreIndex: Int? = nil) -> Variable {
    precondition(x.value.rank == 2, "linearCrossEntropy expects [rows, features], got \(x.shape)")
    let rows = x.shape[0], features = x.shape[1], classes = weight.shape[0]
    precondition(weight.shape == [classes, features], "weight must be [classes, \(features)], got \(weight.shape)")
    precondition(bias == nil || bias!.shape == [classes], "bias must be [\(classes)]")
    let input = x.value, weights = weight.value
    let gradient = FloatBuffer(count: rows * classes)
    let loss = Tensor.withUnsafeBufferPointers([input, weights, bias?.value ?? Tensor(zeros: [classes])]) { p in
        for row in 0 ..< rows { (gradient.base + row * classes).update(from: p[2].baseAddress!, count: classes) }
        gemm(transposeA: false, transposeB: true, m: rows, n: classes, k: features,
             alpha: 1, a: p[0].baseAddress!, lda: features, b: p[1].baseAddress!, ldb: features,
             beta: 1, c: gradient.base, ldc: classes)
        return CrossEntropyKernel.lossAndGradient(logits: gradient.base, rows: rows, classes: classes,
                                                  targets: targets, ignoreIndex: ignoreIndex, gradient: gradient.base)
    }
    let parents = [x, weight] + (bias.map { [$0] } ?? [])
    let needsInputGradient = x.requiresGrad, hasBias = bias != nil
    return Variable(Tensor(loss), parents: parents) { g in
        let scale = g.scalar
        return Tensor.withUnsafeBufferPointers([input, weights]) { p in
            let inputGradient: Tensor? = needsInputGradient
                ? Tensor(uninitializedShape: [rows, features]) { dx in
                    gemm(transposeA: false, transposeB: false, m: rows, n: features, k: classes,
                         alpha: scale, a: gradient.base, lda: classes, b: p[1].baseAddress!, ldb: features,
                         beta: 0, c: dx.baseAddress!, ldc: features)
                }
                : nil
            let weightGradient = Tensor(uninitializedShape: [classes, features]) { dW in
                gemm(transposeA: true, transposeB: false, m: classes, n: features, k: rows,
                     alpha: scale, a: gradient.base, lda: classes, b: p[0].baseAddress!, ldb: features,
                     beta: 0, c: dW.baseAddress!, ldc: features)
            }
            guard hasBias else { return [inputGradient, weightGradient] }
            // The bias receives the column sums of the logits' gradient: a GEMV with a ones vector.
            let biasGradient = Tensor(uninitializedShape: [classes]) { db in
                let ones = [Float](repeating: 1, count: rows)
                gemv(transpose: true, m: rows, n: classes, alpha: scale, a: gradient.base, lda: classes,
                     x: ones, beta: 0, y: db.baseAddress!)
            }
            return [inputGradient, weightGradient, biasGradient]
        }
    }
}

/// The row sweep shared by the cross-entropy operations.
enum CrossEntropyKernel {
    /// The mean over counted rows of `−log softmax(logits)[target]`, writing `gradient` (which may
    /// be `logits` itself) as `(softmax − onehot(target)) / count`, or zeros for ignored rows.
    /// Rows are independent, so both cores share them.
    static func lossAndGradient(logits: UnsafePointer<Float>, rows: Int, classes: Int, targets: [Int],
                                ignoreIndex: Int?, gradient: UnsafeMutablePointer<Float>) -> Float {
        precondition(targets.count == rows, "cross-entropy got \(targets.count) targets for \(rows) rows")
        let countedRows = targets.lazy.filter { $0 != ignoreIndex }.count
        let scale = 1 / Float(countedRows)
        var rowLosses = [Float](repeating: 0, count: rows)
        rowLosses.withUnsafeMutableBufferPointer { rowLosses in
            Parallel.forEachRange(rows, workPerItem: classes) { range in
                for row in range {
                    let source = logits + row * classes, target = gradient + row * classes
                    guard targets[row] != ignoreIndex else {
                        target.update(repeating: 0, count: classes)
                        continue
                    }
                    let label = targets[row]
                    precondition(label >= 0 && label < classes, "target \(label) outside \(classes) classes")
                    let (maximum, sum) = Softmax.shiftedExponentialSum(source, count: classes)
                    // −log softmax(label) = log Σ exp(x − max) − (x_label − max)
                    rowLosses[row] = logf(sum) - (source[label] - maximum)
                    VectorizedMath.exponentials(source, count: classes, shift: maximum, scale: scale / sum, into: target)
                    target[label] -= scale
                }
            }
        }
        return Float(rowLosses.reduce(0.0) { $0 + Double($1) }) * scale
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
