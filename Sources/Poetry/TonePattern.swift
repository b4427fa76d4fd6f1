/// The level/oblique (平仄) pattern of a regulated poem: for every line and position, the tone the
/// character must have, or nil where either will do.
///
/// Built from the four five-character line types of regulated verse
/// (A 仄仄平平仄, B 平平仄仄平, C 平平平仄仄, D 仄仄仄平平), chained by the rules of opposition
/// (对) within a couplet and adhesion (粘) between couplets; a seven-character line puts two
/// characters of the opposite tone in front. The customary freedom "一三五不论" leaves the first,
/// third (and fifth) characters free, except where freeing them would make the faults 孤平 (a
/// B line with one lone level tone) or 三平尾 (three level tones at a line's end).
public struct TonePattern: Equatable {
    /// `lines[line][position]`: the required tone, or nil for a free position.
    public let lines: [[ChineseReadings.Tone?]]

    /// The standard patterns of `form` whose first line does (or does not) rhyme: one opening with
    /// an oblique second character (仄起) and one with a level one (平起).
    public static func standardPatterns(for form: ChineseForm, firstLineRhymes: Bool) -> [TonePattern] {
        // Couplet sequences of line types, for each opening and first-line rhyme (lines 5–8 of
        // regulated verse repeat the sequence whose first line does not rhyme).
        let openings: [(rhyming: [LineType], plain: [LineType])] = [
            ([.d, .b, .c, .d], [.a, .b, .c, .d]),
            ([.b, .d, .a, .b], [.c, .d, .a, .b]),
        ]
        return openings.map { opening in
            let first = firstLineRhymes ? opening.rhyming : opening.plain
            let types = form.lineCount == 4 ? first : first + opening.plain
            return TonePattern(lines: types.map { $0.tones(length: form.lineLength) })
        }
    }

    /// The four line types of five-character regulated verse.
    private enum LineType {
        case a, b, c, d

        var fiveCharacterTones: String {
            switch self {
            case .a: return "仄仄平平仄"
            case .b: return "平平仄仄平"
            case .c: return "平平平仄仄"
            case .d: return "仄仄仄平平"
            }
        }

        /// Positions (in the five-character line) where either tone is accepted.
        var freePositions: Set<Int> {
            switch self {
            case .a, .c: return [0, 2]
            case .b: return [2]       // a free first character could leave 孤平
            case .d: return [0]       // a free third character could end in 三平尾
            }
        }

        func tones(length: Int) -> [ChineseReadings.Tone?] {
            let five = fiveCharacterTones.map { ChineseReadings.Tone(rawValue: String($0))! }
            var tones: [ChineseReadings.Tone?] = five.enumerated().map { freePositions.contains($0.offset) ? nil : $0.element }
            if length == 7 {
                let opposite: ChineseReadings.Tone = five[0] == .level ? .oblique : .level
                tones = [nil, opposite] + tones
            }
            return tones
        }
    }
}
