import XCTest
@testable import NeuralCore

/// A tiny convolutional classifier learns to tell horizontal bars from vertical ones: the image
/// layers, BatchNorm's two modes and the whole backward chain working together.
final class ConvolutionTrainingTests: XCTestCase {
    /// conv → BatchNorm → ReLU → strided conv → BatchNorm → ReLU → linear, on 8×8 images.
    private final class BarClassifier: Module {
        let features: Conv2d
        let normalization = BatchNorm(featureCount: 4)
        let downsampling: Conv2d
        let downsampledNormalization = BatchNorm(featureCount: 8)
        let classifier: Linear
        var isTraining = true

        init(generator: inout RandomGenerator) {
            features = Conv2d(inputChannels: 1, outputChannels: 4, kernelSize: 3, padding: 1, generator: &generator)
            downsampling = Conv2d(inputChannels: 4, outputChannels: 8, kernelSize: 4, stride: 2, padding: 1,
                                  generator: &generator)
            classifier = Linear(inputSize: 8 * 4 * 4, outputSize: 2, generator: &generator)
        }

        var children: [(name: String, module: Module)] {
            [("features", features), ("normalization", normalization), ("downsampling", downsampling),
             ("downsampled_normalization", downsampledNormalization), ("classifier", classifier)]
        }

        func callAsFunction(_ images: Variable) -> Variable {
            let x = normalization(features(images)).relu()
            let y = downsampledNormalization(downsampling(x)).relu()
            return classifier(y.flattened())
        }
    }
    /// `count` noisy 8×8 images, each with one bright bar; label 0 for horizontal, 1 for vertical.
    private func bars(_ count: Int, generator: inout RandomGenerator) -> (images: Variable, labels: [Int]) {
        var pixels = [Float](), labels = [Int]()
        for _ in 0 ..< count {
            let vertical = generator.integer(below: 2), position = generator.integer(below: 8)
            for row in 0 ..< 8 {
                for column in 0 ..< 8 {
                    let onBar = (vertical == 1 ? column : row) == position
                    pixels.append((onBar ? 1 : 0) + 0.2 * (generator.uniform() - 0.5))
                }
            }
            labels.append(vertical)
        }
        return (Variable(Tensor(shape: [count, 1, 8, 8], scalars: pixels)), labels)
    }

    func testLossFallsAndEvaluationModeClassifiesUnseenImages() {
        var generator = RandomGenerator(seed: 1)
        let model = BarClassifier(generator: &generator)
        var firstLoss: Float = 0, lastLoss: Float = 0
        for step in 0 ..< 40 {
            let batch = bars(16, generator: &generator)
            let loss = crossEntropy(logits: model(batch.images), targets: batch.labels)
            for parameter in model.trainableVariables { parameter.grad = nil }
            loss.backward()
            // Plain SGD, so this test depends on nothing but the layers.
            for parameter in model.trainableVariables { parameter.value.add(parameter.grad!, scaledBy: -0.1) }
            if step == 0 { firstLoss = loss.value.scalar }
            lastLoss = loss.value.scalar
        }
        XCTAssertGreaterThan(firstLoss, 0.5, "an untrained classifier should be near chance (ln 2 ≈ 0.69)")
        XCTAssertLessThan(lastLoss, 0.1)

        // In evaluation mode BatchNorm uses the running statistics it gathered while training.
        model.setTraining(false)
        let test = bars(32, generator: &generator)
        let predictions = withoutGradients { model(test.images) }.value.argmaxRows()
        XCTAssertEqual(predictions, test.labels)
    }
}
