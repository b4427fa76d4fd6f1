import Foundation
import Media
import Melody
import NeuralCore
import Poetry
import Portrait

/// `belamy corpus` without arguments: counts and sizes of each shipped corpus, a few examples of
/// each (the same ones every time), and a contact sheet of portraits in Outputs/.
enum CorpusSummary {
    static func run(_ options: ParsedOptions) throws {
        let json = options.flag("json")
        var record: [String: Any] = [:]
        var generator = RandomGenerator(seed: 2018)

        let portraitsFolder = try ProjectPaths.corpus("portraits")
        let portraits = try PortraitDataset.loadCorpus(portraitsFolder, size: 64)
        let sample = (0 ..< 32).map { _ in generator.integer(below: portraits.count) }
        let tiles = sample.map { index in
            Image(floatCHW: Array(portraits.images[index].scalars), width: 64, height: 64)
        }
        let sheetURL = ProjectPaths.outputs.appendingPathComponent("corpus-portraits.png")
        try PNG.write(Image.grid(tiles, columns: 8, spacing: 4, background: RGBColor(red: 24, green: 24, blue: 24)),
                      metadata: ["Title": "32 portraits from Corpora/portraits", "Software": "belamy \(Belamy.version)"],
                      to: sheetURL)
        record["portraits"] = ["images": portraits.count, "bytes": size(of: portraitsFolder), "contact_sheet": sheetURL.path]
        if !json {
            print("portraits  \(portraits.count) images (64×64 and 128×128), \(megabytes(size(of: portraitsFolder)))")
            print("           contact sheet of 32: \(sheetURL.path)\n")
        }

        let poemsFolder = try ProjectPaths.corpus("poems")
        for language in ["zh", "en"] {
            let train = try PoemCorpus.read([poemsFolder.appendingPathComponent("\(language).train.txt")])
            let valid = try PoemCorpus.read([poemsFolder.appendingPathComponent("\(language).valid.txt")])
            let characters = (train.poems + valid.poems).reduce(0) { $0 + $1.count }
            let examples = (0 ..< 2).map { _ in train.poems[generator.integer(below: train.poems.count)] }
            record["poems-\(language)"] = ["train": train.poems.count, "valid": valid.poems.count,
                                           "characters": characters, "examples": examples]
            if !json {
                print("poems-\(language)  \(train.poems.count) train + \(valid.poems.count) validation, \(characters.formatted()) characters")
                for example in examples { print(example.split(separator: "\n").map { "           \($0)" }.joined(separator: "\n") + "\n") }
            }
        }

        let melodiesFolder = try ProjectPaths.corpus("melodies")
        let train = try MelodyCorpus.read(from: melodiesFolder.appendingPathComponent("train.tsv"))
        let valid = try MelodyCorpus.read(from: melodiesFolder.appendingPathComponent("valid.tsv"))
        let examples = try (0 ..< 2).map { _ -> String in
            let tune = try MelodyEncoding.decode(train[generator.integer(below: train.count)].melody)
            return ABCWriter.text(of: tune)
        }
        record["melodies"] = ["train": train.count, "valid": valid.count, "bytes": size(of: melodiesFolder), "examples": examples]
        if !json {
            print("melodies   \(train.count) train + \(valid.count) validation tunes, \(megabytes(size(of: melodiesFolder)))")
            for example in examples { print(example.split(separator: "\n").map { "           \($0)" }.joined(separator: "\n") + "\n") }
        } else {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Total bytes of the files directly in `folder`.
    static func size(of folder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0)
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
}
