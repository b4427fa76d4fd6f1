/// How a length in ticks is written as duration tokens: with as few tokens as possible, the
/// longest first (a dotted quarter is one token; a quarter tied to a 16th-note triplet is two).
/// One spelling per length keeps the encoding exact and deterministic.
public struct DurationSpelling: Sendable {
    /// The lengths that have a token, in ticks, longest first.
    public let tokenTicks: [Int]
    /// The longest length the table covers; longer ones start with the longest token.
    public let limit: Int
    /// For each length up to `limit`: the first token of its spelling, or 0 when it has none.
    private let firstToken: [Int]
    /// For each length up to `limit`: how many tokens its spelling takes (Int.max: none).
    private let tokenCount: [Int]

    /// The spellings of every length up to `limit` ticks from the token lengths `tokenTicks`.
    public init(tokenTicks: [Int], limit: Int) {
        self.tokenTicks = tokenTicks.sorted(by: >)
        self.limit = limit
        var firstToken = [Int](repeating: 0, count: limit + 1)
        var tokenCount = [Int](repeating: .max, count: limit + 1)
        tokenCount[0] = 0
        for length in 1 ... limit {
            // Longest first, and only a strictly shorter spelling replaces it: ties keep the longer first token.
            for ticks in self.tokenTicks where ticks <= length && tokenCount[length - ticks] != .max {
                if tokenCount[length - ticks] + 1 < tokenCount[length] {
                    tokenCount[length] = tokenCount[length - ticks] + 1
                    firstToken[length] = ticks
                }
            }
        }
        self.firstToken = firstToken
        self.tokenCount = tokenCount
    }

    /// Whether `ticks` (≥ 0) can be written at all.
    public func canSpell(_ ticks: Int) -> Bool {
        ticks <= limit ? tokenCount[ticks] != .max : canSpell(ticks - tokenTicks[0])
    }

    /// The token lengths that write `ticks`, or nil when no combination of tokens adds up to it.
    public func spell(_ ticks: Int) -> [Int]? {
        var remaining = ticks, tokens: [Int] = []
        while remaining > limit {
            tokens.append(tokenTicks[0])
            remaining -= tokenTicks[0]
        }
        guard tokenCount[remaining] != .max else { return nil }
        while remaining > 0 {
            tokens.append(firstToken[remaining])
            remaining -= firstToken[remaining]
        }
        return tokens
    }
}
