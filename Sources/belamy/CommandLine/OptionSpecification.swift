/// One `--name` option of a subcommand: a flag, or an option that takes a value.
struct OptionSpecification {
    let name: String
    let shortName: Character?
    /// What the value is called in help (`N`, `PATH`); nil for a flag that takes no value.
    let valueName: String?
    let help: String
    /// May be given more than once (`--text a.txt --text b.txt`).
    let repeatable: Bool

    static func flag(_ name: String, short: Character? = nil, _ help: String) -> OptionSpecification {
        OptionSpecification(name: name, shortName: short, valueName: nil, help: help, repeatable: false)
    }

    static func value(_ name: String, short: Character? = nil, _ valueName: String, _ help: String,
                      repeatable: Bool = false) -> OptionSpecification {
        OptionSpecification(name: name, shortName: short, valueName: valueName, help: help, repeatable: repeatable)
    }

    /// Options that mean the same thing in every subcommand that takes them.
    static let seed = value("seed", "N", "random seed; the same seed gives byte-identical files (default: random, printed)")
    static let count = value("count", "K", "how many to make (default 1)")
    static let output = value("output", short: "o", "PATH", "where to write: a file, or a folder to write into (default: Outputs/, named after craft and seed)")
    static let model = value("model", "PATH", "use this model file instead of the shipped one")
    static func temperature(default value: Double) -> OptionSpecification {
        .value("temperature", "T", "sampling temperature: lower is safer, higher is wilder (default \(value))")
    }
    static let quiet = flag("quiet", short: "q", "no progress or notes: print only errors and the result (a poem, a tune's ABC, a --json record)")
    static let json = flag("json", "print a machine-readable record of what was written")
}

/// Everything `belamy help COMMAND` shows about a subcommand.
struct CommandSpecification {
    let name: String
    let summary: String
    /// The arguments after the command name, e.g. `[options] KEYWORDS…`.
    let usage: String
    let discussion: String
    let options: [OptionSpecification]
    let examples: [String]
    /// Whether bare (non-option) arguments are accepted.
    let takesPositionals: Bool
}
