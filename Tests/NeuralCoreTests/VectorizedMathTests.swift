import Foundation
import XCTest
@testable import NeuralCore

/// The vectorised `exp`, `sigmoid` and `tanh` against the C library, over the inputs the kernels see.
final class VectorizedMathTests: XCTestCase {
    /// Every 8 consecutive samples of `range` go through `vectorized`; the worst relative error is returned.
    private func worstRelativeError(over range: ClosedRange<Float>, samples: Int = 80_000,
                                    _ vectorized: (VectorizedMath.Vector) -> VectorizedMath.Vector,
                                    _ reference: (Float) -> Float) -> Float {
        var worst: Float = 0
        for start in stride(from: 0, to: samples, by: 8) {
            var x = VectorizedMath.Vector()
            for lane in 0 ..< 8 {
                x[lane] = range.lowerBound + (range.upperBound - range.lowerBound) * Float(start + lane) / Float(samples - 1)
            }
            let y = vectorized(x)
            for lane in 0 ..< 8 {
                let expected = reference(x[lane])
                let error = abs(y[lane] - expected) / max(abs(expected), Float.leastNormalMagnitude)
                worst = max(worst, error)
            }
        }
        return worst
    }

    func testExponentialMatchesTheCLibrary() {
        XCTAssertLessThan(worstRelativeError(over: -86 ... 88, VectorizedMath.exp, expf), 4e-7)
        XCTAssertEqual(VectorizedMath.exp(VectorizedMath.Vector(repeating: -1000))[0], 0)
        XCTAssertTrue(VectorizedMath.exp(VectorizedMath.Vector(repeating: 1000))[0].isFinite)
    }

    func testSigmoidAndTanhMatchTheCLibrary() {
        XCTAssertLessThan(worstRelativeError(over: -80 ... 20, VectorizedMath.sigmoid, Activation.sigmoid), 5e-7)
        XCTAssertLessThan(worstRelativeError(over: -12 ... 12, VectorizedMath.tanh, tanhf), 5e-7)
        // Tiny inputs keep their relative precision, huge ones saturate cleanly.
        XCTAssertLessThan(worstRelativeError(over: -1e-3 ... 1e-3, VectorizedMath.tanh, tanhf), 5e-7)
        let saturated = VectorizedMath.tanh(VectorizedMath.Vector(repeating: 500))
        XCTAssertEqual(saturated[0], 1)
        XCTAssertLessThan(VectorizedMath.sigmoid(VectorizedMath.Vector(repeating: -500))[0], 1e-37)
    }

    /// The scalar form serves only the tensor's last few elements, whichever threads share it,
    /// so activations come out bit for bit the same on any number of cores.
    func testTensorMapsDoNotDependOnHowManyThreadsShareThem() {
        let savedThreadCount = Parallel.threadCount
        defer { Parallel.threadCount = savedThreadCount }
        let count = 3 * (1 << 15) + 5
        let x = Tensor(shape: [count], scalars: (0 ..< count).map { 3 * sinf(Float($0)) })
        Parallel.threadCount = 1
        let expected = (x.map(VectorizedMath.tanh, tanhf), x.map(VectorizedMath.sigmoid, Activation.sigmoid))
        for threads in [2, 3] {
            Parallel.threadCount = threads
            XCTAssertTrue(x.map(VectorizedMath.tanh, tanhf).scalars == expected.0.scalars, "tanh on \(threads) threads")
            XCTAssertTrue(x.map(VectorizedMath.sigmoid, Activation.sigmoid).scalars == expected.1.scalars,
                          "sigmoid on \(threads) threads")
        }
    }
}
