import Foundation
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
