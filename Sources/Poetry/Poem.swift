/// A written poem and how it came about.
public struct Poem: Equatable {
    /// The poem's lines as printed. A Chinese poem prints one couplet per line (`床前明月光，疑是地上霜。`).
    public let lines: [String]
    /// The language it is written in.
    public let language: PoemLanguage
    /// The form's name (`七言绝句`) or, in English, the number of lines (`4 lines`).
    public let formName: String
    /// The seed it was written with; the same seed, model and request give the same poem.
    public let seed: UInt64
    /// The model's mean log-probability per character of the poem (natural log): higher reads more like the corpus.
    public let meanLogProbability: Double
    /// Chinese: the rhyme group of the rhyming lines (中华新韵), if they rhyme.
    public let rhymeGroup: String?

    /// The whole poem, lines separated by newlines.
    public var text: String { lines.joined(separator: "\n") }
}
