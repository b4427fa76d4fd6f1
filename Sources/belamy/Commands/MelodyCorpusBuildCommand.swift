import Foundation
import Melody

/// `belamy corpus build melodies`: the melody part of `belamy corpus`, kept apart from the other crafts'.
enum MelodyCorpusBuildCommand {
    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        guard let music21 = options.string("music21") else {
            throw UsageError("corpus build melodies needs --music21 DIR (music21's corpus folder)", command: "corpus")
        }
        let output = try options.string("output").map(ProjectPaths.userPath) ?? ProjectPaths.corpus("melodies")
        let report = try MelodyCorpusBuilder.build(music21Corpus: ProjectPaths.userPath(music21), output: output)
        for collection in report.collections {
            Terminal.note("melodies: \(collection.name): \(collection.tunes) tunes, \(collection.read) read, \(collection.kept) kept")
        }
        for (reason, count) in report.rejections.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            Terminal.note("  left out \(count)× \(reason)")
        }
        Terminal.note("melodies: \(report.trainingTunes) training + \(report.validationTunes) validation tunes, "
            + "\(report.events) events; \(report.rejected.count) left out (listed in rejected.tsv) → \(output.path)")
        if options.flag("json") {
            let counts = report.collections.map { "\"\($0.name)\": {\"tunes\": \($0.tunes), \"read\": \($0.read), \"kept\": \($0.kept)}" }
            print("{\"training\": \(report.trainingTunes), \"validation\": \(report.validationTunes), \"events\": \(report.events), "
                + "\"rejected\": \(report.rejected.count), \"collections\": {\(counts.joined(separator: ", "))}}")
        }
    }
}
