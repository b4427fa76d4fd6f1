import Media

/// Finds the mode of a tune whose source names only its tonic. The Essen collection writes every
/// key as its final's major signature (`K: E` for a tune in E minor, with `=G` throughout), so its
/// modes are inferred from the notes: the mode whose scale holds the most sounding time wins.
public enum ModeInference {
    /// Ties go to the more common mode first.
    static let preference: [Key.Mode] = [.major, .minor, .dorian, .mixolydian, .phrygian, .lydian, .locrian]

    /// The mode on `tonicPitchClass` whose scale covers the largest share of the notes' total length.
    public static func mode(of notes: [Note], tonicPitchClass: Int) -> Key.Mode {
        var timeByInterval = [Fraction](repeating: .zero, count: 12)
        for note in notes {
            guard let pitch = note.pitch else { continue }
            timeByInterval[((pitch - tonicPitchClass) % 12 + 12) % 12] += note.duration
        }
        var best = preference[0], bestTime = Fraction(-1)
        for mode in preference {
            let time = mode.scale.reduce(Fraction.zero) { $0 + timeByInterval[$1] }
            if time > bestTime { (best, bestTime) = (mode, time) }
        }
        return best
    }
}
