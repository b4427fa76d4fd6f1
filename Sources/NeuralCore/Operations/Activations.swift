import Foundation

/// Element-wise activation functions. Each backward pass is written from the forward output
/// where that is cheaper (tanh, sigmoid) and from the input otherwise.
extension Variable {
    public func relu() -> Variable {
        let x = value
        return Variable(x.map { max($0, 0) }, parents: [self]) { g in
            [Tensor.zipWith(g, x) { gv, xv in xv > 0 ? gv : 0 }]
        }
    }

    /// `x` where positive, `slope·x` elsewhere (DCGAN's discriminator uses slope 0.2).
    public func leakyRelu(slope: Float = 0.2) -> Variable {
        let x = value
        return Variable(x.map { $0 > 0 ? $0 : slope * $0 }, parents: [self]) { g in
            [Tensor.zipWith(g, x) { gv, xv in xv > 0 ? gv : slope * gv }]
        }
    }

    public func tanh() -> Variable {
        let y = value.map(VectorizedMath.tanh, Foundation.tanh)
        return Variable(y, parents: [self]) { g in
            [Tensor.zipWith(g, y) { gv, yv in gv * (1 - yv * yv) }]
        }
    }

    public func sigmoid() -> Variable {
        let y = value.map(VectorizedMath.sigmoid, Activation.sigmoid)
        return Variable(y, parents: [self]) { g in
            [Tensor.zipWith(g, y) { gv, yv in gv * yv * (1 - yv) }]
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
