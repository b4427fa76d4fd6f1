import Foundation

/// The dispatcher behind `belamy`: finds the subcommand, parses its options, runs it and turns
/// every error into one line on stderr and an exit code.
enum Belamy {
    static let version = "0.1.0"

    /// Every subcommand, in the order `belamy --help` lists them.
    static let subcommands: [Subcommand.Type] = [
        PortraitCommand.self, PoemCommand.self, MelodyCommand.self,
        TrainPortraitCommand.self, TrainPoemCommand.self, TrainMelodyCommand.self,
        CorpusCommand.self, ModelsCommand.self, ExhibitCommand.self, DemoCommand.self, BenchCommand.self,
    ]

    static func run(_ arguments: [String]) -> Int32 {
        do {
            try dispatch(arguments)
            return 0
        } catch let error as UsageError {
            Terminal.error("\(error.message)")
            let helpCommand = error.command.map { "belamy help \($0)" } ?? "belamy --help"
            Terminal.hint("see '\(helpCommand)'")
            return 2
        } catch {
            Terminal.error("\(error)")
            return 1
        }
    }

    /// Runs one belamy command line (without the program name); `demo` uses it to call the crafts.
    static func dispatch(_ arguments: [String]) throws {
        guard let first = arguments.first else {
            print(overview())
            return
        }
        switch first {
        case "-h", "--help":
            print(overview())
        case "--version", "-V":
            print("belamy \(version)")
        case "help":
            let topic = arguments.dropFirst().joined(separator: " ")
            if topic.isEmpty { print(overview()); return }
            if topic == "train" { print(trainOverview()); return }
            guard let command = subcommand(named: topic) else { throw UsageError(unknownCommandMessage(topic)) }
            print(help(for: command.specification))
        default:
            // `train` takes the craft as a second word: `belamy train poem --lang zh`.
            var name = first, rest = Array(arguments.dropFirst())
            if first == "train" {
                guard let craft = rest.first, !craft.hasPrefix("-") else {
                    if rest.contains("--help") || rest.contains("-h") { print(trainOverview()); return }
                    throw UsageError("train needs a craft: belamy train portrait|poem|melody", command: "train")
                }
                name = "train \(craft)"
                rest.removeFirst()
            }
            guard let command = subcommand(named: name) else {
                guard first == "train" else { throw UsageError(unknownCommandMessage(name)) }
                throw UsageError("unknown craft '\(name.dropFirst("train ".count))': belamy train portrait|poem|melody", command: "train")
            }
            let options = try ParsedOptions(rest, specification: command.specification)
            if options.helpRequested {
                print(help(for: command.specification))
                return
            }
            do {
                try command.run(options)
            } catch var error as UsageError where error.command == nil {
                // A value found wrong while running (a range, a key name) points at its command's help.
                error.command = command.specification.name
                throw error
            }
        }
    }

    private static func subcommand(named name: String) -> Subcommand.Type? {
        subcommands.first { $0.specification.name == name }
    }

    private static func unknownCommandMessage(_ name: String) -> String {
        let names = subcommands.map { $0.specification.name }
        let close = names.min { editDistance($0, name) < editDistance($1, name) }
        if let close, editDistance(close, name) <= 2 { return "unknown command '\(name)' (did you mean '\(close)'?)" }
        return "unknown command '\(name)'"
    }

    static func overview() -> String {
        let width = subcommands.map { $0.specification.name.count }.max() ?? 0
        let rows = subcommands.map { command in
            let name = command.specification.name
            return "  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(command.specification.summary)"
        }
        return """
        belamy \(version): a generative art sandbox. A GAN paints portraits, a language model writes
        poems from keywords, a sequence model composes melodies, all on one small neural core.

        Usage: belamy COMMAND [options]

        Commands:
        \(rows.joined(separator: "\n"))

        Run 'belamy help COMMAND' (or 'belamy COMMAND --help') for a command's options and examples.
        Generated files go to Outputs/ unless -o is given. Exit codes: 0 ok, 1 error, 2 usage error.
        """
    }

    private static func trainOverview() -> String {
        let trainers = subcommands.map { $0.specification }.filter { $0.name.hasPrefix("train ") }
        let width = trainers.map { $0.name.count }.max() ?? 0
        let rows = trainers.map { "  belamy \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
        return "Usage: belamy train CRAFT [options]\n\n\(rows.joined(separator: "\n"))\n\nRun 'belamy help train CRAFT' for options."
    }

    static func help(for specification: CommandSpecification) -> String {
        var lines = ["Usage: belamy \(specification.name) \(specification.usage)", "", specification.summary]
        if !specification.discussion.isEmpty { lines += ["", specification.discussion] }
        let options = specification.options + [.flag("help", short: "h", "show this help")]
        let labels = options.map { option -> String in
            let short = option.shortName.map { "-\($0), " } ?? "    "
            return short + "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
        }
        let width = labels.map(\.count).max() ?? 0
        lines += ["", "Options:"]
        for (label, option) in zip(labels, options) {
            lines.append("  \(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(option.help)")
        }
        if !specification.examples.isEmpty {
            lines += ["", "Examples:"] + specification.examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
