import Foundation

/// Work sharing over the machine's cores, for every kernel of the core: the matrix products
/// (`BLAS.swift`), the convolutions' image chunks and the memory-bound kernels between them.
///
/// Loops nest: a convolution hands each thread a share of the images, and the im2col, GEMM and
/// transpose of that share then run on that thread alone, since every core already has work.
public enum Parallel {
    /// How many threads the kernels use: every core the process may run on, unless set lower
    /// (`belamy bench --threads`, or 1 where a job is a chain of tiny products).
    nonisolated(unsafe) public static var threadCount = ProcessInfo.processInfo.activeProcessorCount

    /// Below this many element operations a second thread costs more to wake (some microseconds)
    /// than it saves, which is the common case at batch 1.
    static let minimumParallelWork = 1 << 15

    /// How many threads a loop started now may use: 1 while another loop runs (inside one of its
    /// parts, every core already has work).
    static var availableThreads: Int { WorkerTeam.shared.isRunning ? 1 : threadCount }

    /// Runs `body` over `0 ..< count` split into one contiguous range per thread, or on the
    /// calling thread when `count · workPerItem` is too small to repay the hand-off. Ranges never
    /// overlap, so `body` may write to disjoint parts of one buffer without locks.
    @usableFromInline
    static func forEachRange(_ count: Int, workPerItem: Int, _ body: (Range<Int>) -> Void) {
        let parts = count * workPerItem < minimumParallelWork ? 1 : min(availableThreads, count)
        forEachPart(parts) { part in body(count * part / parts ..< count * (part + 1) / parts) }
    }

    /// Runs `body(part)` for every part in `0 ..< parts`, each on its own thread (the calling
    /// thread and `WorkerTeam`'s).
    static func forEachPart(_ parts: Int, _ body: (Int) -> Void) {
        WorkerTeam.shared.run(parts: parts, body)
    }
}
