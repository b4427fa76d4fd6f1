import Media

/// The rules a composed tune must keep, applied while it is sampled: at each step, the events that
/// may come next. Whatever the model prefers, a tune built only from allowed events
///
/// - has every bar exactly the meter's length (lengths never overrun the bar, the bar line comes
///   exactly when the bar is full, and what is left of a bar can always still be filled) — except
///   that, as in the corpus, the first bar may be a pickup: its bar line may come early, and the
///   composer fills the rest of that bar with a rest in front of it;
/// - has exactly the bars asked for, and `</s>` right after the last bar line;
/// - ends on the tonic at that bar line, held at least `finalNoteMinimum` (a beat, so the tune
///   comes to rest rather than breaking off): in the last bar everything else ends that long before
///   the bar line, and only a tonic begun by then may sound into it;
/// - keeps every note in `pitchRange` (semitones from the tonic pitch), spelled as the mode spells it.
public struct MelodyConstraints {
    public let vocabulary: MelodyVocabulary
    public let mode: Key.Mode
    /// Ticks in a bar.
    public let barTicks: Int
    /// How many bars the tune has.
    public let barCount: Int
    /// The lowest and highest note allowed, in semitones from the tonic pitch.
    public let pitchRange: ClosedRange<Int>
    /// The shortest the final tonic may be, in ticks.
    public let finalNoteMinimum: Int

    /// Complete bars so far.
    public private(set) var completedBars = 0
    /// Ticks filled in the current bar.
    public private(set) var position = 0
    /// The note sounding now: nil for a rest; `hasNote` is false before the first note or rest.
    public private(set) var currentInterval: Int?
    public private(set) var hasNote = false
    /// A note or rest has begun and still needs its first length.
    public private(set) var awaitingLength = false
    /// Whether `</s>` has been chosen.
    public private(set) var isFinished = false
    /// The length of the pickup, when the first bar line came early; 0 otherwise.
    public private(set) var pickupTicks = 0

    /// The token id of each pitch step, its interval in this mode, for the pitches allowed at all.
    private let pitchTokens: [(id: Int, interval: Int)]
    private let durationTokens: [(id: Int, ticks: Int)]
    private let restID: Int, barID: Int, endID: Int

    /// Rules for a tune of `barCount` bars of `barTicks` ticks in `mode`, notes within `pitchRange`,
    /// ending on a tonic at least `finalNoteMinimum` ticks long (at most a bar, and spellable).
    public init(vocabulary: MelodyVocabulary, mode: Key.Mode, barTicks: Int, barCount: Int, pitchRange: ClosedRange<Int>,
                finalNoteMinimum: Int) {
        precondition(barCount >= 1 && vocabulary.durations.canSpell(barTicks), "a whole number of fillable bars")
        precondition(pitchRange.contains(0) || pitchRange.contains(12), "the range must hold a tonic to end on")
        precondition(finalNoteMinimum > 0 && finalNoteMinimum <= barTicks
                     && vocabulary.durations.canSpell(barTicks - finalNoteMinimum), "a final note that fits the bar")
        self.vocabulary = vocabulary
        self.mode = mode
        self.barTicks = barTicks
        self.barCount = barCount
        self.pitchRange = pitchRange
        self.finalNoteMinimum = finalNoteMinimum
        var pitchTokens: [(Int, Int)] = [], durationTokens: [(Int, Int)] = []
        for (id, token) in vocabulary.tokens.enumerated() {
            switch token {
            case .pitch(let step) where step.isCanonical(in: mode) && pitchRange.contains(step.interval(in: mode)):
                pitchTokens.append((id, step.interval(in: mode)))
            case .duration(let ticks):
                durationTokens.append((id, ticks))
            default:
                break
            }
        }
        self.pitchTokens = pitchTokens
        self.durationTokens = durationTokens
        restID = vocabulary.id(of: .rest)!
        barID = vocabulary.id(of: .bar)!
        endID = vocabulary.id(of: .end)!
    }

    private var isFinalBar: Bool { completedBars == barCount - 1 }
    private var remaining: Int { barTicks - position }
    /// In the last bar, where everything before the final tonic must have ended.
    private var finalNoteStart: Int { barTicks - finalNoteMinimum }

    private static func isTonic(_ interval: Int?) -> Bool {
        interval.map { ($0 % 12 + 12) % 12 == 0 } ?? false
    }

    /// Whether a length of `ticks` may extend the sounding note or rest now. Every length leaves a
    /// remainder of the bar that can still be filled; in the last bar, only a tonic may pass the
    /// point where the final tonic must have begun.
    private func allowsLength(_ ticks: Int) -> Bool {
        guard ticks <= remaining, vocabulary.durations.canSpell(remaining - ticks) else { return false }
        return !isFinalBar || Self.isTonic(currentInterval) || position + ticks <= finalNoteStart
    }

    /// Whether a new note (or a rest, with nil) may begin now. In the last bar a tonic may begin up
    /// to the point where the final tonic must have begun (from there it can always run to the bar
    /// line); anything else needs a length that ends by then.
    private func allowsStart(of interval: Int?) -> Bool {
        guard remaining > 0 else { return false }
        guard isFinalBar else { return true }
        if Self.isTonic(interval) { return position <= finalNoteStart }
        return durationTokens.contains { position + $0.ticks <= finalNoteStart && vocabulary.durations.canSpell(remaining - $0.ticks) }
    }

    /// For every token id, whether it may come next.
    public func allowedTokens() -> [Bool] {
        var allowed = [Bool](repeating: false, count: vocabulary.count)
        if isFinished { return allowed }
        if completedBars == barCount {
            allowed[endID] = true
            return allowed
        }
        if remaining == 0 && !awaitingLength {
            allowed[barID] = true
            return allowed
        }
        // A pickup: the first bar may end early, once something has been played (not in a one-bar tune,
        // whose only bar is also the last).
        if completedBars == 0 && position > 0 && !awaitingLength && barCount > 1 { allowed[barID] = true }
        // A length: the first one of a new note, or one more that ties the sounding note on.
        if awaitingLength || hasNote {
            for (id, ticks) in durationTokens where allowsLength(ticks) { allowed[id] = true }
        }
        if !awaitingLength {
            for (id, interval) in pitchTokens where allowsStart(of: interval) { allowed[id] = true }
            allowed[restID] = allowsStart(of: nil)
        }
        return allowed
    }

    /// Takes the next event; throws when the rules do not allow it, naming it.
    public mutating func advance(_ id: Int) throws {
        guard allowedTokens()[id] else {
            throw MelodyError.malformedEvents("'\(vocabulary.tokens[id])' is not allowed after bar \(completedBars) + \(MelodyTime.fraction(ticks: position))")
        }
        switch vocabulary.tokens[id] {
        case .end:
            isFinished = true
        case .bar:
            if completedBars == 0 && position < barTicks { pickupTicks = position }
            completedBars += 1
            position = 0
        case .rest:
            currentInterval = nil
            hasNote = true
            awaitingLength = true
        case .pitch(let step):
            currentInterval = step.interval(in: mode)
            hasNote = true
            awaitingLength = true
        case .duration(let ticks):
            position += ticks
            awaitingLength = false
        case .start, .meter, .mode:
            preconditionFailure("conditioning tokens are never allowed by the constraints")
        }
    }
}
