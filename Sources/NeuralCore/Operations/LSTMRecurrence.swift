/// The recurrent half of an LSTM time step, `h_{t−1} · W_hhᵀ`, and its gradient, shared among
/// threads by hidden units.
///
/// A step is too small to hand off twice (once for its GEMM, once for its element-wise pass), so
/// each thread takes a contiguous range of the hidden units and does both for them: the four gate
/// columns of its units (`i, f, g, o` blocks of `W_hh`, one GEMM each) and then `LSTMCell` on the
/// same units, which never interact within a step.
struct LSTMRecurrence {
    let batchSize: Int, hiddenSize: Int
    /// The number of threads sharing a step.
    let parts: Int

    init(batchSize: Int, hiddenSize: Int) {
        self.batchSize = batchSize
        self.hiddenSize = hiddenSize
        // At least 32 units a thread, and work enough to repay the hand-off.
        let work = batchSize * 4 * hiddenSize * hiddenSize
        parts = work < BLAS.minimumParallelWork ? 1 : max(1, min(Parallel.availableThreads, hiddenSize / 32))
    }

    /// Runs `body(part, units)` for each thread's part of the hidden units, in parallel.
    func forEachPart(_ body: (_ part: Int, _ units: Range<Int>) -> Void) {
        Parallel.forEachPart(parts) { part in body(part, units(ofPart: part)) }
    }

    /// `gates[:, g·H + u] += h · W_hh[g·H + u, :]ᵀ` for the units `u` in `units` and each gate `g`:
    /// the recurrent input to those units' gates (`gates` is `[batch, 4·H]`, `hidden` `[batch, H]`).
    func addProduct(of hidden: UnsafePointer<Float>, units: Range<Int>, weightHH: UnsafePointer<Float>,
                    into gates: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        // All units: the four blocks are side by side, one GEMM.
        let blocks = units.count == h ? [(offset: 0, width: 4 * h)] : (0 ..< 4).map { (offset: $0 * h + units.lowerBound, width: units.count) }
        for block in blocks {
            gemm(transposeA: false, transposeB: true, m: batchSize, n: block.width, k: h,
                 alpha: 1, a: hidden, lda: h, b: weightHH + block.offset * h, ldb: h,
                 beta: 1, c: gates + block.offset, ldc: 4 * h)
        }
    }

    /// `target = Σ_g dgates[:, g·H + units] · W_hh[g·H + units, :]` (or `+=` when `accumulate`):
    /// what these units' gate gradients send back to the previous hidden state, all of its units.
    func productGradient(of gateGradients: UnsafePointer<Float>, units: Range<Int>, weightHH: UnsafePointer<Float>,
                         accumulate: Bool, into target: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        let blocks = units.count == h ? [(offset: 0, width: 4 * h)] : (0 ..< 4).map { (offset: $0 * h + units.lowerBound, width: units.count) }
        for (index, block) in blocks.enumerated() {
            gemm(transposeA: false, transposeB: false, m: batchSize, n: h, k: block.width,
                 alpha: 1, a: gateGradients + block.offset, lda: 4 * h, b: weightHH + block.offset * h, ldb: h,
                 beta: accumulate || index > 0 ? 1 : 0, c: target, ldc: h)
        }
    }

    /// Adds the `parts − 1` partial sums `[batch, H]` stored one after another from `partials`
    /// into `target`, for the units in `units`.
    func gather(_ partials: UnsafePointer<Float>, units: Range<Int>, into target: UnsafeMutablePointer<Float>) {
        let stateSize = batchSize * hiddenSize
        for part in 0 ..< parts - 1 {
            for b in 0 ..< batchSize {
                let source = partials + part * stateSize + b * hiddenSize, row = target + b * hiddenSize
                for j in units { row[j] += source[j] }
            }
        }
    }

    /// The units of thread `part`: contiguous, and split at multiples of 8, the width of
    /// `LSTMCell`'s vector loop.
    private func units(ofPart part: Int) -> Range<Int> {
        func boundary(_ part: Int) -> Int { part == parts ? hiddenSize : hiddenSize * part / parts / 8 * 8 }
        return boundary(part) ..< boundary(part + 1)
    }
}
