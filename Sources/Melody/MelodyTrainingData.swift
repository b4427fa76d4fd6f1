import Foundation
import Media

/// The tunes a melody model trains and validates on: the shipped corpus with its fixed split, or
/// the user's own ABC files with every 20th tune held out.
public struct MelodyTrainingData {
    public var training: [EncodedMelody]
    public var validation: [EncodedMelody]
    /// Names the data in the model's training record.
    public var description: String
    /// Tunes in the user's files that could not be read or encoded, with the reason, for a note.
    public var skipped: [String]

    /// The corpus in `folder` (`train.tsv` and `valid.tsv`, as `MelodyCorpusBuilder` writes them).
    public static func corpus(in folder: URL) throws -> MelodyTrainingData {
        let training = try MelodyCorpus.read(from: folder.appendingPathComponent("train.tsv")).map(\.melody)
        let validation = try MelodyCorpus.read(from: folder.appendingPathComponent("valid.tsv")).map(\.melody)
        return MelodyTrainingData(training: training, validation: validation,
                                  description: "Corpora/melodies/train.tsv (validation: valid.tsv)", skipped: [])
    }

    /// Every tune in the ABC files at `urls`, every 20th held out for validation.
    public static func abcFiles(_ urls: [URL]) throws -> MelodyTrainingData {
        var tunes: [EncodedMelody] = [], skipped: [String] = []
        for url in urls {
            let book = try ABCReader.read(contentsOf: url)
            skipped += book.warnings.map(\.description)
            for tune in book.tunes {
                do { tunes.append(try MelodyEncoding.encode(tune)) } catch let error as MelodyError {
                    skipped.append("\(url.lastPathComponent): \(tune.source) \"\(tune.title)\": \(error)")
                }
            }
        }
        let validation = tunes.enumerated().filter { $0.offset % 20 == 19 }.map(\.element)
        let training = tunes.enumerated().filter { $0.offset % 20 != 19 }.map(\.element)
        return MelodyTrainingData(training: training, validation: validation,
                                  description: urls.map(\.lastPathComponent).joined(separator: ", ") + " (every 20th tune held out)",
                                  skipped: skipped)
    }
}
