import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a request to stop at the next step boundary,
/// so training can save a checkpoint and exit cleanly; a second Ctrl-C kills the process as usual.
public enum InterruptSignal {
    // Written from a signal handler, read by the training loop: a plain word-sized flag is what a
    // handler may touch safely.
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Whether an interrupt has arrived since `install()`.
    public static var isRequested: Bool { flag != 0 }

    /// Starts catching SIGINT and SIGTERM.
    public static func install() {
        flag = 0
        signal(SIGINT) { _ in InterruptSignal.flag = 1; signal(SIGINT, SIG_DFL) }
        signal(SIGTERM) { _ in InterruptSignal.flag = 1; signal(SIGTERM, SIG_DFL) }
    }

    /// Restores the default behaviour.
    public static func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Simulates an interrupt (for tests).
    public static func request() { flag = 1 }
}
