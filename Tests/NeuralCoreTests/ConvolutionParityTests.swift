import Foundation
import XCTest
@testable import NeuralCore

/// The image layers against PyTorch, on the fixtures written by Tests/Fixtures/fixtures_conv.py:
/// the same inputs and weights (loaded by their PyTorch names) must give the same outputs,
/// gradients and running statistics.
final class ConvolutionParityTests: XCTestCase {
    func testConv2dMatchesPyTorch() throws {
        for name in ["conv2d_same", "conv2d_dcgan", "conv2d_strided_odd"] {
            let fixture = try ParityFixture(name)
            let weight = try fixture.tensor("weight")
            var generator = RandomGenerator(seed: 0)
            let layer = Conv2d(inputChannels: weight.shape[1], outputChannels: weight.shape[0], kernelSize: weight.shape[2],
                               stride: try fixture.setting("stride"), padding: try fixture.setting("padding"),
                               bias: fixture.has("bias"), generator: &generator)
            try layer.loadStateDictionary(fixture.tensors(named: ["weight", "bias"]))
            try assertLayer(layer, matches: fixture)
        }
    }

    func testConvTranspose2dMatchesPyTorch() throws {
        for name in ["conv_transpose2d_dcgan", "conv_transpose2d_output_padding", "conv_transpose2d_from_noise"] {
            let fixture = try ParityFixture(name)
            let weight = try fixture.tensor("weight")
            var generator = RandomGenerator(seed: 0)
            let layer = ConvTranspose2d(inputChannels: weight.shape[0], outputChannels: weight.shape[1],
                                        kernelSize: weight.shape[2], stride: try fixture.setting("stride"),
                                        padding: try fixture.setting("padding"),
                                        outputPadding: try fixture.setting("output_padding"),
                                        bias: fixture.has("bias"), generator: &generator)
            try layer.loadStateDictionary(fixture.tensors(named: ["weight", "bias"]))
            try assertLayer(layer, matches: fixture)
        }
    }

    func testBatchNormMatchesPyTorchInBothModes() throws {
        for name in ["batch_norm2d_train", "batch_norm2d_eval", "batch_norm1d_train"] {
            let fixture = try ParityFixture(name)
            let layer = BatchNorm(featureCount: try fixture.tensor("weight").count)
            try layer.loadStateDictionary(fixture.tensors(named: ["weight", "bias", "running_mean", "running_var"]))
            let isTraining: Bool = try fixture.setting("training")
            layer.setTraining(isTraining)
            try assertLayer(layer, matches: fixture)
            if isTraining {
                assertParity(layer.runningMean.value, try fixture.tensor("running_mean_after"), "\(name) running_mean")
                assertParity(layer.runningVariance.value, try fixture.tensor("running_var_after"), "\(name) running_var")
            } else {
                XCTAssertEqual(layer.runningMean.value, try fixture.tensor("running_mean"), "evaluation must not update")
            }
        }
    }

    func testUpsampleNearestMatchesPyTorch() throws {
        for name in ["upsample_nearest_2", "upsample_nearest_3"] {
            let fixture = try ParityFixture(name)
            let x = Variable(try fixture.tensor("input"), requiresGrad: true)
            let y = upsampleNearest(x, scale: try fixture.setting("scale"))
            y.backward(seed: try fixture.tensor("grad_output"))
            assertParity(y.value, try fixture.tensor("output"), "\(name) output")
            assertParity(x.grad!, try fixture.tensor("grad_input"), "\(name) grad_input")
        }
    }

    /// Runs `layer` forward on the fixture's input and backward from its `grad_output`, and
    /// compares the output and the gradient of the input and of every parameter.
    private func assertLayer(_ layer: some Module & ImageLayer, matches fixture: ParityFixture,
                             line: UInt = #line) throws {
        let x = Variable(try fixture.tensor("input"), requiresGrad: true)
        let y = layer(x)
        y.backward(seed: try fixture.tensor("grad_output"))
        assertParity(y.value, try fixture.tensor("output"), "\(fixture.name) output", line: line)
        assertParity(x.grad!, try fixture.tensor("grad_input"), "\(fixture.name) grad_input", line: line)
        for (name, parameter) in layer.namedParameters() {
            assertParity(parameter.grad!, try fixture.tensor("grad_\(name)"), "\(fixture.name) grad_\(name)", line: line)
        }
    }
}

/// The layers these parity tests drive: a module applied to one batch.
private protocol ImageLayer { func callAsFunction(_ x: Variable) -> Variable }
extension Conv2d: ImageLayer {}
extension ConvTranspose2d: ImageLayer {}
extension BatchNorm: ImageLayer {}

/// One `Fixtures/conv_<name>.safetensors` file: tensors by name, settings from the metadata.
private struct ParityFixture {
    let name: String
    let file: SafeTensorsFile
    let settings: [String: Any]

    init(_ name: String) throws {
        self.name = name
        file = try loadFixture("conv_\(name)")
        let json = Data((file.metadata["settings"] ?? "{}").utf8)
        settings = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    }

    func has(_ tensorName: String) -> Bool { file.tensors[tensorName] != nil }

    func tensor(_ tensorName: String) throws -> Tensor {
        guard let tensor = file.tensors[tensorName] else { throw ParityFixtureError.missing("\(name): \(tensorName)") }
        return tensor
    }

    /// The tensors among `names` that the file holds (a layer without bias has no `bias`).
    func tensors(named names: [String]) -> [String: Tensor] {
        file.tensors.filter { names.contains($0.key) }
    }

    func setting<T>(_ key: String) throws -> T {
        guard let value = settings[key] as? T else { throw ParityFixtureError.missing("\(name): setting \(key)") }
        return value
    }
}

private enum ParityFixtureError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self { case .missing(let what): return "fixture lacks \(what)" }
    }
}
