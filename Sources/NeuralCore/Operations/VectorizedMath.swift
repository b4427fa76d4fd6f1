/// `exp`, `sigmoid` and `tanh` on eight floats at a time, for the element-wise kernels that run
/// them millions of times per training step (LSTM gates, softmax, cross-entropy).
///
/// The C library's `expf` and `tanhf` are exact to an ulp but go one value per call; these use the
/// classic Cephes polynomials (relative error about 2·10⁻⁷, a couple of float ulps) in plain SIMD
/// arithmetic that the compiler keeps in vector registers. `VectorizedMathTests` holds them to
/// the C library over the whole useful range.
public enum VectorizedMath {
    public typealias Vector = SIMD8<Float>

    /// `eˣ`. Inputs below about −87 give 0 and above 88.7 give about 3·10³⁸, never subnormals or
    /// infinity, which is what the kernels want (σ(−100) = 1/(1 + 3·10³⁸) is still 0).
    @inlinable @inline(__always)
    public static func exp(_ x: Vector) -> Vector {
        // eˣ = 2ⁿ · eʳ with n = round(x / ln 2) and |r| ≤ ln 2 / 2, where a short polynomial is exact
        // enough. ln 2 is split into a high part exact in float and a small correction.
        // (Only element-wise arithmetic, comparisons and bit casts here: the standard library's
        // generic SIMD rounding and int conversions run lane by lane and would cost 8× more.)
        var x = x.replacing(with: -87.3, where: x .< -87.3)
        x = x.replacing(with: 88.7, where: x .> 88.7)
        // Adding 1.5·2²³ rounds x/ln 2 to an integer, which lands in the low bits of the mantissa.
        let shifted = x * 1.44269504088896341 + 12_582_912
        let n = shifted - 12_582_912
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p = Vector(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * (r * r) + r + 1
        // 2ⁿ built directly in the exponent bits: (n + 127) << 23. After the clamp n + 127 is at
        // most 255, which would overflow into infinity, so build 2ⁿ⁻¹ and double it.
        let integerN = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let powerOfTwo = unsafeBitCast((integerN &+ 126) &<< 23, to: Vector.self)
        return p * powerOfTwo * 2
    }

    /// `1 / (1 + e⁻ˣ)`.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Vector) -> Vector {
        1 / (1 + exp(-x))
    }

    /// The hyperbolic tangent.
    @inlinable @inline(__always)
    public static func tanh(_ x: Vector) -> Vector {
        // Near zero 1 − 2/(e²ˣ + 1) would cancel away the relative precision, so small inputs
        // use Cephes' odd polynomial instead; both are computed and the right one kept per lane.
        let z = x * x
        var p = Vector(repeating: -5.70498872745e-3)
        p = p * z + 2.06390887954e-2
        p = p * z - 5.37397155531e-2
        p = p * z + 1.33314422036e-1
        p = p * z - 3.33332819422e-1
        let small = p * z * x + x
        let large = 1 - 2 / (exp(2 * x) + 1)
        return large.replacing(with: small, where: abs(x) .< 0.625)
    }

    /// The absolute value of each lane.
    @inlinable @inline(__always)
    static func abs(_ x: Vector) -> Vector { x.replacing(with: -x, where: x .< 0) }

    /// The largest of `count` values.
    @inlinable
    public static func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = Vector(repeating: -.infinity), k = 0
        while k + Vector.scalarCount <= count {
            let values = load(x + k)
            lanes.replace(with: values, where: values .> lanes)   // (pointwiseMax runs lane by lane)
            k += Vector.scalarCount
        }
        var result = lanes.max()
        while k < count { result = Swift.max(result, x[k]); k += 1 }
        return result
    }

    /// `Σ exp(x − shift)` over `count` values.
    @inlinable
    public static func exponentialSum(_ x: UnsafePointer<Float>, count: Int, shift: Float) -> Float {
        var lanes = Vector(), k = 0
        while k + Vector.scalarCount <= count {
            lanes += exp(load(x + k) - shift)
            k += Vector.scalarCount
        }
        var tail = Vector(repeating: -.infinity)
        for lane in 0 ..< count - k { tail[lane] = x[k + lane] }
        return (lanes + exp(tail - shift)).sum()
    }

    /// `output = scale · exp(x − shift)` for `count` values.
    @inlinable
    public static func exponentials(_ x: UnsafePointer<Float>, count: Int, shift: Float, scale: Float,
                                    into output: UnsafeMutablePointer<Float>) {
        var k = 0
        while k + Vector.scalarCount <= count {
            store(scale * exp(load(x + k) - shift), output + k)
            k += Vector.scalarCount
        }
        var tail = Vector()
        for lane in 0 ..< count - k { tail[lane] = x[k + lane] }
        let last = scale * exp(tail - shift)
        for lane in 0 ..< count - k { output[k + lane] = last[lane] }
    }

    /// Eight floats from possibly unaligned memory.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    /// Stores eight floats to possibly unaligned memory.
    @inlinable @inline(__always)
    public static func store(_ value: Vector, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Vector.self)
    }
}
