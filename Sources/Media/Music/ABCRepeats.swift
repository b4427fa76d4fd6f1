/// Plays out the repeats of a tune body the way a musician reads them: ":|" goes back to the last
/// "|:" (or, when there is none, to just after the previous ":|" or double bar, or to the start),
/// and numbered endings "[1" "[2" are played only on their passes.
enum ABCRepeats {
    /// Beyond this many notes a tune is taken to be malformed rather than long.
    static let maximumNotes = 200_000

    /// The notes of `elements` in playing order.
    static func expand(_ elements: [ABCElement], line: Int) throws -> [ABCNote] {
        var played: [ABCNote] = []
        var index = 0
        var sectionStart = 0
        var pass = 1
        var ending: [Int]?
        var insideRepeat = false
        while index < elements.count {
            switch elements[index] {
            case .note(let note):
                if ending?.contains(pass) ?? true {
                    played.append(note)
                    guard played.count <= maximumNotes else { throw ABCTuneError(line: line, message: "repeats never end") }
                }
            case .ending(let passes):
                ending = passes
            case .bar(.plain):
                break
            case .bar(.double):
                if ending != nil {
                    // The last ending closes here, and with it the repeated section.
                    ending = nil
                    if pass > 1 {
                        pass = 1
                        sectionStart = index + 1
                    }
                } else if !insideRepeat && pass == 1 {
                    // Outside "|: … :|" a double bar starts a new part, which a later ":|" repeats.
                    sectionStart = index + 1
                }
            case .bar(.repeatStart):
                insideRepeat = true
                sectionStart = index + 1
                pass = 1
                ending = nil
            case .bar(.repeatEnd), .bar(.repeatEndAndStart):
                if let passes = ending, !passes.contains(pass) {
                    // The repeat sign closes an ending skipped on this pass: play on.
                    ending = nil
                } else if repeatsAgain(elements, after: index, inEnding: ending != nil, pass: pass) {
                    pass += 1
                    index = sectionStart
                    ending = nil
                    continue
                } else {
                    pass = 1
                    sectionStart = index + 1
                    ending = nil
                    insideRepeat = elements[index] == .bar(.repeatEndAndStart)
                }
            }
            index += 1
        }
        return played
    }

    /// Whether the section is played once more from a repeat sign at `index`: a plain repeat plays
    /// twice; inside an ending, only if a later ending is marked for the next pass.
    private static func repeatsAgain(_ elements: [ABCElement], after index: Int, inEnding: Bool, pass: Int) -> Bool {
        guard inEnding else { return pass == 1 }
        for element in elements[(index + 1)...] {
            switch element {
            case .ending(let passes) where passes.contains(pass + 1): return true
            case .bar(.repeatStart), .bar(.repeatEndAndStart): return false
            default: continue
            }
        }
        return false
    }
}
