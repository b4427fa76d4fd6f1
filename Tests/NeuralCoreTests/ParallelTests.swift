import Foundation
import Synchronization
import XCTest
@testable import NeuralCore

/// The worker team that runs parallel loops: every part exactly once, loop after loop, and
/// callers on several threads at once served without mixing their parts up.
final class ParallelTests: XCTestCase {
    override func tearDown() { Parallel.threadCount = ProcessInfo.processInfo.activeProcessorCount }

    func testEveryPartRunsExactlyOnceInManyQuickLoops() {
        for threads in [2, 3] {
            Parallel.threadCount = threads
            let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
            defer { counts.deallocate() }
            counts.initialize(repeating: 0)
            // Quick loops one after another: the workers are handed work while still spinning
            // from the last loop, and now and then after they have gone to sleep.
            for round in 0 ..< 20_000 {
                if round % 5_000 == 4_999 { usleep(2_000) }
                Parallel.forEachPart(threads) { part in counts[part] += 1 }
            }
            XCTAssertEqual(Array(counts), Array(repeating: 20_000, count: threads), "\(threads) threads")
        }
    }

    func testLoopsStartedOnSeveralThreadsAtOnceAllComplete() {
        Parallel.threadCount = 2
        let callers = 4, rounds = 2_000
        let totals = UnsafeMutableBufferPointer<Int>.allocate(capacity: callers * 2)
        defer { totals.deallocate() }
        totals.initialize(repeating: 0)
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for _ in 0 ..< rounds {
                Parallel.forEachPart(2) { part in totals[caller * 2 + part] += 1 }
            }
        }
        XCTAssertEqual(Array(totals), Array(repeating: rounds, count: callers * 2))
    }
}
