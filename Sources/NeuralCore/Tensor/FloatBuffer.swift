import Foundation

/// Memory for a kernel's intermediate results, allocated without zero-filling and released with
/// the last reference: a backward closure that captures one keeps what the forward pass saved.
///
/// Large buffers are recycled through `FloatBufferPool`: a training step asks for the same sizes
/// every time (an LSTM's saved gates are tens of megabytes), and memory fresh from the system
/// must be page-faulted and zeroed before the kernel overwrites it anyway.
public final class FloatBuffer {
    /// The first element.
    public let base: UnsafeMutablePointer<Float>
    /// Number of elements.
    public let count: Int

    /// Uninitialised storage for `count` elements.
    public init(count: Int) {
        base = FloatBufferPool.shared.take(count)
        self.count = count
    }

    deinit { FloatBufferPool.shared.give(base, count: count) }

    /// Sets every element to `value`.
    public func fill(with value: Float) { base.update(repeating: value, count: count) }

    /// A tensor of the given shape holding a copy of the elements.
    public func tensor(shape: [Int]) -> Tensor {
        precondition(shape.reduce(1, *) == count, "shape \(shape) does not hold \(count) elements")
        return Tensor(uninitializedShape: shape) { $0.baseAddress!.update(from: base, count: count) }
    }
}

/// Released `FloatBuffer` memory kept for reuse, by exact size, up to a fixed total.
final class FloatBufferPool {
    static let shared = FloatBufferPool()

    /// Smaller buffers are cheap to get from malloc, which keeps its own free lists for them.
    let minimumPooledCount = 1 << 16
    /// The most floats kept idle (256 MB): about two training steps' worth of LSTM buffers at the
    /// sizes Belamy trains, so steady-state training allocates nothing new.
    let capacity = 1 << 26

    private let lock = NSLock()
    private var idle: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var idleCount = 0

    /// Memory for `count` floats: a kept buffer of exactly that size, or a new allocation.
    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count >= minimumPooledCount {
            lock.lock()
            defer { lock.unlock() }
            if let buffer = idle[count]?.popLast() {
                idleCount -= count
                return buffer
            }
        }
        return .allocate(capacity: max(count, 1))
    }

    /// Takes back memory from `take`, keeping it if there is room.
    func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        if count >= minimumPooledCount {
            lock.lock()
            defer { lock.unlock() }
            if idleCount + count <= capacity {
                idle[count, default: []].append(buffer)
                idleCount += count
                return
            }
        }
        buffer.deallocate()
    }
}
