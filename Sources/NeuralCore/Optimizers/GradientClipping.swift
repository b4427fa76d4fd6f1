/// Scales all gradients together so their global L2 norm is at most `maxNorm`, as
/// `torch.nn.utils.clip_grad_norm_`, and returns the norm before clipping (worth logging:
/// a spike warns of instability). Variables without a gradient are ignored.
@discardableResult
public func clipGradientNorm(_ variables: [Variable], maxNorm: Float) -> Float {
    var sumOfSquares = 0.0
    for variable in variables {
        variable.grad?.withUnsafeBufferPointer { g in
            for value in g { sumOfSquares += Double(value * value) }
        }
    }
    let norm = Float(sumOfSquares.squareRoot())
    // The same small guard against division by zero as PyTorch.
    let scale = maxNorm / (norm + 1e-6)
    if scale < 1 {
        for variable in variables where variable.grad != nil {
            variable.grad!.withUnsafeMutableBufferPointer { g in
                for i in 0 ..< g.count { g[i] *= scale }
            }
        }
    }
    return norm
}
