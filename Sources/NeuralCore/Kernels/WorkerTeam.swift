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

    /// How long a thread keeps checking for work (a worker) or for the others to finish (the
    /// calling thread) before it sleeps, in nanoseconds.
    private static let spinTime: UInt64 = 200_000
    /// With more parts than cores, a waiting thread yields its core between checks.
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// One worker: the count of parts it has been handed, and where it sleeps.
    private final class Worker: @unchecked Sendable {
        let handed = Atomic<Int>(0)
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        var sleeping = false  // guarded by `mutex`

        init() {
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(condition, nil)
        }
    }

    private var workers: [Worker] = []
    /// Set while a loop runs on the team; a second caller meanwhile runs its parts itself.
    private let busy = Atomic<Bool>(false)
    /// The loop being run: read by the workers only between being handed a part and finishing it.
    private var body: ((Int) -> Void)?
    /// Parts handed out and not yet finished.
    private let unfinished = Atomic<Int>(0)
    /// Where the calling thread sleeps when the workers' parts take long.
    private let callerMutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let callerCondition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var callerSleeping = false  // guarded by `callerMutex`

    private init() {
        pthread_mutex_init(callerMutex, nil)
        pthread_cond_init(callerCondition, nil)
    }

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
                pthread_mutex_lock(worker.mutex)
                if worker.sleeping { pthread_cond_signal(worker.condition) }
                pthread_mutex_unlock(worker.mutex)
            }
            body(0)
            // Spin while the others may be about to finish; sleep if they are not (a convolution's
            // parts can differ by milliseconds), so that this core is idle rather than busy.
            if !Self.wait(until: { unfinished.load(ordering: .acquiring) == 0 }, orSleepAfter: Self.spinTime,
                          yielding: parts > Self.cores) {
                pthread_mutex_lock(callerMutex)
                callerSleeping = true
                while unfinished.load(ordering: .acquiring) != 0 { pthread_cond_wait(callerCondition, callerMutex) }
                callerSleeping = false
                pthread_mutex_unlock(callerMutex)
            }
            self.body = nil
        }
    }

    private func startWorker() {
        let worker = Worker(), part = workers.count + 1
        workers.append(worker)
        let thread = Thread { [self] in
            var done = 0
            while true {
                if !Self.wait(until: { worker.handed.load(ordering: .acquiring) != done }, orSleepAfter: Self.spinTime) {
                    pthread_mutex_lock(worker.mutex)
                    worker.sleeping = true
                    while worker.handed.load(ordering: .acquiring) == done { pthread_cond_wait(worker.condition, worker.mutex) }
                    worker.sleeping = false
                    pthread_mutex_unlock(worker.mutex)
                }
                done += 1
                body!(part)
                if unfinished.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                    pthread_mutex_lock(callerMutex)
                    if callerSleeping { pthread_cond_signal(callerCondition) }
                    pthread_mutex_unlock(callerMutex)
                }
            }
        }
        thread.start()
    }

    /// Spins until `condition` holds (true) or `limit` nanoseconds have passed (false), yielding
    /// the core between checks if `yielding`.
    ///
    /// Yielding is for more threads than cores, when the thread waited for may need this core.
    /// Otherwise the loop only spins: a yield is a system call, which on a virtual machine can
    /// take longer than the wait itself.
    private static func wait(until condition: () -> Bool, orSleepAfter limit: UInt64 = .max, yielding: Bool = false) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        var checks = 0
        while !condition() {
            cpu_relax()
            checks += 1
            if checks % 64 == 0 && DispatchTime.now().uptimeNanoseconds - start > limit { return false }
            if yielding { sched_yield() }
        }
        return true
    }
}
