/// Matrix products of tensors, through `gemm` (BLAS.swift), the hot path of every layer.
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
