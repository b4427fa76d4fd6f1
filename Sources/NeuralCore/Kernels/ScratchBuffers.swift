import Foundation

/// Reusable memory for kernels' intermediate buffers, such as im2col's column matrix.
///
/// A training step needs the same large temporaries every time (tens of megabytes for a DCGAN
/// layer). Allocating them afresh means the kernel first page-faults and zero-fills memory that it
/// is about to overwrite anyway; keeping them between calls turns that into plain writes to memory
/// that is already mapped. Buffers are handed out under a lock, so concurrent users each get
/// their own.
enum ScratchBuffers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var free: [UnsafeMutableBufferPointer<Float>] = []

    /// Runs `body` with `count` uninitialised floats that nobody else uses until `body` returns.
    static func with<R>(count: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        let buffer = take(count)
        defer { give(buffer) }
        return try body(UnsafeMutableBufferPointer(rebasing: buffer[0 ..< count]))
    }

    /// Runs `body` with two scratch buffers at once.
    static func with<R>(count first: Int, and second: Int,
                        _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try with(count: first) { a in try with(count: second) { b in try body(a, b) } }
    }

    /// The smallest free buffer that holds `count` floats, or a new one.
    private static func take(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
        lock.lock()
        defer { lock.unlock() }
        let fitting = free.indices.filter { free[$0].count >= count }
        if let best = fitting.min(by: { free[$0].count < free[$1].count }) {
            return free.remove(at: best)
        }
        // Free buffers smaller than this request have been outgrown by the current workload:
        // release them so the pool holds about one step's peak rather than every size ever seen.
        for buffer in free where buffer.count < count { buffer.deallocate() }
        free.removeAll { $0.count < count }
        return UnsafeMutableBufferPointer<Float>.allocate(capacity: max(count, 1))
    }

    private static func give(_ buffer: UnsafeMutableBufferPointer<Float>) {
        lock.lock()
        defer { lock.unlock() }
        free.append(buffer)
    }
}
