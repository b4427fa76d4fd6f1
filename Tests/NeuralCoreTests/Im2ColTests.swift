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
        (2, ConvolutionGeometry(channels: 2, height: 7, width: 5, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1)),
        // The kernel covers the whole image: a transpose.
        (5, ConvolutionGeometry(channels: 3, height: 4, width: 4, kernelHeight: 4, kernelWidth: 4, stride: 1, padding: 0)),
        (2, ConvolutionGeometry(channels: 2, height: 3, width: 2, kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 0)),
        // Large enough to be split across cores.
        (4, ConvolutionGeometry(channels: 8, height: 16, width: 16, kernelHeight: 4, kernelWidth: 4, stride: 2, padding: 1)),
        (64, ConvolutionGeometry(channels: 64, height: 4, width: 4, kernelHeight: 4, kernelWidth: 4, stride: 1, padding: 0)),
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

final class TransposeTests: XCTestCase {
    func testTransposeOfSinglesAndOfBlocks() {
        // 3×5 of single floats, then 2×3 of blocks of 2 (batch-major [2, 3, 2] to channel-major [3, 2, 2]).
        let matrix = (0 ..< 15).map(Float.init)
        var transposed = [Float](repeating: 0, count: 15)
        transpose(matrix, rows: 3, columns: 5, into: &transposed)
        XCTAssertEqual(transposed, [0, 5, 10, 1, 6, 11, 2, 7, 12, 3, 8, 13, 4, 9, 14])
        let blocks = (0 ..< 12).map(Float.init)
        var swapped = [Float](repeating: 0, count: 12)
        transpose(blocks, rows: 2, columns: 3, block: 2, into: &swapped)
        XCTAssertEqual(swapped, [0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11])
    }
}
