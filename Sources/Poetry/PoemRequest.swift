/// What a person asks the writer for: keywords, shape, constraints and sampling.
public struct PoemRequest: Equatable {
    /// The words the poem is about. Chinese: every character appears (or, in an acrostic, begins a
    /// line). English: every word appears (or, in an acrostic, its letters begin the lines).
    public var keywords: [String]
    /// Acrostic (藏头诗): line `i` begins with the `i`-th keyword character (Chinese) or letter (English).
    public var acrostic: Bool
    /// The Chinese form; nil picks 七言绝句, or 七言律诗 for an acrostic of more than four characters.
    public var form: ChineseForm?
    /// English: the number of lines; nil picks four, or one per letter in an acrostic.
    public var lineCount: Int?
    /// Chinese: also follow the level/oblique tone pattern of the form.
    public var strictTones: Bool
    /// Chinese: whether the first line rhymes too; nil follows the form's custom.
    public var firstLineRhymes: Bool?
    /// Temperature, top-k and top-p.
    public var sampling: SamplingSettings
    /// How many candidate poems are drawn; the one the model finds likeliest is kept.
    public var candidateCount: Int

    public init(keywords: [String], acrostic: Bool = false, form: ChineseForm? = nil, lineCount: Int? = nil,
                strictTones: Bool = false, firstLineRhymes: Bool? = nil, sampling: SamplingSettings = SamplingSettings(),
                candidateCount: Int = 8) {
        precondition(candidateCount >= 1, "at least one candidate")
        self.keywords = keywords
        self.acrostic = acrostic
        self.form = form
        self.lineCount = lineCount
        self.strictTones = strictTones
        self.firstLineRhymes = firstLineRhymes
        self.sampling = sampling
        self.candidateCount = candidateCount
    }
}
