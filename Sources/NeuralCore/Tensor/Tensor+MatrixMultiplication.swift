import CBLAS

/// Matrix products through OpenBLAS's `cblas_sgemm`, the hot path of every layer.
extension Tensor {
    /// The matrix product of `[m, k]` and `[k, n]` matrices, either optionally transposed.
    public static func matmul(_ a: Tensor, _ b: Tensor,
                              transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matmul needs matrices, got \(a.shape) and \(b.shape)")
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let kB = transposeB ? b.shape[1] : b.shape[0]
        let n = transposeB ? b.shape[0] : b.shape[1]
        precondition(k == kB, "matmul inner sizes differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        var c = Tensor(zeros: [m, n])
        c.withUnsafeMutableBufferPointer { out in
            a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
                gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                     alpha: 1, a: x.baseAddress!, lda: a.shape[1], b: y.baseAddress!, ldb: b.shape[1],
                     beta: 0, c: out.baseAddress!, ldc: n)
            } }
        }
        return c
    }
}

/// `C = alpha·op(A)·op(B) + beta·C` on row-major raw buffers; kernels call this directly to
/// multiply into slices of larger buffers without copying.
@inlinable
public func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                 alpha: Float, a: UnsafePointer<Float>, lda: Int,
                 b: UnsafePointer<Float>, ldb: Int,
                 beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        // BLAS leaves C untouched only when beta == 1; keep the algebra exact for empty products.
        for row in 0 ..< m { for col in 0 ..< n { c[row * ldc + col] *= beta } }
        return
    }
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
