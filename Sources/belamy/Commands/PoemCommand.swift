/// `belamy poem`: write a poem from keywords.
enum PoemCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "poem",
        summary: "write a poem from keywords (classical Chinese verse or English lyrics)",
        usage: "[options] KEYWORDS…",
        discussion: """
        A character-level language model writes the poem; the form, the acrostic and the rhyme are
        enforced while decoding, not hoped for. Chinese forms: 五言绝句, 七言绝句 (default), 五言律诗, 七言律诗.
        """,
        options: [
            .seed, .count, .output, .model, .temperature, .quiet, .json,
            .value("lang", "zh|en", "language (default: guessed from the keywords)"),
            .value("form", "FORM", "wujue, qijue, wulv or qilv (Chinese); lines of English verse otherwise"),
            .flag("acrostic", "each line begins with the next keyword character (藏头诗); in English, the letters"),
            .flag("strict", "Chinese: also follow the level/oblique (平仄) tone pattern of the form"),
            .value("top-k", "K", "sample only from the K likeliest characters"),
            .value("top-p", "P", "sample only from the smallest set of characters with probability ≥ P"),
        ],
        examples: ["belamy poem 春风 明月", "belamy poem --acrostic 春夏秋冬", "belamy poem --lang en --acrostic rose"],
        takesPositionals: true)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the poem craft") }
}
