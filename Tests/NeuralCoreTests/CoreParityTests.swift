import XCTest
@testable import NeuralCore

/// The element-wise core against PyTorch, on the fixtures written by Tests/Fixtures/fixtures_core.py:
/// each case runs one operation on the fixture's inputs, backpropagates its `grad_output`, and
/// must reproduce PyTorch's output and input gradients.
final class CoreParityTests: XCTestCase {
    /// Loads `core_<name>`, applies `operation` to its inputs (in `inputNames` order) and checks
    /// the output and every input gradient.
    private func check(_ name: String, inputs inputNames: [String], file: StaticString = #filePath, line: UInt = #line,
                       _ operation: ([Variable]) -> Variable) throws {
        let fixture = try loadFixture("core_\(name)").tensors
        let inputs = inputNames.map { Variable(fixture[$0]!, requiresGrad: true) }
        let output = operation(inputs)
        output.backward(seed: fixture["grad_output"]!)
        assertParity(output.value, fixture["output"]!, "\(name) output", file: file, line: line)
        for (inputName, input) in zip(inputNames, inputs) {
            assertParity(input.grad!, fixture["grad_\(inputName)"]!, "\(name) grad_\(inputName)", file: file, line: line)
        }
    }

    func testLinearAndMatmul() throws {
        try check("linear", inputs: ["x", "weight", "bias"]) { linear($0[0], weight: $0[1], bias: $0[2]) }
        try check("matmul", inputs: ["x", "y"]) { Variable.matmul($0[0], $0[1]) }
    }

    func testActivations() throws {
        try check("relu", inputs: ["x"]) { $0[0].relu() }
        try check("leaky_relu", inputs: ["x"]) { $0[0].leakyRelu(slope: 0.2) }
        try check("tanh", inputs: ["x"]) { $0[0].tanh() }
        try check("sigmoid", inputs: ["x"]) { $0[0].sigmoid() }
        try check("gelu", inputs: ["x"]) { $0[0].gelu() }
    }

    func testBroadcastingArithmeticConcatenationAndMean() throws {
        try check("broadcast_arithmetic", inputs: ["x", "y"]) { v in (v[0] + v[1]) * v[1] - v[0] / v[1] }
        try check("concatenate", inputs: ["x", "y"]) { Variable.concatenate($0, alongAxis: 1) }
        try check("mean", inputs: ["x"]) { $0[0].mean() }
    }
}
