import Foundation
import Media
import NeuralCore
@testable import Portrait
import XCTest

/// A 16×16 GAN small enough to train in milliseconds.
private func tinyConfiguration() -> PortraitConfiguration {
    var configuration = PortraitConfiguration()
    configuration.imageSize = 16
    configuration.latentSize = 8
    configuration.generatorWidth = 4
    configuration.discriminatorWidth = 4
    configuration.batchSize = 4
    // Fast enough that a handful of steps visibly moves the weights.
    configuration.generatorLearningRate = 1e-2
    configuration.discriminatorLearningRate = 1e-2
    return configuration
}

/// Synthetic "portraits": a bright disc (a face) at a random place on a dark ground.
private func syntheticDataset(count: Int) -> PortraitDataset {
    var generator = RandomGenerator(seed: 5)
    let images = (0 ..< count).map { _ -> Image in
        let centreX = 4 + generator.integer(below: 8), centreY = 4 + generator.integer(below: 8)
        var pixels = [UInt8]()
        for y in 0 ..< 16 {
            for x in 0 ..< 16 {
                let inside = (x - centreX) * (x - centreX) + (y - centreY) * (y - centreY) < 12
                pixels += inside ? [230, 190, 160] : [30, 30, 50]
            }
        }
        return Image(width: 16, height: 16, format: .rgb, pixels: pixels)
    }
    return PortraitDataset(images: images, size: 16)
}

private func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("belamy-portrait-\(UUID().uuidString)-\(name)")
}

final class PortraitTests: XCTestCase {
    func testTinyGANTrainsWithoutNaNAndItsGeneratorChanges() {
        let task = PortraitTrainingTask(configuration: tinyConfiguration(), dataset: syntheticDataset(count: 12), seed: 1)
        let latent = Variable(Tensor(repeating: 0.5, shape: [2, 8]))
        task.generatorNetwork.setTraining(false)
        let before = withoutGradients { task.generatorNetwork(latent) }.value
        task.generatorNetwork.setTraining(true)
        var generator = RandomGenerator(seed: 2)
        for step in 0 ..< 8 {
            let metrics = task.trainStep(step: step, generator: &generator)
            XCTAssertTrue(metrics.allSatisfy { $0.value.isFinite }, "step \(step): \(metrics)")
        }
        task.generatorNetwork.setTraining(false)
        let after = withoutGradients { task.generatorNetwork(latent) }.value
        XCTAssertEqual(after.shape, [2, 3, 16, 16])
        XCTAssertGreaterThan(zip(before.scalars, after.scalars).map { abs($0 - $1) }.max()!, 1e-3)
        XCTAssertNotEqual(task.averagedGenerator.stateDictionary(), task.generatorNetwork.stateDictionary(),
                          "the averaged generator lags behind the live one")
    }

    func testTheAveragedGeneratorFollowsQuicklyAndPaintsWithItsOwnStatistics() {
        let task = PortraitTrainingTask(configuration: tinyConfiguration(), dataset: syntheticDataset(count: 12), seed: 6)
        var generator = RandomGenerator(seed: 7)
        for step in 0 ..< 30 { _ = task.trainStep(step: step, generator: &generator) }
        // With the ramped decay the average is within a few steps of the live weights, not of the random start.
        let live = task.generatorNetwork.namedParameters(), averaged = task.averagedGenerator.namedParameters()
        var initial = RandomGenerator(seed: 6)
        let start = Generator(configuration: tinyConfiguration(), generator: &initial).namedParameters()
        func distance(_ a: [(name: String, variable: Variable)], _ b: [(name: String, variable: Variable)]) -> Float {
            zip(a, b).reduce(0) { sum, pair in
                sum + zip(pair.0.variable.value.scalars, pair.1.variable.value.scalars).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            }
        }
        XCTAssertLessThan(distance(averaged, live), distance(averaged, start))

        // Measured statistics: in evaluation mode it paints the measuring batch exactly as batch statistics would.
        let latent = Initializer.normal([16, 8], standardDeviation: 1, generator: &generator)
        task.averagedGenerator.measureNormalizationStatistics(latent: latent)
        XCTAssertFalse(task.averagedGenerator.isTraining)
        let evaluated = withoutGradients { task.averagedGenerator(Variable(latent)) }.value
        task.averagedGenerator.setTraining(true)
        let batchNormalised = withoutGradients { task.averagedGenerator(Variable(latent)) }.value
        task.averagedGenerator.setTraining(false)
        let worst = zip(evaluated.scalars, batchNormalised.scalars).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(worst, 0.02, "only the unbiased-variance factor 256/255-ish may differ")
        XCTAssertGreaterThan(evaluated.scalars.map { $0 * $0 }.reduce(0, +) / Float(evaluated.count), 1e-4, "not a flat grey")
    }

