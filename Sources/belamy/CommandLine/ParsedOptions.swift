/// A subcommand's arguments, checked against its specification: unknown options, missing values
/// and malformed numbers become usage errors that name the option.
struct ParsedOptions {
    private var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private(set) var helpRequested = false

    init(_ arguments: [String], specification: CommandSpecification) throws {
        var index = 0
        var onlyPositionalsFollow = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionalsFollow || !argument.hasPrefix("-") || argument == "-" || Self.isNumber(argument) {
                guard specification.takesPositionals else {
                    throw UsageError("unexpected argument '\(argument)'", command: specification.name)
                }
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionalsFollow = true; continue }
            if argument == "-h" || argument == "--help" { helpRequested = true; continue }
            var name: String, inlineValue: String?
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    name = String(body[..<equals]); inlineValue = String(body[body.index(after: equals)...])
                } else {
                    name = String(body)
                }
            } else {
                guard argument.count == 2,
                      let option = specification.options.first(where: { $0.shortName == argument.last }) else {
                    throw UsageError("unknown option '\(argument)'", command: specification.name)
                }
                name = option.name
            }
            guard let option = specification.options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option '--\(name)'\(Self.suggestion(for: name, in: specification))",
                                 command: specification.name)
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value", command: specification.name) }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue { value = inlineValue } else {
                guard index < arguments.count else {
                    throw UsageError("--\(name) needs a value (\(option.valueName!))", command: specification.name)
                }
                value = arguments[index]
                index += 1
            }
            guard !value.isEmpty else {
                throw UsageError("--\(name) needs a value (\(option.valueName!)), got an empty one", command: specification.name)
            }
            if !option.repeatable, values[name] != nil {
                throw UsageError("--\(name) given twice", command: specification.name)
            }
            values[name, default: []].append(value)
        }
    }

    /// The value of `--name`, if given.
    func string(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable `--name`.
    func strings(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The integer value of `--name`, checked against `range`.
    func integer(_ name: String, default defaultValue: Int? = nil, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let text = string(name) else { return defaultValue }
        guard let value = Int(text) else { throw UsageError("--\(name) expects a whole number, got '\(text)'") }
        if let range, !range.contains(value) {
            throw UsageError("--\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    /// The decimal value of `--name`, checked against `range`.
    func number(_ name: String, default defaultValue: Double? = nil, in range: ClosedRange<Double>? = nil) throws -> Double? {
        guard let text = string(name) else { return defaultValue }
        guard let value = Double(text), value.isFinite else { throw UsageError("--\(name) expects a number, got '\(text)'") }
        if let range, !range.contains(value) {
            throw UsageError("--\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(text)")
        }
        return value
    }

    /// The seed: `--seed N`, or a fresh random one (which the caller prints so the run can be repeated).
    func seed() throws -> UInt64 {
        guard let text = string("seed") else { return UInt64.random(in: 0 ... 999_999) }
        guard let value = UInt64(text) else { throw UsageError("--seed expects a non-negative whole number, got '\(text)'") }
        return value
    }

    private static func isNumber(_ text: String) -> Bool { Double(text) != nil }

    private static func suggestion(for name: String, in specification: CommandSpecification) -> String {
        let close = specification.options.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
        guard let close, editDistance(close, name) <= 2 else { return "" }
        return " (did you mean --\(close)?)"
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0 ... b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
