/// A mistake in how belamy was called: printed with a hint to `--help`, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    var command: String?

    init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    var description: String { message }
}
