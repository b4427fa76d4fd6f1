/// What the ABC reader found in one file: the tunes it could read, and a warning for each one it skipped.
public struct ABCTunebook: Sendable {
    /// The tunes read, in file order.
    public var tunes: [Tune]
    /// One warning per skipped tune.
    public var warnings: [ABCWarning]
}
