/// Whether operations record the graph needed for `backward()`.
public enum GradientMode {
    // Belamy trains and samples on one thread of Swift code (BLAS brings its own threads), so a
    // plain global flag is enough.
    nonisolated(unsafe) public private(set) static var isEnabled = true

    /// Runs `body` without recording any graph: the mode for inference and evaluation.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        let previous = isEnabled
        isEnabled = false
        defer { isEnabled = previous }
        return try body()
    }
}

/// Runs `body` without recording any graph: the mode for inference and evaluation.
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.withoutGradients(body)
}
