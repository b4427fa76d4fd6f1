/// Why a poem could not be written or a poem model not trained, in one line a person can act on.
public enum PoemError: Error, CustomStringConvertible, Equatable {
    case noKeywords
    case unknownCharacter(Character, keyword: String)
    case notChinese(Character, keyword: String)
    case noLetters(String)
    case acrosticTooLong(Int, form: String, lines: Int, remedy: String)
    case keywordTooLong(String, form: String, lineLength: Int)
    case tooManyKeywordCharacters(Int, form: String, capacity: Int)
    case keywordsDoNotFit(form: String, strict: Bool)
    case modelCannotWrite(String, missing: String)
    case wrongLanguage(model: PoemLanguage, requested: PoemLanguage)
    case missingModel(String)
    case damagedModel(String)
    case unreadableText(String)
    case notUTF8(String)
    case textTooLarge(String, byteCount: Int64)
    case badReadingsTable(String, line: Int)
    case emptyCorpus(String)

    public var description: String {
        switch self {
        case .noKeywords:
            return "no keywords: give one or more words to write about, e.g. 'belamy poem 春风 明月' or 'belamy poem --lang en rose'"
        case .unknownCharacter(let character, let keyword):
            return "the model has never seen '\(character)' (in keyword '\(keyword)'): use another word, "
                + "or train a model on text that contains it (belamy train poem --text FILE)"
        case .notChinese(let character, let keyword):
            return "keyword '\(keyword)' contains '\(character)', which is not a Chinese character; "
                + "Chinese poems take Chinese words (use --lang en for English)"
        case .noLetters(let word):
            return "keyword '\(word)' has no letters; English keywords are words"
        case .acrosticTooLong(let count, let form, let lines, let remedy):
            return "the acrostic has \(count) characters but a \(form) has \(lines) lines; \(remedy)"
        case .keywordTooLong(let keyword, let form, let lineLength):
            return "keyword '\(keyword)' is longer than a line of \(form) (\(lineLength) characters); split it into shorter words"
        case .tooManyKeywordCharacters(let count, let form, let capacity):
            return "the keywords have \(count) characters, more than a \(form) holds (\(capacity)); use fewer keywords or a longer form"
        case .keywordsDoNotFit(let form, let strict):
            return "the keywords cannot all be placed in a \(form)" + (strict ? " under the strict tone pattern; try without --strict" : "; use fewer keywords")
        case .modelCannotWrite(let form, let missing):
            return "this model cannot write a \(form): its vocabulary lacks \(missing) (train it on classical verse)"
        case .wrongLanguage(let model, let requested):
            return "the model writes \(model == .chinese ? "Chinese" : "English"), but \(requested == .chinese ? "Chinese" : "English") "
                + "was asked for; use --lang \(model.rawValue) or a model of that language"
        case .missingModel(let path):
            return "no poem model at \(path); train one with 'belamy train poem' or give --model PATH"
        case .damagedModel(let reason):
            return "the poem model is damaged: \(reason)"
        case .unreadableText(let path):
            return "cannot read \(path)"
        case .notUTF8(let path):
            return "\(path) is not UTF-8 text"
        case .textTooLarge(let path, let byteCount):
            return "\(path) is \(byteCount / 1_000_000) MB, more than the \(PoemCorpus.maximumFileByteCount / 1_000_000) MB "
                + "of poem text belamy reads at once; train on a part of it"
        case .badReadingsTable(let path, let line):
            return "\(path) line \(line) is not 'character<TAB>pinyin<TAB>rhyme<TAB>tone'"
        case .emptyCorpus(let what):
            return "\(what) holds no poems (poems are separated by blank lines or '%' lines)"
        }
    }
}
