import Media

/// One symbol of the melody event encoding; `MelodyEncoding` describes how a tune becomes a
/// sequence of them.
public enum MelodyToken: Hashable, Sendable, CustomStringConvertible {
    /// Begins every sequence the model reads.
    case start
    /// Ends a tune; it comes after the final bar line.
    case end
    /// Conditioning: the tune's meter.
    case meter(MeterCondition)
    /// Conditioning: the tune's mode.
    case mode(Key.Mode)
    /// A bar line: the previous bar is complete.
    case bar
    /// A rest begins; its length follows as duration tokens.
    case rest
    /// A note begins at this scale step; its length follows as duration tokens.
    case pitch(ScaleStep)
    /// Time, in ticks of 1/48 quarter note (1/192 whole note), added to the current note or rest.
    case duration(Int)

    /// The token's name in corpus files and previews: "<s>", "</s>", "M:6/8", "K:dorian", "|",
    /// "z", a scale step such as "#4'", and a duration in whole notes such as "3/8", "1/12" or "1/1".
    public var description: String {
        switch self {
        case .start: return "<s>"
        case .end: return "</s>"
        case .meter(let meter): return "M:\(meter)"
        case .mode(let mode): return "K:\(mode.rawValue)"
        case .bar: return "|"
        case .rest: return "z"
        case .pitch(let step): return step.description
        case .duration(let ticks): return MelodyTime.name(ticks: ticks)
        }
    }

    /// Reads a token written by `description`; nil if `name` is not one.
    public init?(_ name: String) {
        switch name {
        case "<s>": self = .start
        case "</s>": self = .end
        case "|": self = .bar
        case "z": self = .rest
        default:
            if name.hasPrefix("M:") {
                guard let meter = MeterCondition(String(name.dropFirst(2))) else { return nil }
                self = .meter(meter)
            } else if name.hasPrefix("K:") {
                guard let mode = Key.Mode(rawValue: String(name.dropFirst(2))) else { return nil }
                self = .mode(mode)
            } else if let step = ScaleStep(name) {
                self = .pitch(step)
            } else if let ticks = MelodyTime.ticks(fromName: name) {
                self = .duration(ticks)
            } else {
                return nil
            }
        }
    }
}

/// The meter a tune is conditioned on: one of the common meters, another regular meter, or none.
public enum MeterCondition: Hashable, Sendable, CustomStringConvertible {
    /// A meter the model has its own token for.
    case common(Meter)
    /// A regular meter outside the common ones (5/8, 7/8, 4/1…); its bars still have a fixed length.
    case other
    /// Free meter (ABC's `M:none`): no bar lines.
    case free

    /// The meters with their own token: what the corpus holds enough of to learn from.
    public static let commonMeters: [Meter] = [
        (2, 4), (3, 4), (4, 4), (2, 2), (3, 8), (6, 8), (9, 8), (12, 8), (6, 4), (3, 2), (4, 2),
    ].map { Meter(beats: $0.0, beatUnit: $0.1) }

    /// The condition for a tune in `meter` (nil: free meter).
    public init(_ meter: Meter?) {
        guard let meter else { self = .free; return }
        self = Self.commonMeters.contains(meter) ? .common(meter) : .other
    }

    /// Reads "6/8", "other" or "free".
    public init?(_ text: String) {
        switch text {
        case "other": self = .other
        case "free": self = .free
        default:
            guard let meter = Self.commonMeters.first(where: { $0.description == text }) else { return nil }
            self = .common(meter)
        }
    }

    public var description: String {
        switch self {
        case .common(let meter): return meter.description
        case .other: return "other"
        case .free: return "free"
        }
    }
}
