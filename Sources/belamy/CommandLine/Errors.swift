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

/// A craft that the command line knows about but that has not been built yet: exit code 1.
struct NotAvailableError: Error, CustomStringConvertible {
    let what: String
    var description: String { "\(what) is not available yet in this version of belamy" }
}
