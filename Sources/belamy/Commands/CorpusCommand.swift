import Foundation
import Portrait

/// `belamy corpus`: what the shipped training data holds, and `belamy corpus build CRAFT`, the
/// steps of `Corpora/build.sh` that need belamy's own image and ABC readers.
enum CorpusCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "corpus", summary: "show the training corpora, or build one from unpacked packages",
        usage: "[build portraits|melodies] [options]",
        discussion: """
        Without arguments: counts, sizes and a few examples of each corpus.
        'corpus build' is called by Corpora/build.sh after it has downloaded and unpacked the packages.
        """,
        options: [
            .quiet, .json,
            .value("wesnoth", "DIR", "build portraits: the unpacked usr/share/games/wesnoth/1.16/data"),
            .value("naev", "DIR", "build portraits: the unpacked usr/share/naev/dat/gfx/portraits"),
            .value("music21", "DIR", "build melodies: music21's corpus folder (music21/corpus in the wheel)"),
            .value("output", short: "o", "DIR", "build: where the corpus goes (default Corpora/<craft>)"),
        ],
        examples: ["belamy corpus", "Corpora/build.sh portraits   # runs belamy corpus build portraits …",
                   "Corpora/build.sh melodies    # runs belamy corpus build melodies --music21 …"],
        takesPositionals: true)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet")
        switch options.positionals {
        case []:
            try CorpusSummary.run(options)
        case ["build", "portraits"]:
            try buildPortraits(options)
        case ["build", "melodies"]:
            try MelodyCorpusBuildCommand.run(options)  // the builder lives in the Melody module
        default:
            throw UsageError("expected 'corpus' or 'corpus build portraits|melodies', got '\(options.positionals.joined(separator: " "))'",
                             command: "corpus")
        }
    }

    static func buildPortraits(_ options: ParsedOptions) throws {
        guard let wesnoth = options.string("wesnoth"), let naev = options.string("naev") else {
            throw UsageError("corpus build portraits needs --wesnoth DIR and --naev DIR", command: "corpus")
        }
        let output = try options.string("output").map(ProjectPaths.userPath) ?? ProjectPaths.corpus("portraits")
        let summary = try PortraitCorpusBuilder.build(wesnoth: ProjectPaths.userPath(wesnoth), naev: ProjectPaths.userPath(naev),
                                                      output: output, progress: Terminal.note)
        Terminal.note("portraits: \(summary.found) files, \(summary.exactDuplicates) exact and \(summary.nearDuplicates) near duplicates dropped, "
                      + "\(summary.unreadable.count) unreadable; kept \(summary.kept) → \(output.path)")
    }
}
