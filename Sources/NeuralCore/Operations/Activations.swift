import Foundation

/// Element-wise activation functions. Each backward pass is written from the forward output
/// where that is cheaper (tanh, sigmoid) and from the input otherwise.
extension Variable {
    public func relu() -> Variable {
        let x = value
        return Variable(x.mapRanges { x, y, range in for i in range { y[i] = max(x[i], 0) } }, parents: [self]) { g in
            [g.zipRanges(x) { g, x, dx, range in for i in range { dx[i] = x[i] > 0 ? g[i] : 0 } }]
        }
    }

    /// `x` where positive, `slope·x` elsewhere (DCGAN's discriminator uses slope 0.2).
    public func leakyRelu(slope: Float = 0.2) -> Variable {
        let x = value
        return Variable(x.mapRanges { x, y, range in for i in range { y[i] = x[i] > 0 ? x[i] : slope * x[i] } },
                        parents: [self]) { g in
            [g.zipRanges(x) { g, x, dx, range in for i in range { dx[i] = x[i] > 0 ? g[i] : slope * g[i] } }]
        }
    }

    public func tanh() -> Variable {
        let y = value.map(VectorizedMath.tanh, Foundation.tanh)
        return Variable(y, parents: [self]) { g in
            [g.zipRanges(y) { g, y, dx, range in for i in range { dx[i] = g[i] * (1 - y[i] * y[i]) } }]
        }
    }

    public func sigmoid() -> Variable {
        let y = value.map(VectorizedMath.sigmoid, Activation.sigmoid)
        return Variable(y, parents: [self]) { g in
            [g.zipRanges(y) { g, y, dx, range in for i in range { dx[i] = g[i] * y[i] * (1 - y[i]) } }]
        }
    }

    /// GELU, exact form `x·Φ(x)` (PyTorch's default `approximate='none'`).
    public func gelu() -> Variable {
        let x = value
        return Variable(x.map(Activation.gelu), parents: [self]) { g in
            [Tensor.zipWith(g, x) { gv, xv in gv * Activation.geluDerivative(xv) }]
        }
    }
}

/// Scalar activation functions shared by the tensor-level operations and fused kernels (LSTM gates).
public enum Activation {
    @inlinable public static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    @inlinable public static func gelu(_ x: Float) -> Float { 0.5 * x * (1 + erff(x * 0.70710678118654752)) }

    @inlinable public static func geluDerivative(_ x: Float) -> Float {
        let cdf = 0.5 * (1 + erff(x * 0.70710678118654752))
        let pdf = expf(-0.5 * x * x) * 0.39894228040143268
        return cdf + x * pdf
    }
}
