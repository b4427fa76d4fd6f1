import XCTest
@testable import NeuralCore

/// Finite-difference checks of every image operation's backward pass, over the kernel, stride
/// and padding combinations the models use and the awkward ones they might.
final class ConvolutionGradientTests: XCTestCase {
    /// (input [N, C, H, W], kernel [kh, kw], output channels, stride, padding)
    private let cases: [(input: [Int], kernel: [Int], outputChannels: Int, stride: Int, padding: Int)] = [
        ([2, 2, 5, 5], [3, 3], 3, 1, 1),     // the common "same" convolution, odd size
        ([2, 3, 8, 8], [4, 4], 2, 2, 1),     // DCGAN's downsampling layer
        ([1, 3, 4, 4], [1, 1], 2, 1, 0),     // pointwise
        ([2, 2, 6, 5], [2, 3], 2, 2, 0),     // non-square kernel and image, no padding
        ([1, 2, 7, 7], [3, 3], 2, 3, 2),     // stride larger than padding, leftover border
        ([2, 1, 4, 4], [4, 4], 2, 1, 0),     // kernel covers the whole image (DCGAN's last layer)
    ]

    func testConv2dGradients() {
        for (index, c) in cases.enumerated() {
            let x = randomVariable(c.input, seed: 100 + UInt64(index))
            let w = randomVariable([c.outputChannels, c.input[1]] + c.kernel, seed: 200 + UInt64(index))
            let b = randomVariable([c.outputChannels], seed: 300 + UInt64(index))
            assertGradientsMatchFiniteDifferences([x, w, b]) { v in
                conv2d(v[0], weight: v[1], bias: v[2], stride: c.stride, padding: c.padding)
            }
        }
    }

    func testConvTranspose2dGradients() {
        for (index, c) in cases.enumerated() {
            let x = randomVariable(c.input, seed: 400 + UInt64(index))
            let w = randomVariable([c.input[1], c.outputChannels] + c.kernel, seed: 500 + UInt64(index))
            let b = randomVariable([c.outputChannels], seed: 600 + UInt64(index))
            assertGradientsMatchFiniteDifferences([x, w, b]) { v in
                convTranspose2d(v[0], weight: v[1], bias: v[2], stride: c.stride, padding: c.padding)
            }
        }
        // Output padding adds the row and column a stride-2 layer would otherwise leave out.
        let x = randomVariable([2, 2, 3, 3], seed: 700), w = randomVariable([2, 3, 3, 3], seed: 701)
        assertGradientsMatchFiniteDifferences([x, w]) { v in
            convTranspose2d(v[0], weight: v[1], stride: 2, padding: 1, outputPadding: 1)
        }
    }

    func testConvolutionWithoutBiasAndFrozenInput() {
        // The first layer's input needs no gradient; the weight's must still be right.
        let x = randomVariable([2, 3, 6, 6], seed: 800, requiresGrad: false)
        let w = randomVariable([4, 3, 4, 4], seed: 801)
        assertGradientsMatchFiniteDifferences([x, w]) { v in conv2d(v[0], weight: v[1], stride: 2, padding: 1) }
        assertGradientsMatchFiniteDifferences([x, randomVariable([3, 2, 4, 4], seed: 802)]) { v in
            convTranspose2d(v[0], weight: v[1], stride: 2, padding: 1)
        }
    }

    func testBatchNormGradientsInTrainingMode() {
        for shape in [[4, 3, 3, 2], [5, 4], [1, 2, 3, 3]] {
            let x = randomVariable(shape, seed: 900), gamma = randomVariable([shape[1]], seed: 901)
            let beta = randomVariable([shape[1]], seed: 902)
            // The normalised output is scale-free, so its gradients are small: compare with a tighter absolute tolerance.
            assertGradientsMatchFiniteDifferences([x, gamma, beta], step: 1e-2, absoluteTolerance: 1e-3) { v in
                batchNorm(v[0], weight: v[1], bias: v[2], runningMean: nil, runningVariance: nil, isTraining: true)
            }
        }
    }

    func testBatchNormGradientsInEvaluationMode() {
        let x = randomVariable([3, 2, 2, 2], seed: 910), gamma = randomVariable([2], seed: 911)
        let beta = randomVariable([2], seed: 912)
        let runningMean = Variable(Tensor(shape: [2], scalars: [0.3, -0.2]))
        let runningVariance = Variable(Tensor(shape: [2], scalars: [0.5, 2]))
        assertGradientsMatchFiniteDifferences([x, gamma, beta]) { v in
            batchNorm(v[0], weight: v[1], bias: v[2], runningMean: runningMean, runningVariance: runningVariance,
                      isTraining: false)
        }
    }

    func testUpsampleNearestGradients() {
        let x = randomVariable([2, 2, 3, 2], seed: 920)
        assertGradientsMatchFiniteDifferences([x]) { v in upsampleNearest(v[0], scale: 2) }
        assertGradientsMatchFiniteDifferences([x]) { v in upsampleNearest(v[0], scale: 3) }
    }
}
