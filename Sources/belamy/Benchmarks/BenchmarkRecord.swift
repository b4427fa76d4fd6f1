import Foundation

/// A JSON value whose object keys keep the order they were written in, so `belamy bench` prints
/// its one-line record in the same order as the reference scripts (a dictionary would shuffle it).
enum JSONValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral {
    case integer(Int)
    case number(Double)
    case string(String)
    case boolean(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    init(integerLiteral value: Int) { self = .integer(value) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .boolean(value) }

    /// `value` rounded to `digits` decimals, as the reference scripts round theirs with `round(x, digits)`.
    static func rounded(_ value: Double, _ digits: Int) -> JSONValue {
        let scale = pow(10, Double(digits))
        return .number((value * scale).rounded() / scale)
    }

    /// Milliseconds, rounded, from seconds: the unit of every `…_ms…` key.
    static func milliseconds(_ seconds: Double, _ digits: Int) -> JSONValue { rounded(seconds * 1e3, digits) }

    /// The compact one-line JSON text.
    var text: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value):
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.1f", value) }
            return "\(value)"
        case .string(let value): return Self.quoted(value)
        case .boolean(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let values): return "[" + values.map(\.text).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { Self.quoted($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    /// `text` as a JSON string literal.
    private static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes]),
               as: UTF8.self)
    }
}

/// Timing helpers shared by the workloads, matching the reference scripts' conventions.
enum BenchmarkTiming {
    /// What the timings measure.
    enum Clock: String {
        /// Elapsed time on the monotonic clock (`time.perf_counter` in the reference scripts).
        case wall
        /// CPU time of the whole process (`time.process_time`): on a host shared with other
        /// jobs it leaves out the time spent waiting for a core, so single-threaded runs compare
        /// fairly; with more threads it also counts their spinning.
        case processCPU = "process_cpu"
    }

    nonisolated(unsafe) static var clock = Clock.wall

    /// Seconds on `clock`.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// How long `body` takes, in seconds.
    static func seconds(_ body: () -> Void) -> Double {
        let start = now()
        body()
        return now() - start
    }

    /// Python's `statistics.median`: the middle value, or the mean of the two middle values.
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of no values")
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `body` `warmup` times untimed, then `repetitions` times timed: the median and every time,
    /// as the reference's `median_time`.
    static func medianTime(repetitions: Int, warmup: Int, _ body: () -> Void) -> (median: Double, all: [Double]) {
        for _ in 0 ..< warmup { body() }
        let times = (0 ..< repetitions).map { _ in seconds(body) }
        return (median(times), times)
    }
}

/// Writes the readable progress lines of a benchmark to stderr, so stdout carries only the JSON record.
func benchmarkNote(_ line: String) {
    Terminal.writeToStandardError(line + "\n")
}
