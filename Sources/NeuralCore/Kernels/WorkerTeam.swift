import CPlatform
import Foundation
import Synchronization

/// The threads that run the parts of a parallel loop (`Parallel.forEachPart`) beside the
/// calling thread: started once, then kept waiting for work.
///
/// Why not Dispatch: an LSTM time step hands work to the other threads thousands of times a
/// second, and Dispatch puts an idle worker to sleep at once, so every hand-off paid for waking
/// a thread through the kernel (tens of microseconds on a virtual machine; the melody benchmark
/// spent 30% of its second core waiting). These workers spin for a moment first, so that work
/// arriving soon after the last is picked up within a microsecond, and only then
/// sleep. Nothing else of Belamy's computes on other threads (OpenBLAS runs single-threaded on
/// the caller, see `BLAS.swift`), so the spinning never takes a core from real work.
final class WorkerTeam: @unchecked Sendable {
    static let shared = WorkerTeam()

    /// With more parts than cores, a waiting thread yields its core between checks.
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// One worker: the count of parts it has been handed, and where it waits for the next.
    private final class Worker: @unchecked Sendable {
        let handed = Atomic<Int>(0)
        let waiting = WaitingPlace()
    }

    private var workers: [Worker] = []
    /// Set while a loop runs on the team; a second caller meanwhile runs its parts itself.
    private let busy = Atomic<Bool>(false)
    /// The loop being run: read by the workers only between being handed a part and finishing it.
    private var body: ((Int) -> Void)?
    /// Parts handed out and not yet finished.
    private let unfinished = Atomic<Int>(0)
    /// Where the calling thread waits for the workers' parts.
    private let callerWaiting = WaitingPlace()

    /// Whether a loop is running on the team: then any loop started meanwhile, inside one of its
    /// parts or on another thread, would run on its calling thread alone.
    var isRunning: Bool { busy.load(ordering: .acquiring) }

    /// Runs `body(part)` for every part in `0 ..< parts`: part 0 on the calling thread, the others
    /// on workers. Returns once all have finished.
    func run(parts: Int, _ body: (Int) -> Void) {
        guard parts > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for part in 0 ..< parts { body(part) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        while workers.count < parts - 1 { startWorker() }
        withoutActuallyEscaping(body) { body in
            self.body = body
            unfinished.store(parts - 1, ordering: .relaxed)
            for worker in workers[0 ..< parts - 1] {
                // The release publishes `body` to the worker, which acquires it with the count.
                worker.handed.add(1, ordering: .releasing)
                worker.waiting.wake()
            }
            body(0)
            // A convolution's parts can differ by milliseconds: then this thread sleeps rather
            // than keep its core busy.
            callerWaiting.wait(until: { unfinished.load(ordering: .acquiring) == 0 }, yielding: parts > Self.cores)
            self.body = nil
        }
    }

    private func startWorker() {
        let worker = Worker(), part = workers.count + 1
        workers.append(worker)
        Thread { [self] in
            var done = 0
            while true {
                worker.waiting.wait(until: { worker.handed.load(ordering: .acquiring) != done }, yielding: false)
                done += 1
                body!(part)
                if unfinished.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { callerWaiting.wake() }
            }
        }.start()
    }
}

/// Where one thread waits for a condition that others make true: it spins for a moment, so that
/// a condition about to hold is seen within a microsecond, then sleeps until woken.
private final class WaitingPlace: @unchecked Sendable {
    /// How long the thread spins before it sleeps, in nanoseconds.
    private static let spinTime: UInt64 = 200_000

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var sleeping = false  // guarded by `mutex`

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    /// Returns once `holds()` is true, yielding the core between checks while spinning if `yielding`.
    ///
    /// Yielding is for more threads than cores, when the thread waited for may need this core.
    /// Otherwise the loop only spins: a yield is a system call, which on a virtual machine can
    /// take longer than the wait itself.
    func wait(until holds: () -> Bool, yielding: Bool) {
        let start = DispatchTime.now().uptimeNanoseconds
        var checks = 0
        while !holds() {
            cpu_relax()
            checks += 1
            if checks % 64 == 0 && DispatchTime.now().uptimeNanoseconds - start > Self.spinTime {
                pthread_mutex_lock(mutex)
                sleeping = true
                while !holds() { pthread_cond_wait(condition, mutex) }
                sleeping = false
                pthread_mutex_unlock(mutex)
                return
            }
            if yielding { sched_yield() }
        }
    }

    /// Wakes the waiting thread if it sleeps; called after making its condition true.
    func wake() {
        pthread_mutex_lock(mutex)
        if sleeping { pthread_cond_signal(condition) }
        pthread_mutex_unlock(mutex)
    }
}
