import XCTest
@testable import NeuralCore

final class ElementwiseGradientTests: XCTestCase {
    func testBroadcastingArithmetic() {
        let a = randomVariable([3, 4], seed: 1), b = randomVariable([4], seed: 2)
        assertGradientsMatchFiniteDifferences([a, b]) { v in v[0] + v[1] }
        assertGradientsMatchFiniteDifferences([a, b]) { v in v[0] - v[1] }
        assertGradientsMatchFiniteDifferences([a, b]) { v in v[0] * v[1] }
        let positive = Variable(b.value.map { abs($0) + 1 }, requiresGrad: true)
        assertGradientsMatchFiniteDifferences([a, positive]) { v in v[0] / v[1] }
    }

    func testActivations() {
        // Keep inputs away from ReLU's kink, where finite differences are meaningless.
        let x = Variable(randomVariable([5, 6], seed: 3).value.map { $0 + ($0 >= 0 ? 0.1 : -0.1) }, requiresGrad: true)
        assertGradientsMatchFiniteDifferences([x]) { $0[0].relu() }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].leakyRelu(slope: 0.2) }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].tanh() }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].sigmoid() }
        assertGradientsMatchFiniteDifferences([x]) { $0[0].gelu() }
    }

    func testLinearAndMatmul() {
        let x = randomVariable([4, 3], seed: 4), w = randomVariable([5, 3], seed: 5), b = randomVariable([5], seed: 6)
        assertGradientsMatchFiniteDifferences([x, w, b]) { v in linear(v[0], weight: v[1], bias: v[2]) }
        let m = randomVariable([3, 2], seed: 8)
        assertGradientsMatchFiniteDifferences([x, m]) { v in Variable.matmul(v[0], v[1]) }
    }

    func testShapeOperationsAndReductions() {
        let a = randomVariable([2, 3], seed: 9), b = randomVariable([2, 2], seed: 10)
        assertGradientsMatchFiniteDifferences([a, b]) { v in Variable.concatenate([v[0], v[1]], alongAxis: 1) }
        assertGradientsMatchFiniteDifferences([a]) { v in v[0].slice(1 ..< 2).reshaped([3]) }
        assertGradientsMatchFiniteDifferences([a]) { v in v[0].sum(alongAxis: 0) }
        assertGradientsMatchFiniteDifferences([a]) { v in v[0].mean() }
    }

    func testNoGradientModeRecordsNothing() {
        let w = randomVariable([2, 2], seed: 11)
        let y = withoutGradients { Variable.matmul(w, w).tanh() }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertTrue(Variable.matmul(w, w).requiresGrad)
    }
}

final class GradientCheckerTests: XCTestCase {
    /// The checker itself must catch a wrong backward pass, or every gradient test above is hollow.
    func testCheckerRejectsAWrongGradient() {
        let x = randomVariable([4], seed: 12)
        let mismatch = gradientMismatch([x]) { v in
            Variable(v[0].value * v[0].value, parents: [v[0]]) { g in [g * v[0].value * 4] }
        }
        XCTAssertNotNil(mismatch, "a doubled gradient must be reported")
        XCTAssertNil(gradientMismatch([x]) { v in v[0] * v[0] })
    }
}
