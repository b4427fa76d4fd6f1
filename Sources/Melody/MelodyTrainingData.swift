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

    /// Every tune in the ABC files at `urls` (keys and modes as written), every 20th held out for validation.
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
        return holdingOut(tunes, description: urls.map(\.lastPathComponent).joined(separator: ", "), skipped: skipped)
    }

    /// Every MIDI file (`.mid`, `.midi`) in `folder`, one melody each (see `MonophonicMIDI`),
    /// every 20th held out for validation.
    public static func midiFolder(_ folder: URL) throws -> MelodyTrainingData {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
            throw MelodyError.emptyCorpus("\(folder.path) (not a readable folder)")
        }
        var tunes: [EncodedMelody] = [], skipped: [String] = []
        for name in names.sorted() where ["mid", "midi"].contains((name as NSString).pathExtension.lowercased()) {
            do {
                let file = try MIDIFile(contentsOf: folder.appendingPathComponent(name))
                tunes.append(try MelodyEncoding.encode(MonophonicMIDI.tune(from: file, source: name)))
            } catch {
                skipped.append("\(name): \(error)")
            }
        }
        return holdingOut(tunes, description: folder.lastPathComponent + "/*.mid", skipped: skipped)
    }

    /// `tunes` with every 20th held out for validation.
    static func holdingOut(_ tunes: [EncodedMelody], description: String, skipped: [String]) -> MelodyTrainingData {
        let validation = tunes.enumerated().filter { $0.offset % 20 == 19 }.map(\.element)
        let training = tunes.enumerated().filter { $0.offset % 20 != 19 }.map(\.element)
        return MelodyTrainingData(training: training, validation: validation,
                                  description: description + " (every 20th tune held out)", skipped: skipped)
    }
}