    func testExportedModelPaintsTheSamePortraitForTheSameSeedAndWalksBetweenSeeds() throws {
        let task = PortraitTrainingTask(configuration: tinyConfiguration(), dataset: syntheticDataset(count: 8), seed: 3)
        let url = temporaryURL("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try task.exportModel(to: url, record: ["command": "test"])
        let model = try PortraitModel.read(from: url)
        let painter = PortraitPainter(generator: model.generator, configuration: model.configuration)

        let first = painter.paint(seeds: [42], size: 32)[0], again = painter.paint(seeds: [42], size: 32)[0]
        XCTAssertEqual(first.width, 32)
        XCTAssertEqual(try PNG.encode(first), try PNG.encode(again))
        XCTAssertNotEqual(first, painter.paint(seeds: [43], size: 32)[0])

        let walk = painter.interpolate(from: 42, to: 43, frames: 5, size: 32)
        XCTAssertEqual(walk.count, 5)
        XCTAssertEqual(walk.first, first)
        XCTAssertEqual(walk.last, painter.paint(seeds: [43], size: 32)[0])
    }

    func testLoadingAModelOfAnotherCraftOrShapeIsAClearError() throws {
        let url = temporaryURL("model.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile(craft: "poem", architecture: "char-lstm", tensors: ["x": Tensor(zeros: [1])], metadata: [:]).write(to: url)
        XCTAssertThrowsError(try PortraitModel.read(from: url)) { error in
            XCTAssertEqual(String(describing: error), "\(url.path) is a poem model, not a portrait model")
        }

        // The right craft, but the configuration says wider layers than the tensors have.
        let task = PortraitTrainingTask(configuration: tinyConfiguration(), dataset: syntheticDataset(count: 4), seed: 4)
        var wider = tinyConfiguration()
        wider.generatorWidth = 8
        try PortraitModel.write(task.averagedGenerator, configuration: wider, record: [:], to: url)
        XCTAssertThrowsError(try PortraitModel.read(from: url)) { error in
            XCTAssertTrue(String(describing: error).contains("has shape"), "\(error)")
        }
    }

    func testImagesWithTransparencyAndOddShapesBecomeSquareRGBSamples() {
        // A half-transparent red 10×7 image: its colour is laid over the corpus grey.
        let translucent = Image(width: 10, height: 7, format: .rgba, pixels: Array(repeating: [255, 0, 0, 128], count: 70).flatMap { $0 })
        let dataset = PortraitDataset(images: [translucent, Image(width: 16, height: 16, filledWith: RGBColor(red: 0, green: 0, blue: 255))],
                                      size: 16)
        XCTAssertEqual(dataset.images.shape, [2, 3, 16, 16])
        let red = dataset.images.scalars[0], green = dataset.images.scalars[256]
        XCTAssertEqual(red, Float((255 * 128 + 128 * 127 + 127) / 255) / 127.5 - 1, accuracy: 1e-6)
        XCTAssertEqual(green, Float((128 * 127 + 127) / 255) / 127.5 - 1, accuracy: 1e-6)
    }

    func testDiffAugmentTranslationMovesPixelsAndItsGradientBack() {
        let x = Variable(Tensor(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6]), requiresGrad: true)
        let y = translated(x, by: [(dy: 1, dx: -1)])
        XCTAssertEqual(y.value.scalars, [0, 0, 0, 2, 3, 0])
        y.sum().backward()
        XCTAssertEqual(x.grad!.scalars, [0, 1, 1, 0, 0, 0], "only the pixels that stayed in frame get gradient")
    }
}
