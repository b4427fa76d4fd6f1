/// Weight initialisers, each drawing from a `RandomGenerator` so initial weights follow the seed.
public enum Initializer {
    /// Uniform on [-bound, bound).
    public static func uniform(_ shape: [Int], bound: Float, generator: inout RandomGenerator) -> Tensor {
        Tensor(uninitializedShape: shape) { out in
            for i in 0 ..< out.count { out[i] = (2 * generator.uniform() - 1) * bound }
        }
    }

    /// Normal with the given mean and standard deviation (DCGAN: mean 0, std 0.02).
    public static func normal(_ shape: [Int], mean: Float = 0, standardDeviation: Float,
                              generator: inout RandomGenerator) -> Tensor {
        Tensor(uninitializedShape: shape) { out in
            for i in 0 ..< out.count { out[i] = mean + standardDeviation * generator.normal() }
        }
    }

    /// Xavier/Glorot uniform: keeps activation variance steady through tanh/sigmoid layers.
    public static func xavierUniform(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(shape)
        return uniform(shape, bound: (6 / Float(fanIn + fanOut)).squareRoot(), generator: &generator)
    }

    /// Kaiming/He normal for ReLU networks: std = √(2 / fan_in).
    public static func kaimingNormal(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let (fanIn, _) = fans(shape)
        return normal(shape, standardDeviation: (2 / Float(fanIn)).squareRoot(), generator: &generator)
    }

    /// Fan-in and fan-out of a weight in PyTorch's layout (`[out, in, kernel…]`).
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(shape.count >= 2, "fans need a weight of rank ≥ 2, got \(shape)")
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }
}
