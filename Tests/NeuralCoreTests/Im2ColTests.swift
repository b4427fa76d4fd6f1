import XCTest
@testable import NeuralCore

/// The fast im2col/col2im pair against their plain references, bit for bit.
final class Im2ColTests: XCTestCase {
    private let geometries: [(batch: Int, geometry: ConvolutionGeometry)] = [
        (2, ConvolutionGeometry(channels: 3, height: 5, width: 5, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1)),
        (2, ConvolutionGeometry(channels: 2, height: 8, width: 8, kernelHeight: 4, kernelWidth: 4, stride: 2, padding: 1)),
        (1, ConvolutionGeometry(channels: 2, height: 6, width: 5, kernelHeight: 2, kernelWidth: 3, stride: 2, padding: 0)),
        (1, ConvolutionGeometry(channels: 1, height: 7, width: 7, kernelHeight: 3, kernelWidth: 3, stride: 3, padding: 2)),
        (3, ConvolutionGeometry(channels: 2, height: 4, width: 4, kernelHeight: 1, kernelWidth: 1, stride: 1, padding: 0)),
        (1, ConvolutionGeometry(channels: 1, height: 2, width: 2, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 2)),
        // Large enough to be split across cores.
        (4, ConvolutionGeometry(channels: 8, height: 16, width: 16, kernelHeight: 4, kernelWidth: 4, stride: 2, padding: 1)),
    ]

    func testFastIm2ColMatchesReference() {
        for (index, (batch, g)) in geometries.enumerated() {
            let images = randomVariable([batch, g.channels, g.height, g.width], seed: UInt64(index)).value
            let count = g.patchSize * batch * g.outputHeight * g.outputWidth
            var fast = [Float](repeating: .nan, count: count), reference = fast
            images.withUnsafeBufferPointer { x in
                im2col(x.baseAddress!, batch: batch, geometry: g, columns: &fast)
                im2colReference(x.baseAddress!, batch: batch, geometry: g, columns: &reference)
            }
            XCTAssertEqual(fast, reference, "geometry \(g), batch \(batch)")
        }
    }

    func testFastCol2ImMatchesReference() {
        for (index, (batch, g)) in geometries.enumerated() {
            let count = g.patchSize * batch * g.outputHeight * g.outputWidth
            let columns = randomVariable([count], seed: 50 + UInt64(index)).value
            let imageCount = batch * g.channels * g.height * g.width
            var fast = [Float](repeating: .nan, count: imageCount), reference = fast
            columns.withUnsafeBufferPointer { c in
                col2im(c.baseAddress!, batch: batch, geometry: g, images: &fast)
                col2imReference(c.baseAddress!, batch: batch, geometry: g, images: &reference)
            }
            XCTAssertEqual(fast, reference, "geometry \(g), batch \(batch)")
        }
    }

    func testGeometryOfTheDCGANLayers() {
        let down = ConvolutionGeometry(channels: 3, height: 64, width: 64, kernelHeight: 4, kernelWidth: 4, stride: 2, padding: 1)
        XCTAssertEqual([down.outputHeight, down.outputWidth, down.patchSize], [32, 32, 48])
        let last = ConvolutionGeometry(channels: 512, height: 4, width: 4, kernelHeight: 4, kernelWidth: 4, stride: 1, padding: 0)
        XCTAssertEqual([last.outputHeight, last.outputWidth], [1, 1])
    }
}
