import Media

/// The opening a user gives the composer (`--primer "DEF GAB | c2"`): ABC notes in the request's
/// key and meter, eighth notes as the unit, read by Belamy's ABC reader and turned into events.
public enum MelodyPrimer {
    /// The events of `primer` for `request`, counted from the request's tonic pitch. Throws
    /// `MelodyError.badPrimer` saying where the ABC could not be read, or why the notes do not fit.
    public static func events(_ primer: String, for request: MelodyRequest, vocabulary: MelodyVocabulary) throws -> [MelodyToken] {
        guard !primer.contains(where: \.isNewline) else { throw MelodyError.badPrimer("give it on one line") }
        let text = "X:1\nM:\(request.meter)\nL:1/8\nK:\(request.key.abcName)\n\(primer)\n"
        let tune: Tune
        do {
            guard let read = try ABCReader.read(text: text, source: "primer").tunes.first else {
                throw MelodyError.badPrimer("it holds no notes")
            }
            tune = read
        } catch ABCError.noTunes(_, _, let problem) {
            // The reader names the line and column; the primer is line 5 of the text above, so the column is the primer's.
            let reason = problem?.components(separatedBy: "skipped tune X:1: ").last ?? "it is not ABC notes"
            throw MelodyError.badPrimer(reason == "no notes" ? "it holds no notes" : "\(reason) in \"\(primer)\"")
        }
        // A pickup stands for the end of the first bar (the composer fills the bar with a rest in front).
        let barLength = request.meter.barLength
        let occupied = tune.length + (tune.anacrusis > .zero ? barLength - tune.anacrusis : .zero)
        guard occupied < barLength * Fraction(request.bars) else {
            throw MelodyError.badPrimer("it fills \(request.bars) bar\(request.bars == 1 ? "" : "s") or more; ask for more --bars")
        }
        let limits = request.pitchLimits
        if let outside = tune.notes.first(where: { $0.pitch.map { !limits.contains($0) } ?? false }) {
            throw MelodyError.badPrimer("its note \(PitchName.name(of: outside.pitch!)) lies outside the range "
                + "\(PitchName.name(of: limits.lowerBound))–\(PitchName.name(of: limits.upperBound)) of \(request.key)")
        }
        do {
            return try MelodyEncoding.encode(tune, tonicPitch: request.tonicPitch, vocabulary: vocabulary).events
        } catch let error as MelodyError {
            if case .unencodable(let reason) = error { throw MelodyError.badPrimer(reason) }
            throw error
        }
    }
}
