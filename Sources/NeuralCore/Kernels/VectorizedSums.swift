/// Sums over contiguous runs of floats, written with explicit SIMD accumulators.
///
/// The compiler may not reorder floating-point additions (it would change the result), so a
/// plain `total += x[i]` loop runs one dependent add at a time. Sixteen independent lanes let
/// these reductions keep up with memory bandwidth, which is what BatchNorm and bias gradients need.
enum VectorizedSums {
    private typealias Lanes = SIMD16<Float>

    /// Σ x.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(x)
        var lanes = Lanes()
        var i = 0
        while i + Lanes.scalarCount <= count {
            lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            i += Lanes.scalarCount
        }
        var total = lanes.sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// Σ (x − shift) and Σ (x − shift)². Shifting by a value near the mean keeps the one-pass
    /// variance `E[d²] − E[d]²` free of cancellation.
    static func sumAndSumOfSquares(_ x: UnsafePointer<Float>, count: Int, shift: Float) -> (sum: Float, sumOfSquares: Float) {
        let raw = UnsafeRawPointer(x)
        var sums = Lanes(), squares = Lanes()
        var i = 0
        while i + Lanes.scalarCount <= count {
            let d = raw.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) - shift
            sums += d
            squares += d * d
            i += Lanes.scalarCount
        }
        var sum = sums.sum(), sumOfSquares = squares.sum()
        while i < count { let d = x[i] - shift; sum += d; sumOfSquares += d * d; i += 1 }
        return (sum, sumOfSquares)
    }

    /// Σ a and Σ a·(b − shift).
    static func sumAndDotProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int,
                                 shift: Float) -> (sum: Float, dotProduct: Float) {
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        var sums = Lanes(), products = Lanes()
        var i = 0
        while i + Lanes.scalarCount <= count {
            let u = rawA.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            let v = rawB.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self) - shift
            sums += u
            products += u * v
            i += Lanes.scalarCount
        }
        var sum = sums.sum(), dotProduct = products.sum()
        while i < count { sum += a[i]; dotProduct += a[i] * (b[i] - shift); i += 1 }
        return (sum, dotProduct)
    }
}
