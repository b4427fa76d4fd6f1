import Foundation
import NeuralCore

/// The SGEMM anchor of `sgemm_peak.c`, through the neural core's `gemm`: square row-major
/// `C = A·B` (alpha 1, beta 0) for each size and thread count, one warm-up call, then calls for
/// at least `minimumTime` seconds; the per-call median and best rates at 2n³ flops per call.
/// Every result is checked against a Double reference (all entries up to n = 256, 64 sampled
/// entries above), before and after the timed calls.
///
/// `gemm` cuts each product into one block per thread for OpenBLAS's single-threaded kernel,
/// where the C anchor leaves the threads to OpenBLAS: this row shows what that costs on plain
/// square products. The anchor's 432-case shape battery is not repeated: it tests OpenBLAS
/// itself, and the core's own tests (`BLASTests`) hold `gemm` to the plain product however it is cut.
struct SGEMMBenchmark: Benchmark {
    struct Options {
        var sizes = [256, 512, 1024, 2048]
        var threads = [1, 2]
        var minimumTime = 1.0
        var seed: UInt64 = 0
    }

    let options: Options

    func run() -> JSONValue {
        benchmarkNote("belamy \(Belamy.version)  gemm → single-threaded cblas_sgemm blocks  OpenBLAS corename=\(CoreThreads.coreName)  config=\(CoreThreads.configuration)")
        var generator = RandomGenerator(seed: options.seed)
        var results: [JSONValue] = [], allCorrect = true
        for n in options.sizes {
            let a = (0 ..< n * n).map { _ in generator.uniform() * 2 - 1 }
            let b = (0 ..< n * n).map { _ in generator.uniform() * 2 - 1 }
            var c = [Float](repeating: 0, count: n * n)
            for threads in options.threads {
                CoreThreads.count = threads
                func multiply() {
                    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
                        gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: a.baseAddress!, lda: n,
                             b: b.baseAddress!, ldb: n, beta: 0, c: c.baseAddress!, ldc: n)
                    } } }
                }
                c = [Float](repeating: 0, count: n * n)
                multiply()
                let errorBefore = maximumRelativeError(n: n, a: a, b: b, c: c, generator: &generator)
                var times: [Double] = []
                let start = BenchmarkTiming.now()
                while times.count < 100_000 {
                    let callStart = BenchmarkTiming.now()
                    multiply()
                    let callEnd = BenchmarkTiming.now()
                    times.append(callEnd - callStart)
                    if callEnd - start >= options.minimumTime && times.count >= 3 { break }
                }
                let errorAfter = maximumRelativeError(n: n, a: a, b: b, c: c, generator: &generator)
                let error = max(errorBefore, errorAfter)
                let correct = error < 1e-5
                allCorrect = allCorrect && correct
                times.sort()
                // The C anchor's median: the upper middle of the sorted times.
                let median = times[times.count / 2], best = times[0]
                let flop = 2 * Double(n) * Double(n) * Double(n)
                benchmarkNote(String(format: "n=%5d threads=%d reps=%6d  median %8.2f GFLOP/s  best %8.2f GFLOP/s  (median %.3f ms)  maxrelerr=%.2e %@",
                                     n, threads, times.count, flop / median * 1e-9, flop / best * 1e-9, median * 1e3, error,
                                     correct ? "OK" : "FAIL"))
                results.append(.object([
                    ("n", .integer(n)), ("threads", .integer(threads)), ("reps", .integer(times.count)),
                    ("gflops_median", .rounded(flop / median * 1e-9, 2)), ("gflops_best", .rounded(flop / best * 1e-9, 2)),
                    ("ms_median", .milliseconds(median, 4)), ("max_rel_err", .number(error)), ("correct", .boolean(correct)),
                ]))
            }
        }
        return .object([
            ("bench", "sgemm"),
            ("belamy", .string(Belamy.version)),
            ("clock", .string(BenchmarkTiming.clock.rawValue)),
            ("coretype_env", .string(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "")),
            ("corename", .string(CoreThreads.coreName)),
            ("config", .string(CoreThreads.configuration)),
            ("args", .object([
                ("sizes", .array(options.sizes.map { .integer($0) })), ("threads", .array(options.threads.map { .integer($0) })),
                ("min_time", .number(options.minimumTime)), ("seed", .integer(Int(options.seed))),
            ])),
            ("results", .array(results)),
            ("all_correct", .boolean(allCorrect)),
        ])
    }

    /// The largest error of `c` against a Double reference, relative to the sum of |products|.
    private func maximumRelativeError(n: Int, a: [Float], b: [Float], c: [Float], generator: inout RandomGenerator) -> Double {
        let entries: [(Int, Int)] = n <= 256
            ? (0 ..< n * n).map { ($0 / n, $0 % n) }
            : (0 ..< 64).map { _ in (generator.integer(below: n), generator.integer(below: n)) }
        var worst = 0.0
        for (i, j) in entries {
            var reference = 0.0, magnitude = 0.0
            for k in 0 ..< n {
                let product = Double(a[i * n + k]) * Double(b[k * n + j])
                reference += product
                magnitude += abs(product)
            }
            worst = max(worst, abs(Double(c[i * n + j]) - reference) / (magnitude > 0 ? magnitude : 1))
        }
        return worst
    }
}
