/// Batch normalisation over axis 1 (the channels) of `[N, C]` or `[N, C, H, W]` inputs, like
/// `torch.nn.functional.batch_norm`.
///
/// In training mode each channel is normalised with the mean and biased variance of the batch,
/// and `runningMean`/`runningVariance`, when given, move towards them in place:
/// `running = (1 − momentum)·running + momentum·batch`, with the unbiased variance, as PyTorch does.
/// In evaluation mode the running statistics are used instead, so the output no longer depends
/// on the rest of the batch. `weight` (γ) and `bias` (β), both `[C]`, scale and shift the result.
public func batchNorm(_ x: Variable, weight: Variable?, bias: Variable?,
                      runningMean: Variable?, runningVariance: Variable?,
                      isTraining: Bool, momentum: Float = 0.1, epsilon: Float = 1e-5) -> Variable {
    precondition((x.value.rank == 2 || x.value.rank == 4) && x.value.count > 0,
                 "batchNorm expects a non-empty [N, C] or [N, C, H, W], got \(x.shape)")
    let input = x.value
    let batch = input.shape[0], channels = input.shape[1], plane = input.count / (batch * channels)
    let perChannel = batch * plane
    for tensor in [weight, bias, runningMean, runningVariance].compactMap({ $0?.value }) {
        precondition(tensor.shape == [channels], "batchNorm parameter of shape \(tensor.shape) for \(channels) channels")
    }
    precondition((runningMean == nil) == (runningVariance == nil), "batchNorm needs both running statistics or neither")
    let usesBatchStatistics = isTraining || runningMean == nil
    precondition(!usesBatchStatistics || perChannel > 1,
                 "batchNorm in training mode needs more than one value per channel, got \(x.shape)")

    var mean = [Float](repeating: 0, count: channels)
    var inverseStandardDeviation = [Float](repeating: 0, count: channels)
    if usesBatchStatistics {
        var variance = [Float](repeating: 0, count: channels)
        input.withUnsafeBufferPointer { values in
            mean.withUnsafeMutableBufferPointer { mean in
                variance.withUnsafeMutableBufferPointer { variance in
                    // One pass over the data for both moments, in each channel's own thread.
                    Parallel.forEachRange(channels, workPerItem: perChannel) { range in
                        for c in range {
                            // Any value of the channel is near enough its mean to serve as the shift.
                            let shift = values[c * plane]
                            var sum = 0.0, sumOfSquares = 0.0
                            for n in 0 ..< batch {
                                let partial = VectorizedSums.sumAndSumOfSquares(
                                    values.baseAddress! + (n * channels + c) * plane, count: plane, shift: shift)
                                sum += Double(partial.sum)
                                sumOfSquares += Double(partial.sumOfSquares)
                            }
                            let shiftedMean = sum / Double(perChannel)
                            mean[c] = shift + Float(shiftedMean)
                            variance[c] = Float(max(0, sumOfSquares / Double(perChannel) - shiftedMean * shiftedMean))
                        }
                    }
                }
            }
        }
        for c in 0 ..< channels { inverseStandardDeviation[c] = 1 / (variance[c] + epsilon).squareRoot() }
        if let runningMean, let runningVariance {
            let unbiased = Float(perChannel) / Float(perChannel - 1)
            for c in 0 ..< channels {
                runningMean.value.scalars[c] = (1 - momentum) * runningMean.value.scalars[c] + momentum * mean[c]
                runningVariance.value.scalars[c] = (1 - momentum) * runningVariance.value.scalars[c]
                    + momentum * unbiased * variance[c]
            }
        }
    } else {
        mean = runningMean!.value.scalars
        inverseStandardDeviation = runningVariance!.value.scalars.map { 1 / ($0 + epsilon).squareRoot() }
    }

    // y = γ·(x − mean)/σ + β, folded into one multiply-add per element.
    let gamma = weight?.value.scalars ?? [Float](repeating: 1, count: channels)
    let beta = bias?.value.scalars ?? [Float](repeating: 0, count: channels)
    let scale = (0 ..< channels).map { gamma[$0] * inverseStandardDeviation[$0] }
    let offset = (0 ..< channels).map { beta[$0] - mean[$0] * scale[$0] }
    let y = input.affinePerChannel(scale: scale, offset: offset)

    let parents = [x] + [weight, bias].compactMap { $0 }
    let needsInputGradient = x.requiresGrad
    return Variable(y, parents: parents) { g in
        // Per channel: Σ dy, and Σ dy·(x − mean), from which dβ, dγ and the input gradient follow.
        var gradientSum = [Float](repeating: 0, count: channels)
        var gradientDotCentered = [Float](repeating: 0, count: channels)
        g.withUnsafeBufferPointer { dy in input.withUnsafeBufferPointer { values in
            gradientSum.withUnsafeMutableBufferPointer { gradientSum in
                gradientDotCentered.withUnsafeMutableBufferPointer { gradientDotCentered in
                    Parallel.forEachRange(channels, workPerItem: perChannel) { range in
                        for c in range {
                            var sum = 0.0, dot = 0.0
                            for n in 0 ..< batch {
                                let offset = (n * channels + c) * plane
                                let partial = VectorizedSums.sumAndDotProduct(
                                    dy.baseAddress! + offset, values.baseAddress! + offset, count: plane, shift: mean[c])
                                sum += Double(partial.sum)
                                dot += Double(partial.dotProduct)
                            }
                            gradientSum[c] = Float(sum)
                            gradientDotCentered[c] = Float(dot)
                        }
                    }
                }
            }
        } }

        var inputGradient: Tensor?
        if needsInputGradient {
            if usesBatchStatistics {
                // The mean and variance depend on every input, which adds two terms to dx:
                // dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)), written as a·dy + b·x + k per channel.
                var a = [Float](repeating: 0, count: channels), b = a, k = a
                for c in 0 ..< channels {
                    let s = inverseStandardDeviation[c], m = Float(perChannel)
                    a[c] = gamma[c] * s
                    b[c] = -gamma[c] * s * s * s * gradientDotCentered[c] / m
                    k[c] = -a[c] * gradientSum[c] / m - b[c] * mean[c]
                }
                inputGradient = g.affinePerChannel(scale: a, plus: input, scaledBy: b, offset: k)
            } else {
                inputGradient = g.affinePerChannel(scale: scale, offset: [Float](repeating: 0, count: channels))
            }
        }
        let weightGradient = weight == nil ? nil
            : Tensor(shape: [channels], scalars: (0 ..< channels).map { gradientDotCentered[$0] * inverseStandardDeviation[$0] })
        let biasGradient = bias == nil ? nil : Tensor(shape: [channels], scalars: gradientSum)
        return [inputGradient] + (weight == nil ? [] : [weightGradient]) + (bias == nil ? [] : [biasGradient])
    }
}

