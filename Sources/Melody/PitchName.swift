/// Scientific pitch names for MIDI pitches ("C4" is 60, "F#3" is 54), as corpus files and error
/// messages write them; sharps only, since the name is for reading, not for spelling a key.
public enum PitchName {
    private static let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

    /// The name of MIDI pitch `pitch`.
    public static func name(of pitch: Int) -> String {
        names[((pitch % 12) + 12) % 12] + String(Int((Double(pitch) / 12).rounded(.down)) - 1)
    }

    /// The MIDI pitch named `name` ("Bb3" and "A#3" both read), or nil.
    public static func pitch(named name: String) -> Int? {
        var rest = Substring(name)
        guard let letter = rest.first, let index = names.firstIndex(of: String(letter)) else { return nil }
        rest = rest.dropFirst()
        var pitchClass = index
        if rest.first == "#" { pitchClass += 1; rest = rest.dropFirst() } else if rest.first == "b" { pitchClass -= 1; rest = rest.dropFirst() }
        guard let octave = Int(rest), (-1 ... 9).contains(octave) else { return nil }
        return 12 * (octave + 1) + pitchClass
    }
}
