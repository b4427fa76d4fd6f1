import Foundation

/// One note (or rest) of a melody: a MIDI pitch, when it starts and how long it lasts in whole
/// notes, and how hard it is played.
public struct Note: Hashable, Sendable {
    /// The MIDI pitch (60 is middle C), or nil for a rest.
    public var pitch: Int?
    /// When the note starts, in whole notes from the beginning of the piece.
    public var start: Fraction
    /// How long the note sounds, in whole notes.
    public var duration: Fraction
    /// MIDI velocity, 1 (softest) to 127 (loudest).
    public var velocity: Int

    /// A note of `pitch` (nil for a rest) from `start` lasting `duration` whole notes.
    public init(pitch: Int?, start: Fraction, duration: Fraction, velocity: Int = 80) {
        self.pitch = pitch
        self.start = start
        self.duration = duration
        self.velocity = velocity
    }

    /// A rest from `start` lasting `duration` whole notes.
    public static func rest(start: Fraction, duration: Fraction) -> Note {
        Note(pitch: nil, start: start, duration: duration, velocity: 0)
    }

    /// Whether this is a rest.
    public var isRest: Bool { pitch == nil }

    /// When the note ends, in whole notes.
    public var end: Fraction { start + duration }

    /// The note's fundamental frequency in hertz (equal temperament, A4 = 440 Hz), nil for a rest.
    public var frequency: Double? {
        pitch.map { 440 * pow(2, Double($0 - 69) / 12) }
    }
}
