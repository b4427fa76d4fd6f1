import CBLAS

/// The matrix products under every layer: OpenBLAS's single-threaded kernels, spread over
/// `Parallel.threadCount` threads by cutting each product into independent blocks.
///
/// Why not OpenBLAS's own threads: after every call they keep polling (`sched_yield`) for a
/// while before they sleep, and between two products the core runs its own parallel kernels
/// (im2col, BatchNorm, LSTM cells, Adam) on other threads. The polling threads then took cores
/// from the work: measured on the DCGAN benchmark at 2 threads, cutting OpenBLAS's polling short
/// (`OPENBLAS_THREAD_TIMEOUT=4`) made the generator's batch-64 forward pass 30 % faster and a
/// training step 10 %. Splitting the products here leaves one set of threads for everything
/// (`WorkerTeam`).
enum BLAS {
    /// Set once, before the first product: OpenBLAS works on the calling thread only.
    static let singleThreaded: Void = openblas_set_num_threads(1)

    /// Products smaller than this many multiply–adds run on one thread: a hand-off costs some
    /// microseconds, and a block must be big enough for OpenBLAS's kernels to run at speed.
    static let minimumParallelWork = 1 << 18
}

/// `C = alpha·op(A)·op(B) + beta·C` on row-major raw buffers; kernels call this directly to
/// multiply into slices of larger buffers without copying.
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
    _ = BLAS.singleThreaded
    func block(rows: Range<Int>, columns: Range<Int>, inner: Range<Int>, beta: Float,
               into c: UnsafeMutablePointer<Float>, ldc: Int) {
        // op(A)[rows, inner] and op(B)[inner, columns] as offsets into the stored matrices.
        let a = transposeA ? a + inner.lowerBound * lda + rows.lowerBound : a + rows.lowerBound * lda + inner.lowerBound
        let b = transposeB ? b + columns.lowerBound * ldb + inner.lowerBound : b + inner.lowerBound * ldb + columns.lowerBound
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(rows.count), Int32(columns.count), Int32(inner.count), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c + rows.lowerBound * ldc + columns.lowerBound, Int32(ldc))
    }

    let parts = m * n * k < BLAS.minimumParallelWork ? 1 : Parallel.availableThreads
    // Each way of cutting costs something extra: blocks of rows each pack all of op(B), blocks of
    // columns each pack all of op(A), and blocks of the inner dimension each write a partial C
    // that is then added up. Take the cheapest way whose blocks stay big enough to run at speed.
    let cuts: [(dimension: Int, extra: Int, minimum: Int)] = [(m, k * n, 16), (n, m * k, 16), (k, 3 * m * n, 128)]
    guard parts > 1, let cut = cuts.indices.filter({ cuts[$0].dimension >= parts * cuts[$0].minimum })
        .min(by: { cuts[$0].extra < cuts[$1].extra }) else {
        block(rows: 0 ..< m, columns: 0 ..< n, inner: 0 ..< k, beta: beta, into: c, ldc: ldc)
        return
    }
    func range(_ part: Int, of count: Int) -> Range<Int> { count * part / parts ..< count * (part + 1) / parts }
    switch cut {
    case 0:
        Parallel.forEachPart(parts) { block(rows: range($0, of: m), columns: 0 ..< n, inner: 0 ..< k, beta: beta, into: c, ldc: ldc) }
    case 1:
        Parallel.forEachPart(parts) { block(rows: 0 ..< m, columns: range($0, of: n), inner: 0 ..< k, beta: beta, into: c, ldc: ldc) }
    default:
        // Part 0 accumulates into C itself, the others into partial products summed afterwards.
        ScratchBuffers.with(count: (parts - 1) * m * n) { partials in
            Parallel.forEachPart(parts) { part in
                if part == 0 {
                    block(rows: 0 ..< m, columns: 0 ..< n, inner: range(0, of: k), beta: beta, into: c, ldc: ldc)
                } else {
                    block(rows: 0 ..< m, columns: 0 ..< n, inner: range(part, of: k), beta: 0,
                          into: partials.baseAddress! + (part - 1) * m * n, ldc: n)
                }
            }
            Parallel.forEachRange(m, workPerItem: parts * n) { rows in
                for row in rows {
                    let target = c + row * ldc
                    for part in 1 ..< parts {
                        let source = partials.baseAddress! + (part - 1) * m * n + row * n
                        for column in 0 ..< n { target[column] += source[column] }
                    }
                }
            }
        }
    }
}

/// `y = alpha·op(A)·x + beta·y` for a row-major `[m, n]` matrix `A` (op(A) is `Aᵀ` when
/// `transpose`), with contiguous `x` and `y`. Large products are cut into blocks of `y`, one per thread.
public func gemv(transpose: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                 x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
    _ = BLAS.singleThreaded
    let outputs = transpose ? n : m
    let threads = Parallel.availableThreads
    let parts = m * n < BLAS.minimumParallelWork / 2 || outputs < 64 * threads ? 1 : threads
    Parallel.forEachPart(parts) { part in
        let block = outputs * part / parts ..< outputs * (part + 1) / parts
        if transpose {
            // y[j] for the columns j of this block: A[:, block]ᵀ · x.
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(block.count), alpha, a + block.lowerBound,
                        Int32(lda), x, 1, beta, y + block.lowerBound, 1)
        } else {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(block.count), Int32(n), alpha,
                        a + block.lowerBound * lda, Int32(lda), x, 1, beta, y + block.lowerBound, 1)
        }
    }
}
