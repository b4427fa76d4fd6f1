/// Layer normalization over the last axis: each row is shifted to mean 0 and scaled to variance 1
/// (biased variance, plus `epsilon`), then multiplied by `weight` and shifted by `bias` (both
/// `[features]`, optional), as PyTorch's `F.layer_norm(x, [features], weight, bias, eps)`.
public func layerNorm(_ x: Variable, weight: Variable?, bias: Variable?, epsilon: Float = 1e-5) -> Variable {
    let features = x.shape.last ?? 0
    precondition(features > 0, "layerNorm needs a non-empty last axis, got \(x.shape)")
    for parameter in [weight, bias].compactMap({ $0 }) {
        precondition(parameter.shape == [features], "layerNorm parameters must be [\(features)], got \(parameter.shape)")
    }
    let rows = x.value.count / features
    // Kept for the backward pass: the normalised input and each row's 1/σ.
    var inverseDeviations = [Float](repeating: 0, count: rows)
    let normalized = x.value.withUnsafeBufferPointer { input in
        Tensor(uninitializedShape: x.shape) { out in
            for row in 0 ..< rows {
                let source = input.baseAddress! + row * features, target = out.baseAddress! + row * features
                var mean: Float = 0
                for k in 0 ..< features { mean += source[k] }
                mean /= Float(features)
                var variance: Float = 0
                for k in 0 ..< features { variance += (source[k] - mean) * (source[k] - mean) }
                let inverse = 1 / (variance / Float(features) + epsilon).squareRoot()
                inverseDeviations[row] = inverse
                for k in 0 ..< features { target[k] = (source[k] - mean) * inverse }
            }
        }
    }
    var y = normalized
    if let weight { y = y * weight.value }
    if let bias { y = y + bias.value }
    let parents = [x] + [weight, bias].compactMap { $0 }
    let hasWeight = weight != nil, hasBias = bias != nil
    return Variable(y, parents: parents) { g in
        // With x̂ the normalised input and d = g ⊙ weight:
        //   dx = (d − mean(d) − x̂ · mean(d ⊙ x̂)) / σ, row by row.
        let d = hasWeight ? g * weight!.value : g
        let dx = Tensor.withUnsafeBufferPointers([d, normalized]) { p in
            Tensor(uninitializedShape: x.shape) { out in
                for row in 0 ..< rows {
                    let start = row * features
                    var meanD: Float = 0, meanDX: Float = 0
                    for k in start ..< start + features {
                        meanD += p[0][k]
                        meanDX += p[0][k] * p[1][k]
                    }
                    meanD /= Float(features)
                    meanDX /= Float(features)
                    let inverse = inverseDeviations[row]
                    for k in start ..< start + features { out[k] = (p[0][k] - meanD - p[1][k] * meanDX) * inverse }
                }
            }
        }
        var gradients: [Tensor?] = [dx]
        let rowsOfFeatures = [rows, features]
        if hasWeight { gradients.append((g * normalized).reshaped(rowsOfFeatures).sum(alongAxis: 0)) }
        if hasBias { gradients.append(g.reshaped(rowsOfFeatures).sum(alongAxis: 0)) }
        return gradients
    }
}
