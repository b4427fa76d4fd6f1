import Foundation

/// The music and audio fixture files (Fixtures/abc, Fixtures/midi, Fixtures/wav), copied into the test bundle.
enum MusicFixtures {
    /// The fixture at `path` under Fixtures/.
    static func url(_ path: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
    }
}