extension Tensor {
    /// `scale[c]·x + offset[c]` for every element `x` of channel `c` of this `[N, C, …]` tensor.
    func affinePerChannel(scale: [Float], offset: [Float]) -> Tensor {
        affinePerChannel(scale: scale, plus: nil, scaledBy: nil, offset: offset)
    }

    /// `scale[c]·x + otherScale[c]·other + offset[c]`, element by element, per channel `c`;
    /// `other` has this tensor's shape.
    func affinePerChannel(scale: [Float], plus other: Tensor?, scaledBy otherScale: [Float]?, offset: [Float]) -> Tensor {
        let channels = shape[1], plane = count / (shape[0] * channels)
        return withUnsafeBufferPointer { x in
            (other ?? self).withUnsafeBufferPointer { z in
                Tensor(uninitializedShape: shape) { out in
                    Parallel.forEachRange(shape[0] * channels, workPerItem: plane) { planes in
                        for p in planes {
                            let c = p % channels, a = scale[c], k = offset[c]
                            let base = p * plane
                            if let otherScale {
                                let b = otherScale[c]
                                for i in base ..< base + plane { out[i] = a * x[i] + b * z[i] + k }
                            } else {
                                for i in base ..< base + plane { out[i] = a * x[i] + k }
                            }
                        }
                    }
                }
            }
        }
    }
}
