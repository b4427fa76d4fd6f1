import Media

/// A tune in the event encoding: its key and meter, the pitch its scale steps are counted from,
/// and its events.
///
/// # The encoding
///
/// A model reads `<s> M:<meter> K:<mode>` and then the tune's events, then `</s>`:
///
/// ```
/// <s> M:6/8 K:major  5, 1/8 | 1 1/4 2 1/8 3 1/8 2 1/8 1 1/8 | 3 3/8 z 1/4 ...  1 3/4 | </s>
/// ```
///
/// - **Pitches are scale steps relative to the key** (`ScaleStep`): degree 1–7, "#" for a note
///   a semitone above a degree when it is outside the mode's scale, and octave marks relative to
///   the tune's tonic pitch. A tune in D and the same tune in G encode identically, so one model
///   serves every key; the key and the tonic's octave are applied when the tune is rendered.
/// - **The tonic pitch** is the tonic nearest the tune's last note, so octave 0 is where a tune
///   usually ends and register is learned relative to that, not to an absolute octave.
/// - **Lengths** are duration tokens on a grid of 1/48 quarter note (`MelodyTime`), which holds
///   every binary length down to a 64th and triplets down to a 16th-note triplet. A note or rest
///   token is followed by one or more duration tokens that add up to its length; a length without
///   a token of its own is spelled with the fewest tokens (`DurationSpelling`).
/// - **Bar lines** `|` stand where bars end: after the pickup (if any), then every bar length.
///   A note that sounds across a bar line is split there: the duration tokens after the `|` (with
///   no new note token) continue it, which is how ties across bar lines are written. A tune that
///   ends on a bar line ends with `|`; the last bar of a tune with a pickup may be short, as written.
/// - **Free meter** (`M:free`) has no bar lines. A meter outside the common ones is `M:other`; its
///   bars still fall every bar length, which the tune's metadata gives.
/// - **Repeats** are played out by the ABC reader before encoding, so the events are the tune as
///   heard.
///
/// Decoding gives back exactly the notes (pitch, start, length), rests, pickup, key and meter of
/// the tune that was encoded.
public struct EncodedMelody: Hashable, Sendable {
    /// The key: its tonic fixes the pitch classes, its mode the meaning of scale steps.
    public var key: Key
    /// The meter; nil for free meter.
    public var meter: Meter?
    /// The MIDI pitch of scale step 1 in octave 0.
    public var tonicPitch: Int
    /// Notes, rests, lengths and bar lines, without the conditioning tokens or `</s>`.
    public var events: [MelodyToken]

    /// A tune's events in `key` and `meter`, counted from `tonicPitch`.
    public init(key: Key, meter: Meter?, tonicPitch: Int, events: [MelodyToken]) {
        self.key = key
        self.meter = meter
        self.tonicPitch = tonicPitch
        self.events = events
    }

    /// What the model is conditioned on: meter, then mode.
    public var conditioning: [MelodyToken] { [.meter(MeterCondition(meter)), .mode(key.mode)] }

    /// The whole sequence a model learns: `<s>`, the conditioning, the events, `</s>`.
    public var sequence: [MelodyToken] { [.start] + conditioning + events + [.end] }
}

/// Turns tunes into event sequences and back (see `EncodedMelody` for the scheme).
public enum MelodyEncoding {
    /// `tune` in the event encoding, with lengths written in `vocabulary`'s duration tokens and
    /// scale steps counted from `tonicPitch` (by default the tonic nearest the last note).
    /// Throws `MelodyError.unencodable` for a tune the encoding cannot hold exactly.
    public static func encode(_ tune: Tune, tonicPitch: Int? = nil, vocabulary: MelodyVocabulary = .standard) throws -> EncodedMelody {
        guard let lastPitch = tune.notes.last(where: { !$0.isRest })?.pitch else {
            throw MelodyError.unencodable("it has no notes")
        }
        precondition(tonicPitch.map { ($0 - tune.key.tonicPitchClass) % 12 == 0 } ?? true, "the tonic pitch must be a tonic")
        let tonicPitch = tonicPitch ?? nearestTonic(to: lastPitch, tonicPitchClass: tune.key.tonicPitchClass)
        var bars: BarGrid?
        if let meter = tune.meter {
            guard let barTicks = MelodyTime.ticks(of: meter.barLength), barTicks <= vocabulary.durations.limit else {
                throw MelodyError.unencodable("its bars of \(meter) are longer than four whole notes")
            }
            guard let pickup = MelodyTime.ticks(of: tune.anacrusis) else {
                throw MelodyError.unencodable("its pickup of \(tune.anacrusis) is off the grid")
            }
            bars = BarGrid(barTicks: barTicks, pickupTicks: pickup)
        }
        var events: [MelodyToken] = []
        var time = 0
        var nextBar = bars?.firstBar ?? .max
        for note in tune.notes {
            guard let ticks = MelodyTime.ticks(of: note.duration) else {
                throw MelodyError.unencodable("a length of \(note.duration) is off the 1/48-quarter grid")
            }
            if time == nextBar {
                events.append(.bar)
                nextBar += bars!.barTicks
            }
            if let pitch = note.pitch {
                let step = ScaleStep(interval: pitch - tonicPitch, mode: tune.key.mode)
                guard vocabulary.id(of: .pitch(step)) != nil else {
                    throw MelodyError.unencodable("the note \(PitchName.name(of: pitch)) lies more than three octaves from the tonic")
                }
                events.append(.pitch(step))
            } else {
                events.append(.rest)
            }
            var remaining = ticks
            while remaining > 0 {
                if time == nextBar {
                    events.append(.bar)
                    nextBar += bars!.barTicks
                }
                let piece = min(remaining, nextBar - time)
                guard let spelling = vocabulary.durations.spell(piece) else {
                    throw MelodyError.unencodable("a length of \(MelodyTime.fraction(ticks: piece)) has no spelling in duration tokens")
                }
                events += spelling.map { .duration($0) }
                time += piece
                remaining -= piece
            }
        }
        if time == nextBar { events.append(.bar) }
        return EncodedMelody(key: tune.key, meter: tune.meter, tonicPitch: tonicPitch, events: events)
    }

