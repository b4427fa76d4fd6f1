import XCTest
@testable import NeuralCore

/// What the image operations compute, checked against definitions rather than against themselves.
final class ConvolutionTests: XCTestCase {
    func testConv2dMatchesTheDirectSum() {
        let x = randomVariable([2, 3, 6, 5], seed: 1), w = randomVariable([4, 3, 3, 2], seed: 2)
        let b = randomVariable([4], seed: 3)
        let stride = 2, padding = 1
        let y = conv2d(x, weight: w, bias: b, stride: stride, padding: padding).value
        XCTAssertEqual(y.shape, [2, 4, 3, 3])
        // y[n, o, r, c] = b[o] + Σ_{i, u, v} w[o, i, u, v] · x[n, i, r·s − p + u, c·s − p + v]
        for n in 0 ..< 2 { for o in 0 ..< 4 { for r in 0 ..< 3 { for c in 0 ..< 3 {
            var expected = b.value.scalars[o]
            for i in 0 ..< 3 { for u in 0 ..< 3 { for v in 0 ..< 2 {
                let row = r * stride - padding + u, column = c * stride - padding + v
                guard row >= 0, row < 6, column >= 0, column < 5 else { continue }
                expected += w.value.scalars[((o * 3 + i) * 3 + u) * 2 + v] * x.value.scalars[((n * 3 + i) * 6 + row) * 5 + column]
            } } }
            XCTAssertEqual(y.scalars[((n * 4 + o) * 3 + r) * 3 + c], expected, accuracy: 1e-5)
        } } } }
    }

    /// ⟨conv2d(x), y⟩ = ⟨x, convTranspose2d(y)⟩ with the same weight: the transposed convolution
    /// really is the adjoint, which is what lets one pair of kernels serve both.
    func testConvTranspose2dIsTheAdjointOfConv2d() {
        let weight = randomVariable([5, 3, 4, 4], seed: 4)
        let x = randomVariable([2, 3, 8, 8], seed: 5), y = randomVariable([2, 5, 4, 4], seed: 6)
        let forward = conv2d(x, weight: weight, stride: 2, padding: 1).value
        let transposed = convTranspose2d(y, weight: weight, stride: 2, padding: 1).value
        XCTAssertEqual(transposed.shape, x.shape)
        XCTAssertEqual((forward * y.value).sum().scalar, (x.value * transposed).sum().scalar, accuracy: 1e-3)
    }

    func testBatchedConvolutionEqualsOneImageAtATime() {
        let x = randomVariable([3, 2, 5, 5], seed: 7), w = randomVariable([4, 2, 3, 3], seed: 8)
        let wT = randomVariable([2, 4, 3, 3], seed: 9)
        let batched = conv2d(x, weight: w, padding: 1).value
        let batchedTransposed = convTranspose2d(x, weight: wT, stride: 2).value
        for n in 0 ..< 3 {
            let image = Variable(x.value.slice(n ..< n + 1))
            let single = conv2d(image, weight: w, padding: 1).value
            let singleTransposed = convTranspose2d(image, weight: wT, stride: 2).value
            XCTAssertLessThan(maximumDifference(single, batched.slice(n ..< n + 1)), 1e-5)
            XCTAssertLessThan(maximumDifference(singleTransposed, batchedTransposed.slice(n ..< n + 1)), 1e-5)
        }
    }

