/// Finds room for keywords in the character positions of a Chinese poem: each keyword on one line,
/// its characters consecutive, no two keywords sharing a position, every character allowed where
/// it lands (tone, rhyme). The writer keeps such a placement for the keywords still to come at
/// every step, so it can always finish the poem with all of them — the guarantee does not depend
/// on the model.
struct KeywordPlacement {
    let lineLength: Int
    let slotCount: Int
    /// Whether `token` may stand at `slot` (a position `line · lineLength + column`).
    let fits: (_ token: Int, _ slot: Int) -> Bool

    /// How much searching one question may cost; a search that runs out answers "no room", which
    /// only makes the writer place a keyword sooner, never break a constraint.
    static let searchBudget = 20_000

    /// Whether `keyword` can start at `slot`: it stays on the line and every character fits.
    func canStart(_ keyword: [Int], at slot: Int) -> Bool {
        let column = slot % lineLength
        guard column + keyword.count <= lineLength, slot + keyword.count <= slotCount else { return false }
        return keyword.enumerated().allSatisfy { fits($0.element, slot + $0.offset) }
    }

    /// Start slots for `keywords` (in their order) using only slots from `firstSlot` on, or nil if they do not fit.
    func place(_ keywords: [[Int]], from firstSlot: Int) -> [Int]? {
        // Longest first: long keywords have the fewest places to go.
        let order = keywords.indices.sorted { keywords[$0].count != keywords[$1].count ? keywords[$0].count > keywords[$1].count : $0 < $1 }
        var starts = [Int](repeating: -1, count: keywords.count)
        var occupied = [Bool](repeating: false, count: slotCount)
        var budget = Self.searchBudget

        func search(_ depth: Int) -> Bool {
            guard depth < order.count else { return true }
            let keyword = keywords[order[depth]]
            for start in firstSlot ..< slotCount {
                budget -= 1
                if budget <= 0 { return false }
                guard (0 ..< keyword.count).allSatisfy({ start + $0 < slotCount && !occupied[start + $0] }),
                      canStart(keyword, at: start) else { continue }
                for offset in keyword.indices { occupied[start + offset] = true }
                starts[order[depth]] = start
                if search(depth + 1) { return true }
                for offset in keyword.indices { occupied[start + offset] = false }
            }
            return false
        }
        return search(0) ? starts : nil
    }

    /// Number of slots from `firstSlot` on where `keyword` could start, ignoring the other keywords.
    func startCount(_ keyword: [Int], from firstSlot: Int) -> Int {
        (firstSlot ..< slotCount).filter { canStart(keyword, at: $0) }.count
    }
}