    /// The tune `melody` encodes: its notes, pickup, key and meter. Throws
    /// `MelodyError.malformedEvents` when the events are not a well-formed tune (a length with no
    /// note before it, a bar line off the bar grid, a conditioning token among the events).
    public static func decode(_ melody: EncodedMelody) throws -> Tune {
        var notes: [Note] = []
        var time = 0
        var barTimes: [Int] = []
        var sounding: (pitch: Int?, start: Int, ticks: Int)?
        func finishNote() {
            if let note = sounding, note.ticks > 0 {
                let start = MelodyTime.fraction(ticks: note.start), length = MelodyTime.fraction(ticks: note.ticks)
                notes.append(note.pitch.map { Note(pitch: $0, start: start, duration: length) } ?? .rest(start: start, duration: length))
            }
        }
        for (index, event) in melody.events.enumerated() {
            switch event {
            case .pitch(let step):
                if sounding?.ticks == 0 { throw MelodyError.malformedEvents("a note without a length before event \(index + 1)") }
                finishNote()
                sounding = (melody.tonicPitch + step.interval(in: melody.key.mode), time, 0)
            case .rest:
                if sounding?.ticks == 0 { throw MelodyError.malformedEvents("a note without a length before event \(index + 1)") }
                finishNote()
                sounding = (nil, time, 0)
            case .duration(let ticks):
                guard sounding != nil else { throw MelodyError.malformedEvents("a length with no note before it (event \(index + 1))") }
                sounding!.ticks += ticks
                time += ticks
            case .bar:
                if sounding?.ticks == 0 { throw MelodyError.malformedEvents("a note without a length before a bar line (event \(index + 1))") }
                barTimes.append(time)
            case .start, .end, .meter, .mode:
                throw MelodyError.malformedEvents("'\(event)' among the events (event \(index + 1))")
            }
        }
        if sounding?.ticks == 0 { throw MelodyError.malformedEvents("the last note has no length") }
        finishNote()
        var pickup = Fraction.zero
        if let meter = melody.meter {
            guard let barTicks = MelodyTime.ticks(of: meter.barLength) else { throw MelodyError.malformedEvents("bars of \(meter) are off the grid") }
            if let first = barTimes.first {
                let grid = BarGrid(barTicks: barTicks, pickupTicks: first < barTicks ? first : 0)
                for (number, barTime) in barTimes.enumerated() where barTime != grid.firstBar + number * barTicks {
                    throw MelodyError.malformedEvents("bar line \(number + 1) is at \(MelodyTime.fraction(ticks: barTime)), off the \(meter) grid")
                }
                pickup = MelodyTime.fraction(ticks: grid.pickupTicks)
            }
        } else if !barTimes.isEmpty {
            throw MelodyError.malformedEvents("a bar line in free meter")
        }
        return Tune(key: melody.key, meter: melody.meter, anacrusis: pickup, notes: notes)
    }

    /// The pitch of the tonic nearest `pitch`; a tritone away, the lower one.
    public static func nearestTonic(to pitch: Int, tonicPitchClass: Int) -> Int {
        let above = ((tonicPitchClass - pitch) % 12 + 12) % 12
        return above < 6 ? pitch + above : pitch + above - 12
    }
}

/// Where the bar lines of a tune fall, in ticks: after the pickup, then every bar length.
struct BarGrid {
    let barTicks: Int
    /// The pickup's length; 0 when the tune starts on a downbeat.
    let pickupTicks: Int

    /// The time of the first bar line.
    var firstBar: Int { pickupTicks > 0 ? pickupTicks : barTicks }
}
