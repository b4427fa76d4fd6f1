import Foundation

/// Where belamy talks to a person: results on stdout, everything else (progress, notes, errors) on
/// stderr, colour only on a terminal and never when NO_COLOR is set.
enum Terminal {
    /// Whether stderr is an interactive terminal (progress bars animate only then).
    static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1
    static let usesColor = standardErrorIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    nonisolated(unsafe) static var isQuiet = false

    static func error(_ message: String) {
        writeToStandardError(paint("error:", code: "1;31") + " " + message + "\n")
    }

    static func hint(_ message: String) {
        writeToStandardError(paint("hint:", code: "2") + " " + message + "\n")
    }

    /// A progress or status note on stderr, suppressed by --quiet.
    static func note(_ message: String) {
        guard !isQuiet else { return }
        writeToStandardError(message + "\n")
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func paint(_ text: String, code: String) -> String {
        usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
