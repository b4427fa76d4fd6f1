/// A tempo: how many beats of a given length sound per minute (ABC's `Q:1/4=120`).
public struct Tempo: Hashable, Sendable, CustomStringConvertible {
    /// The length of the beat being counted, in whole notes (1/4 for a quarter note).
    public var beat: Fraction
    /// How many such beats per minute.
    public var beatsPerMinute: Double

    /// A tempo of `beatsPerMinute` beats of length `beat` (a quarter note by default).
    public init(beatsPerMinute: Double, beat: Fraction = Fraction(1, 4)) {
        precondition(beatsPerMinute > 0 && beat > .zero, "a tempo needs a positive speed and beat")
        self.beat = beat
        self.beatsPerMinute = beatsPerMinute
    }

    /// The tempo used when a piece gives none: 120 quarter notes per minute.
    public static let standard = Tempo(beatsPerMinute: 120)

    /// How long a whole note lasts, in seconds.
    public var secondsPerWholeNote: Double { 60 / (beatsPerMinute * beat.doubleValue) }

    /// Quarter notes per minute, as MIDI counts tempo.
    public var quarterNotesPerMinute: Double { beatsPerMinute * beat.doubleValue * 4 }

    /// The time in seconds at `position` whole notes from the start.
    public func seconds(at position: Fraction) -> Double { position.doubleValue * secondsPerWholeNote }

    public var description: String { "\(beat)=\(beatsPerMinute)" }
}
