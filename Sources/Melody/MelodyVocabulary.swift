import Media

/// The token set of the melody model, in id order. It is fixed by the encoding rather than counted
/// from a corpus, so every tune in every key maps onto it; a model file stores the names, and a
/// model is read back with exactly the vocabulary it was trained with.
public struct MelodyVocabulary: Sendable, Equatable {
    /// The tokens, indexed by id.
    public let tokens: [MelodyToken]
    private let ids: [MelodyToken: Int]
    /// How lengths are written with this vocabulary's duration tokens.
    public let durations: DurationSpelling

    /// Octaves of the tonic pitch that have pitch tokens: three below to three above.
    public static let octaves = -3 ... 3
    /// Lengths with their own token, in ticks (192 per whole note): binary lengths from a 64th to a
    /// 4/1 bar with their dotted and double-dotted forms, 5/16 and 5/8 (frequent in 6/8), and
    /// triplets from a 16th-note triplet to a half-note triplet.
    public static let durationTicks = [
        3, 6, 12, 24, 48, 96, 192, 384, 576, 768,  // 1/64 … 4 whole notes (a 3/1 and a 4/1 bar)
        9, 18, 36, 72, 144, 288,                   // dotted
        42, 84, 168,                               // double-dotted
        60, 120, 240,                              // five 16ths, five 8ths, five quarters
        4, 8, 16, 32, 64,                          // triplets
    ]

    /// The vocabulary every new model uses.
    public static let standard: MelodyVocabulary = {
        var tokens: [MelodyToken] = [.start, .end, .bar, .rest]
        tokens += MeterCondition.commonMeters.map { .meter(.common($0)) } + [.meter(.other), .meter(.free)]
        tokens += Key.Mode.allCases.map { .mode($0) }
        for octave in octaves {
            for degree in 1 ... 7 {
                tokens.append(.pitch(ScaleStep(degree: degree, octave: octave)))
                tokens.append(.pitch(ScaleStep(degree: degree, isRaised: true, octave: octave)))
            }
        }
        tokens += durationTicks.sorted().map { .duration($0) }
        return MelodyVocabulary(tokens: tokens)
    }()

    /// A vocabulary of `tokens`, in id order; they must be distinct and include start, end and bar.
    public init(tokens: [MelodyToken]) {
        self.tokens = tokens
        ids = Dictionary(uniqueKeysWithValues: tokens.enumerated().map { ($1, $0) })
        let longestBar = MelodyTime.ticksPerWholeNote * 4
        durations = DurationSpelling(tokenTicks: tokens.compactMap { if case .duration(let ticks) = $0 { ticks } else { nil } },
                                     limit: longestBar)
    }

    /// Reads the vocabulary from its names, space-separated, as a model file stores them.
    public init(names: String) throws {
        var tokens: [MelodyToken] = []
        for name in names.split(separator: " ") {
            guard let token = MelodyToken(String(name)) else { throw MelodyError.damagedModel("unknown token '\(name)' in the vocabulary") }
            tokens.append(token)
        }
        guard Set(tokens).count == tokens.count else { throw MelodyError.damagedModel("the vocabulary repeats a token") }
        for needed: MelodyToken in [.start, .end, .bar, .rest] where !tokens.contains(needed) {
            throw MelodyError.damagedModel("the vocabulary lacks '\(needed)'")
        }
        self.init(tokens: tokens)
    }

    /// The names, space-separated, for a model file.
    public var names: String { tokens.map(\.description).joined(separator: " ") }

    /// The number of tokens.
    public var count: Int { tokens.count }

    /// The id of `token`, or nil when the vocabulary lacks it.
    public func id(of token: MelodyToken) -> Int? { ids[token] }

    public static func == (a: MelodyVocabulary, b: MelodyVocabulary) -> Bool { a.tokens == b.tokens }
}
