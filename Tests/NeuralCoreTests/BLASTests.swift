import XCTest
@testable import NeuralCore

/// `gemm` and `gemv` cut large products into blocks, one per thread (`BLAS.swift`): every way of
/// cutting, with either operand transposed, must give the plain product.
final class BLASTests: XCTestCase {
    override func tearDown() { Parallel.threadCount = ProcessInfo.processInfo.activeProcessorCount }

    func testGemmGivesThePlainProductHoweverItIsCut() {
        // Shapes whose cheapest cut is, in turn, by rows, by columns and by the inner dimension,
        // and one too small to cut at all.
        let shapes = [(m: 300, n: 40, k: 30), (m: 40, n: 300, k: 30), (m: 20, n: 24, k: 2000), (m: 5, n: 6, k: 7)]
        for threads in [1, 2, 3] {
            Parallel.threadCount = threads
            for (m, n, k) in shapes {
                for transposeA in [false, true] {
                    for transposeB in [false, true] {
                        assertGemmIsThePlainProduct(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                                    label: "\(threads) threads, \(m)×\(n)×\(k), Aᵀ \(transposeA), Bᵀ \(transposeB)")
                    }
                }
            }
        }
    }

    func testGemvGivesThePlainProductHoweverItIsCut() {
        let (m, n) = (400, 500)
        let a = randomVariable([m, n], seed: 3).value.scalars
        for threads in [1, 2, 3] {
            Parallel.threadCount = threads
            for transpose in [false, true] {
                let (inputs, outputs) = transpose ? (m, n) : (n, m)
                let x = randomVariable([inputs], seed: 4).value.scalars
                let start = randomVariable([outputs], seed: 5).value.scalars
                var y = start
                gemv(transpose: transpose, m: m, n: n, alpha: 2, a: a, lda: n, x: x, beta: 0.5, y: &y)
                for output in 0 ..< outputs {
                    var expected = 0.5 * Double(start[output])
                    for input in 0 ..< inputs {
                        expected += 2 * Double(transpose ? a[input * n + output] : a[output * n + input]) * Double(x[input])
                    }
                    XCTAssertEqual(Double(y[output]), expected, accuracy: 1e-3, "\(threads) threads, transpose \(transpose)")
                }
            }
        }
    }

    /// C = 2·op(A)·op(B) + 0.5·C into a C with three floats of padding per row, which must stay untouched.
    private func assertGemmIsThePlainProduct(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, label: String) {
        let a = randomVariable([m * k], seed: 1).value.scalars, b = randomVariable([k * n], seed: 2).value.scalars
        let lda = transposeA ? m : k, ldb = transposeB ? k : n, ldc = n + 3
        let start = randomVariable([m * ldc], seed: 6).value.scalars
        var c = start
        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 2, a: a, lda: lda,
             b: b, ldb: ldb, beta: 0.5, c: &c, ldc: ldc)
        var worst = 0.0
        for row in 0 ..< m {
            for column in 0 ..< ldc {
                var expected = Double(start[row * ldc + column])
                if column < n {
                    expected *= 0.5
                    for i in 0 ..< k {
                        let left = transposeA ? a[i * lda + row] : a[row * lda + i]
                        let right = transposeB ? b[column * ldb + i] : b[i * ldb + column]
                        expected += 2 * Double(left) * Double(right)
                    }
                }
                worst = max(worst, abs(Double(c[row * ldc + column]) - expected))
            }
        }
        XCTAssertLessThan(worst, 1e-3, label)
    }
}
