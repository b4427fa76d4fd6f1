import XCTest
@testable import NeuralCore

final class TensorTests: XCTestCase {
    func testBroadcastingAddsARowToEveryRow() {
        let matrix = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let row = Tensor(shape: [3], scalars: [10, 20, 30])
        XCTAssertEqual((matrix + row).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((matrix + row).reduced(toShape: [3]).scalars, [25, 47, 69])
    }

    func testMatmulMatchesHandComputation() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        XCTAssertEqual(Tensor.matmul(a, b).scalars, [58, 64, 139, 154])
        XCTAssertEqual(Tensor.matmul(a, a, transposeA: true).shape, [3, 3])
    }

    func testSliceAndReshape() {
        let t = Tensor(shape: [3, 2], scalars: [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(t.slice(1 ..< 3).scalars, [2, 3, 4, 5])
        XCTAssertEqual(t[2].shape, [2])
        XCTAssertEqual(t.reshaped([-1]).shape, [6])
    }

    func testSumAlongAxis() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t.sum(alongAxis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(t.sum(alongAxis: 1).scalars, [6, 15])
    }

    func testSameSeedSameStream() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let streamA = (0 ..< 5).map { _ in a.next() }
        XCTAssertEqual(streamA, (0 ..< 5).map { _ in b.next() })
        XCTAssertNotEqual(streamA, (0 ..< 5).map { _ in c.next() })
        let normals = (0 ..< 20000).map { _ in Double(a.normal()) }
        let mean = normals.reduce(0, +) / Double(normals.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
    }
}
