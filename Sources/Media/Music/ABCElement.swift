/// One thing in a tune body, in written order, before repeats are played out.
enum ABCElement: Equatable {
    case note(ABCNote)
    case bar(ABCBarLine)
    /// The start of a numbered ending ("[1", ":|2"); it holds the passes it is played on.
    case ending([Int])
}

/// A note or rest (nil pitch) as written, with its final duration in whole notes.
struct ABCNote: Equatable {
    var pitch: Int?
    var duration: Fraction
    /// Whether a tie ("-") follows it.
    var tied: Bool
    var line: Int
}

/// The kinds of bar line that matter for playing order.
enum ABCBarLine: Equatable {
    /// "|"
    case plain
    /// "||", "|]", "[|": the end of a section.
    case double
    /// "|:"
    case repeatStart
    /// ":|"
    case repeatEnd
    /// "::" or ":|:"
    case repeatEndAndStart
}
