import Foundation
import XCTest
@testable import Media

/// Checks the ABC reader on a real corpus, run by hand (the corpus is not in the repository):
///
///     BELAMY_ABC_CORPUS=/tmp/venv/lib/python3.11/site-packages/music21/corpus swift test --filter ABCCorpusTests
///
/// It reads essenFolksong, oneills1850 and ryansMammoth and requires more than 98% of tunes to
/// parse and every parsed tune to come back unchanged through ABCWriter. With BELAMY_ABC_MUSIC21=<file> (written by Fixtures/check_abc_with_music21.py) it also
/// compares the notes of a sample of tunes with music21's reading of them.
final class ABCCorpusTests: XCTestCase {
    func testMostCorpusTunesParse() throws {
        guard let corpus = ProcessInfo.processInfo.environment["BELAMY_ABC_CORPUS"] else {
            throw XCTSkip("set BELAMY_ABC_CORPUS to the music21 corpus folder to run")
        }
        var total = 0, parsed = 0, roundTripFailures = 0
        var reasons: [String: Int] = [:]
        var examples: [String] = []
        for collection in ["essenFolksong", "oneills1850", "ryansMammoth"] {
            let folder = URL(fileURLWithPath: corpus).appendingPathComponent(collection)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".abc") }.sorted()
            var collectionTotal = 0, collectionParsed = 0
            for file in files {
                do {
                    let book = try ABCReader.read(contentsOf: folder.appendingPathComponent(file))
                    collectionParsed += book.tunes.count
                    for tune in book.tunes {
                        // Writing and reading back must give the same notes.
                        let again = try ABCReader.read(text: ABCWriter.text(of: tune), source: "rewritten").tunes[0]
                        if again.notes != tune.notes || again.key != tune.key || again.meter != tune.meter || again.anacrusis != tune.anacrusis {
                            roundTripFailures += 1
                            if roundTripFailures <= 5 { print("  round trip differs: \(tune.source)\n\(ABCWriter.text(of: tune))") }
                        }
                    }
                    collectionTotal += book.tunes.count + book.warnings.count
                    for warning in book.warnings {
                        let reason = warning.message.replacingOccurrences(of: #" at column \d+"#, with: "", options: .regularExpression)
                        reasons["\(reason)", default: 0] += 1
                        if examples.count < 40 { examples.append("\(collection)/\(warning)") }
                    }
                } catch let error as ABCError {
                    if case .noTunes(_, let skipped, _) = error { collectionTotal += skipped }
                    examples.append("\(collection)/\(file): \(error)")
                }
            }
            print("\(collection): \(collectionParsed) of \(collectionTotal) tunes parsed")
            total += collectionTotal
            parsed += collectionParsed
        }
        let rate = Double(parsed) / Double(max(total, 1))
        print("corpus: \(parsed) of \(total) tunes parsed (\(String(format: "%.2f", rate * 100))%)")
        for (reason, count) in reasons.sorted(by: { $0.value > $1.value }) { print("  \(count)× \(reason)") }
        for example in examples { print("  \(example)") }
        print("round trip through ABCWriter: \(roundTripFailures) of \(parsed) tunes differ")
        XCTAssertGreaterThan(rate, 0.98)
        XCTAssertEqual(roundTripFailures, 0)
    }

    func testSampleAgreesWithMusic21() throws {
        guard let path = ProcessInfo.processInfo.environment["BELAMY_ABC_MUSIC21"] else {
            throw XCTSkip("set BELAMY_ABC_MUSIC21 to a file written by check_abc_with_music21.py sample")
        }
        let entries = try JSONDecoder().decode([Music21Reading].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var writtenAgreeing = 0, playedAgreeing = 0, read = 0
        for entry in entries {
            let name = "\(entry.source!) X:\(entry.number ?? -1)"
            guard let played = try? ABCReader.read(text: entry.text!, source: name).tunes.first,
                  let written = try? ABCReader.read(text: entry.text!, source: name, expandingRepeats: false).tunes.first else {
                print("  not read by Belamy: \(name)")
                continue
            }
            read += 1
            if let difference = entry.writtenDifference(from: written) {
                print("  written order differs: \(name) \"\(written.title)\": \(difference)")
            } else {
                writtenAgreeing += 1
            }
            if let difference = entry.difference(from: played) {
                print("  played order differs: \(name) \"\(played.title)\": \(difference)")
            } else {
                playedAgreeing += 1
            }
        }
        print("music21 sample of \(entries.count): \(read) read by Belamy; written order agrees for \(writtenAgreeing), "
            + "played-out order for \(playedAgreeing)")
        XCTAssertGreaterThan(Double(writtenAgreeing) / Double(max(read, 1)), 0.95)
    }
}