    /// The kernels cut a batch into chunks of images and share the chunks among threads
    /// (`ImageChunks`): outputs and gradients must come out the same however the batch is cut.
    func testConvolutionsDoNotDependOnHowTheBatchIsCutAmongThreads() {
        let savedThreadCount = Parallel.threadCount
        defer { Parallel.threadCount = savedThreadCount }
        let x = randomVariable([7, 3, 4, 4], seed: 11).value
        let w = randomVariable([5, 3, 3, 3], seed: 12).value, wT = randomVariable([3, 2, 4, 4], seed: 13).value
        /// The output and the input and weight gradients of both operations, for fixed output gradients.
        func results() -> [Tensor] {
            let input = Variable(x, requiresGrad: true)
            let weight = Variable(w, requiresGrad: true), weightT = Variable(wT, requiresGrad: true)
            let y = conv2d(input, weight: weight, padding: 1)
            let yT = convTranspose2d(input, weight: weightT, stride: 2, padding: 1)
            let loss = (y * Variable(randomVariable(y.shape, seed: 14).value)).sum()
                + (yT * Variable(randomVariable(yT.shape, seed: 15).value)).sum()
            loss.backward()
            return [y.value, yT.value, input.grad!, weight.grad!, weightT.grad!]
        }
        // One thread: the whole batch is one chunk. Two: chunks of 4 and 3 images, a thread
        // each. Three: chunks of 3, 3 and 1, so the weight gradients add three partial sums.
        Parallel.threadCount = 1
        let reference = results()
        for threads in [2, 3] {
            Parallel.threadCount = threads
            for (result, expected) in zip(results(), reference) {
                XCTAssertLessThan(maximumDifference(result, expected), 1e-5, "\(threads) threads")
            }
        }
    }

    /// A GAN's generator step runs through the discriminator with its parameters frozen: the
    /// input gradient must be exactly what it is otherwise, and the parameters get none.
    func testFrozenParametersPassTheSameInputGradientAndGetNone() {
        var generator = RandomGenerator(seed: 13)
        let convolution = Conv2d(inputChannels: 3, outputChannels: 4, kernelSize: 4, stride: 2, padding: 1,
                                 generator: &generator)
        let normalisation = BatchNorm(featureCount: 4)
        func inputGradient(frozen: Bool) -> Tensor {
            let x = randomVariable([5, 3, 8, 8], seed: 14)
            let pass = { (normalisation(convolution(x)).leakyRelu() * normalisation(convolution(x))).sum().backward() }
            if frozen {
                convolution.withParametersFrozen { normalisation.withParametersFrozen { pass() } }
            } else {
                pass()
            }
            return x.grad!
        }
        let expected = inputGradient(frozen: false)
        for parameter in convolution.trainableVariables + normalisation.trainableVariables { parameter.grad = nil }
        XCTAssertEqual(inputGradient(frozen: true).scalars, expected.scalars)
        for parameter in convolution.trainableVariables + normalisation.trainableVariables {
            XCTAssertNil(parameter.grad)
            XCTAssertTrue(parameter.requiresGrad)
        }
    }

    func testBatchNormNormalisesEachChannelAndTracksRunningStatistics() {
        let x = Variable(randomVariable([8, 2, 3, 3], seed: 10).value * 3 + 5)
        let runningMean = Variable(Tensor(zeros: [2])), runningVariance = Variable(Tensor(repeating: 1, shape: [2]))
        let y = batchNorm(x, weight: nil, bias: nil, runningMean: runningMean, runningVariance: runningVariance,
                          isTraining: true).value
        for c in 0 ..< 2 {
            let values: [Float] = (0 ..< 8).flatMap { n in y.scalars[(n * 2 + c) * 9 ..< (n * 2 + c + 1) * 9] }
            let mean: Float = values.reduce(0, +) / Float(values.count)
            let variance: Float = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count)
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
            XCTAssertEqual(variance, 1, accuracy: 1e-3)
        }
        // One step of momentum 0.1 from (0, 1) towards the batch's statistics (mean ≈ 5).
        XCTAssertEqual(runningMean.value.scalars[0], 0.5, accuracy: 0.1)
        // Evaluation mode uses the running statistics: with mean 0 and variance 1, nearly the identity.
        let identity = batchNorm(x, weight: nil, bias: nil, runningMean: Variable(Tensor(zeros: [2])),
                                 runningVariance: Variable(Tensor(repeating: 1, shape: [2])), isTraining: false).value
        XCTAssertEqual(identity.scalars[0], x.value.scalars[0] / (1 + 1e-5).squareRoot(), accuracy: 1e-5)
    }

    func testUpsampleNearestRepeatsEachPixel() {
        let x = Variable(Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]))
        XCTAssertEqual(upsampleNearest(x, scale: 2).value.scalars,
                       [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    }

    private func maximumDifference(_ a: Tensor, _ b: Tensor) -> Float {
        XCTAssertEqual(a.shape, b.shape)
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }
}
