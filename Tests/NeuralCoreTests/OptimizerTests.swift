import XCTest
@testable import NeuralCore

final class OptimizerTests: XCTestCase {
    // MARK: Parity with torch.optim (fixtures_optim.py)

    func testAdamMatchesTorch() throws {
        try assertMatchesTorch("adam", slots: ["exp_avg", "exp_avg_sq"]) {
            Adam($0, learningRate: 0.01, betas: (0.9, 0.999), epsilon: 1e-8, weightDecay: 0.1)
        }
    }

    func testAdamWMatchesTorch() throws {
        try assertMatchesTorch("adamw", slots: ["exp_avg", "exp_avg_sq"]) {
            AdamW($0, learningRate: 0.01, betas: (0.8, 0.99), epsilon: 1e-6, weightDecay: 0.1)
        }
    }

    func testSGDMatchesTorch() throws {
        try assertMatchesTorch("sgd", slots: []) { SGD($0, learningRate: 0.1) }
        try assertMatchesTorch("sgd_momentum", slots: ["momentum_buffer"]) {
            SGD($0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        }
        try assertMatchesTorch("sgd_nesterov", slots: ["momentum_buffer"]) {
            SGD($0, learningRate: 0.1, momentum: 0.9, nesterov: true)
        }
    }

    func testGradientClippingMatchesTorch() throws {
        let fixture = try loadFixture("optim").tensors
        let variables = try (0 ..< 2).map { i -> Variable in
            let variable = Variable(Tensor(zeros: try XCTUnwrap(fixture["clip.grad.\(i)"]).shape), requiresGrad: true)
            variable.grad = fixture["clip.grad.\(i)"]
            return variable
        }
        let norm = clipGradientNorm(variables, maxNorm: 1)
        XCTAssertEqual(norm, try XCTUnwrap(fixture["clip.norm"]).scalar, accuracy: 1e-5)
        for (i, variable) in variables.enumerated() {
            assertClose(try XCTUnwrap(variable.grad), try XCTUnwrap(fixture["clip.clipped.\(i)"]), tolerance: 1e-6)
        }
        // Under the limit nothing changes, but the norm is still reported.
        let clipped = variables.map { $0.grad! }
        XCTAssertEqual(clipGradientNorm(variables, maxNorm: 2), 1, accuracy: 1e-5)
        XCTAssertEqual(variables.map { $0.grad! }, clipped)
    }

    // MARK: Checkpointing

    func testResumingFromSavedStateContinuesExactly() throws {
        func makeOptimizers(_ variables: [Variable]) -> [Optimizer] {
            [Adam(variables, learningRate: 0.01, weightDecay: 0.1), AdamW(variables, learningRate: 0.01),
             SGD(variables, learningRate: 0.1, momentum: 0.9, nesterov: true)]
        }
        for kind in 0 ..< 3 {
            let uninterrupted = [randomVariable([3, 4], seed: 1), randomVariable([5], seed: 2)]
            let interrupted = [randomVariable([3, 4], seed: 1), randomVariable([5], seed: 2)]
            let first = makeOptimizers(uninterrupted)[kind]
            var second = makeOptimizers(interrupted)[kind]
            for step in 0 ..< 6 {
                if step == 3 {
                    // Save, throw the optimizer away, and continue with a fresh one, via the file format.
                    let saved = try SafeTensors.decode(SafeTensors.encode(second.stateDictionary()))
                    second = makeOptimizers(interrupted)[kind]
                    try second.loadStateDictionary(saved.tensors)
                }
                for (optimizer, variables) in [(first, uninterrupted), (second, interrupted)] {
                    optimizer.zeroGradients()
                    ((variables[0].sum(alongAxis: 0) * variables[1].slice(0 ..< 4)).tanh().sum()).backward()
                    optimizer.step()
                }
            }
            XCTAssertEqual(uninterrupted.map(\.value), interrupted.map(\.value), "optimizer \(kind)")
        }
    }

    func testLoadingStateForAnotherModelFails() {
        let optimizer = Adam([randomVariable([2, 2], seed: 1)])
        let other = Adam([randomVariable([3], seed: 1)]).stateDictionary()
        XCTAssertThrowsError(try optimizer.loadStateDictionary(other)) { error in
            XCTAssertEqual(error as? OptimizerError, .shapeMismatch(key: "0.exp_avg", expected: [2, 2], found: [3]))
        }
        var state = optimizer.stateDictionary()
        state["1.step"] = Tensor(0)
        XCTAssertThrowsError(try optimizer.loadStateDictionary(state)) { error in
            XCTAssertEqual(error as? OptimizerError, .unexpectedState("1.step"))
        }
        state = optimizer.stateDictionary()
        state["0.step"] = Tensor(1.5)
        XCTAssertThrowsError(try optimizer.loadStateDictionary(state)) { error in
            XCTAssertEqual(error as? OptimizerError, .invalidStep("0.step"))
        }
        XCTAssertThrowsError(try optimizer.loadStateDictionary([:])) { error in
            XCTAssertEqual(error as? OptimizerError, .missingState("0.step"))
        }
    }

    // MARK: Learning-rate schedules

    func testSchedules() {
        XCTAssertEqual(LearningRateSchedule.constant(0.1).learningRate(atStep: 1000), 0.1)

        let warmup = LearningRateSchedule(peak: 1, warmupSteps: 4)
        XCTAssertEqual((0 ..< 6).map(warmup.learningRate(atStep:)), [0.25, 0.5, 0.75, 1, 1, 1])

        let cosine = LearningRateSchedule.cosine(peak: 1, minimum: 0.1, totalSteps: 12, warmupSteps: 2)
        XCTAssertEqual(cosine.learningRate(atStep: 0), 0.5)
        XCTAssertEqual(cosine.learningRate(atStep: 2), 1)
        XCTAssertEqual(cosine.learningRate(atStep: 7), 0.55, accuracy: 1e-6, "halfway down")
        XCTAssertEqual(cosine.learningRate(atStep: 12), 0.1, accuracy: 1e-6)
        XCTAssertEqual(cosine.learningRate(atStep: 500), 0.1, accuracy: 1e-6, "stays at the minimum")
        let rates = (2 ... 12).map(cosine.learningRate(atStep:))
        XCTAssertEqual(rates, rates.sorted(by: >), "decreasing after warmup")
    }

    // MARK: Helpers

    /// Runs the optimizer made by `make` through the fixture's five steps and compares every
    /// intermediate parameter, and the final state, with PyTorch's.
    private func assertMatchesTorch(_ name: String, slots: [String], line: UInt = #line,
                                    _ make: ([Variable]) -> Optimizer) throws {
        let fixture = try loadFixture("optim").tensors
        let variables = try (0 ..< 2).map { Variable(try XCTUnwrap(fixture["param.\($0)"]), requiresGrad: true) }
        let optimizer = make(variables)
        let baseLearningRate = optimizer.learningRate
        for (step, scale) in [Float(1), 2, 1.5, 0.5, 1].enumerated() {
            optimizer.zeroGradients()
            for (i, variable) in variables.enumerated() { variable.grad = fixture["grad.step\(step).\(i)"] }
            optimizer.learningRate = baseLearningRate * scale
            optimizer.step()
            for (i, variable) in variables.enumerated() {
                assertClose(variable.value, try XCTUnwrap(fixture["\(name).step\(step).\(i)"]),
                            "\(name) step \(step) parameter \(i)", line: line)
            }
        }
        let state = optimizer.stateDictionary()
        for slot in slots {
            for i in 0 ..< 2 {
                assertClose(try XCTUnwrap(state["\(i).\(slot)"]), try XCTUnwrap(fixture["\(name).\(slot).\(i)"]),
                            "\(name) \(slot) \(i)", line: line)
            }
        }
        // Parameter 1 had no gradient at step 2, so it was updated only four times.
        XCTAssertEqual(state["0.step"]?.scalar, 5, line: line)
        XCTAssertEqual(state["1.step"]?.scalar, 4, line: line)
    }

    /// Fails unless `actual` and `expected` have the same shape and agree element-wise within
    /// `tolerance`, relative to the element's size where it exceeds one.
    private func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-6, _ message: String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
        guard actual.shape == expected.shape else {
            return XCTFail("shape \(actual.shape) ≠ \(expected.shape) \(message)", file: file, line: line)
        }
        for (index, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() where !(abs(a - e) <= tolerance * max(1, abs(e))) {
            return XCTFail("element \(index): \(a) ≠ \(e) \(message)", file: file, line: line)
        }
    }
}
