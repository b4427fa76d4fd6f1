/// The classical forms Belamy writes: quatrains (绝句) and regulated verse (律诗) of five- or
/// seven-character lines.
public enum ChineseForm: String, CaseIterable, Equatable {
    case fiveCharacterQuatrain = "wujue"
    case sevenCharacterQuatrain = "qijue"
    case fiveCharacterRegulatedVerse = "wulv"
    case sevenCharacterRegulatedVerse = "qilv"

    /// The form's Chinese name.
    public var chineseName: String {
        switch self {
        case .fiveCharacterQuatrain: return "五言绝句"
        case .sevenCharacterQuatrain: return "七言绝句"
        case .fiveCharacterRegulatedVerse: return "五言律诗"
        case .sevenCharacterRegulatedVerse: return "七言律诗"
        }
    }

    /// Number of lines (句): 4 for a quatrain, 8 for regulated verse.
    public var lineCount: Int {
        switch self {
        case .fiveCharacterQuatrain, .sevenCharacterQuatrain: return 4
        case .fiveCharacterRegulatedVerse, .sevenCharacterRegulatedVerse: return 8
        }
    }

    /// Characters per line.
    public var lineLength: Int {
        switch self {
        case .fiveCharacterQuatrain, .fiveCharacterRegulatedVerse: return 5
        case .sevenCharacterQuatrain, .sevenCharacterRegulatedVerse: return 7
        }
    }

    /// Whether the first line rhymes too, by the form's custom: usually in seven-character poems, usually not in five.
    public var firstLineRhymesByCustom: Bool { lineLength == 7 }

    /// The punctuation after line `line` (0-based): a comma after the first line of each couplet, a full stop after the second.
    public static func punctuation(afterLine line: Int) -> Character { line % 2 == 0 ? "，" : "。" }

    /// Lines (0-based) that end in the rhyme: every second line, and the first if `firstLineRhymes`.
    public func rhymingLines(firstLineRhymes: Bool) -> [Int] {
        (0 ..< lineCount).filter { $0 % 2 == 1 || ($0 == 0 && firstLineRhymes) }
    }

    /// The form named by `name`: `wujue`, `qijue`, `wulv`, `qilv` or the Chinese name (五绝, 五言绝句, …).
    public init?(name: String) {
        let aliases: [String: ChineseForm] = [
            "五绝": .fiveCharacterQuatrain, "七绝": .sevenCharacterQuatrain,
            "五律": .fiveCharacterRegulatedVerse, "七律": .sevenCharacterRegulatedVerse,
        ]
        if let form = ChineseForm(rawValue: name.lowercased()) ?? aliases[name]
            ?? ChineseForm.allCases.first(where: { $0.chineseName == name }) {
            self = form
        } else {
            return nil
        }
    }
}
