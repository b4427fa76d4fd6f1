import Dispatch
import Foundation

/// Work sharing for the memory-bound kernels (im2col, col2im, BatchNorm): OpenBLAS keeps both
/// cores busy during a GEMM, but between GEMMs the second core would otherwise sit idle.
enum Parallel {
    /// The cores this process may use.
    static let coreCount = ProcessInfo.processInfo.activeProcessorCount

    /// Below this many element operations a second thread costs more to wake (some microseconds)
    /// than it saves, which is the common case at batch 1.
    static let minimumParallelWork = 1 << 15

    /// Runs `body` over `0 ..< count` split into one contiguous range per core, or on the calling
    /// thread when `count · workPerItem` is too small to repay the hand-off. Ranges never overlap,
    /// so `body` may write to disjoint parts of one buffer without locks.
    static func forEachRange(_ count: Int, workPerItem: Int, _ body: (Range<Int>) -> Void) {
        let parts = min(coreCount, count)
        if parts <= 1 || count * workPerItem < minimumParallelWork {
            body(0 ..< count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(count * part / parts ..< count * (part + 1) / parts)
        }
    }
}
