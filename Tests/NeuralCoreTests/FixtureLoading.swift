import Foundation
import XCTest
import NeuralCore

/// Loads `Fixtures/<name>.safetensors` from the test bundle (written by Tests/Fixtures/make_fixtures.py).
func loadFixture(_ name: String) throws -> SafeTensorsFile {
    guard let url = fixtureURL(name) else { throw FixtureError.missing(name) }
    return try SafeTensors.read(from: url)
}

/// The bundle URL of `Fixtures/<name>.safetensors`, or nil if it was never generated.
func fixtureURL(_ name: String) -> URL? {
    Bundle.module.url(forResource: name, withExtension: "safetensors", subdirectory: "Fixtures")
}

/// A fixture that is not in the test bundle.
enum FixtureError: Error, CustomStringConvertible {
    case missing(String)

    var description: String {
        switch self {
        case .missing(let name):
            return "fixture \(name).safetensors is missing: run /tmp/venv/bin/python Tests/Fixtures/make_fixtures.py"
        }
    }
}

/// Fails unless `actual` has `expected`'s shape and every element is within `tolerance` of it,
/// relative to the largest magnitude in `expected` (PyTorch parity: float32 kernels against
/// float64 references rounded once).
func assertParity(_ actual: Tensor, _ expected: Tensor, _ what: String, tolerance: Float = 1e-4,
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, what, file: file, line: line)
    let scale = max(expected.scalars.map(abs).max() ?? 0, 1e-6)
    let worst = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
    XCTAssertLessThanOrEqual(worst / scale, tolerance, "\(what): largest difference \(worst) at scale \(scale)",
                             file: file, line: line)
}
