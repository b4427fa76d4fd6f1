import XCTest
@testable import NeuralCore

final class ModelFileTests: XCTestCase {
    private func temporaryFile() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-model-\(UUID().uuidString).safetensors")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private let tensors = ["layer.weight": Tensor(shape: [2, 2], scalars: [0.1, -0.2, 0.3, 1e-3])]

    func testRoundTripInHalfPrecisionKeepsMetadataAndRoundedValues() throws {
        let url = temporaryFile()
        try ModelFile(craft: "poem", architecture: "char-lstm", tensors: tensors, metadata: ["vocabulary": "ab"]).write(to: url)
        let model = try ModelFile.read(from: url, craft: "poem", architecture: "char-lstm")
        XCTAssertEqual(model.metadata, ["vocabulary": "ab"])
        XCTAssertEqual(model.tensors["layer.weight"], tensors["layer.weight"]!.roundedToHalfPrecision())
        XCTAssertNotEqual(model.tensors["layer.weight"], tensors["layer.weight"], "values are stored in float16")
    }

    func testWrongCraftArchitectureVersionOrDamageIsRefused() throws {
        let url = temporaryFile()
        try ModelFile(craft: "poem", architecture: "char-lstm", tensors: tensors, metadata: [:]).write(to: url)
        XCTAssertThrowsError(try ModelFile.read(from: url, craft: "portrait", architecture: "dcgan")) {
            XCTAssertEqual($0 as? ModelFileError, .wrongCraft(url.path, expected: "portrait", found: "poem"))
        }
        XCTAssertThrowsError(try ModelFile.read(from: url, craft: "poem", architecture: "transformer")) {
            XCTAssertEqual($0 as? ModelFileError, .wrongArchitecture(url.path, expected: "transformer", found: "char-lstm"))
        }

        var file = try SafeTensors.read(from: url)
        file.metadata["belamy_format_version"] = "99"
        try SafeTensors.write(file.tensors, metadata: file.metadata, to: url)
        XCTAssertThrowsError(try ModelFile.read(from: url, craft: "poem", architecture: "char-lstm")) {
            XCTAssertEqual($0 as? ModelFileError, .newerVersion(url.path, 99))
        }

        file.metadata["belamy_format_version"] = "1"
        file.tensors["layer.weight"]!.scalars[0] = 0.5
        try SafeTensors.write(file.tensors, metadata: file.metadata, to: url)
        XCTAssertThrowsError(try ModelFile.read(from: url, craft: "poem", architecture: "char-lstm")) {
            XCTAssertEqual($0 as? ModelFileError, .checksumMismatch(url.path))
        }

        try SafeTensors.write(tensors, metadata: [:], to: url)
        XCTAssertThrowsError(try ModelFile.read(from: url, craft: "poem", architecture: "char-lstm")) {
            XCTAssertEqual($0 as? ModelFileError, .notABelamyModel(url.path))
        }
    }
}
