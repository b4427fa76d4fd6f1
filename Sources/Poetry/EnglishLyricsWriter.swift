import NeuralCore

/// Writes English lyrics by constrained decoding: an exact number of non-empty lines of sensible
/// length; in an acrostic, line `i` begins with the `i`-th letter of the keywords (capitalised);
/// otherwise every keyword appears as a word; and every other word is one the training text uses
/// (the model's lexicon), so a small model's misspellings never reach the page.
///
/// Each keyword is given a line (at random, per candidate) and starts at a word boundary of that
/// line where the model likes it (its own probability there, or at least an even chance over the
/// room left); if the line is about to end without it, it is written before the line ends. Several
/// candidates are written side by side and the one the model finds likeliest per character is kept.
struct EnglishLyricsWriter {
    let model: PoemModel
    let inference: LSTMInference

    /// A line is ended no sooner than this many characters…
    static let minimumLineLength = 12
    /// …its spaces become line breaks from here on…
    static let softMaximumLineLength = 52
    /// …and it ends here at the latest, but for the rest of a word under way (keywords still due on
    /// the line come first).
    static let hardMaximumLineLength = 72
    /// Lines an English poem may have.
    static let lineCountRange = 1 ... 40

    /// Punctuation a letter never follows directly ("night,the").
    private static let stops: Set<Character> = [",", ".", ";", ":", "!", "?"]

    private let letterTokens: Set<Int>
    private let lineStartTokens: [Int]
    private let textTokens: [Int]
    private let newline: Int
    private let space: Int

    init(model: PoemModel, inference: LSTMInference) throws {
        self.model = model
        self.inference = inference
        let characters = model.vocabulary.characters
        guard let newline = model.vocabulary.token(for: "\n"), let space = model.vocabulary.token(for: " ") else {
            throw PoemError.modelCannotWrite("poem in lines", missing: "spaces and line breaks")
        }
        self.newline = newline
        self.space = space
        letterTokens = Set(characters.indices.filter { characters[$0].isLetter })
        lineStartTokens = characters.indices.filter { characters[$0].isLetter && characters[$0].isUppercase }
        textTokens = characters.indices.filter { token in
            token != CharacterVocabulary.unknownToken && !characters[token].isNewline
                && (characters[token] == " " || !characters[token].isWhitespace)
        }
        guard !lineStartTokens.isEmpty else { throw PoemError.modelCannotWrite("poem in lines", missing: "capital letters") }
    }

    private struct Candidate {
        /// Keywords not yet in the poem, each with the line it is due on.
        var pending: [(word: String, line: Int)]
        var line = 0
        var lineTokens: [Int] = []
        /// The word being written, lowercased (empty between words).
        var word = ""
        var lines: [[Int]] = []
        var queue: [Int] = []
        /// Set while writing a keyword: once it is done, no letter may follow until a space or line break.
        var endsWordAfterQueue = false
        var mustEndWord = false
        var logProbability: Double = 0
        var characterCount = 0
        var isFinished = false
    }

    func write(_ request: PoemRequest, seed: UInt64) throws -> Poem {
        let words = try PoemKeywords.english(request.keywords, vocabulary: model.vocabulary)
        let letters = request.acrostic ? words.flatMap { $0.filter(\.isLetter) } : []
        let lineCount = request.lineCount ?? (request.acrostic ? letters.count : 4)
        let longest = Self.lineCountRange.upperBound
        if letters.count > min(lineCount, longest) {
            throw PoemError.acrosticTooLong(letters.count, form: "\(min(lineCount, longest))-line poem", lines: min(lineCount, longest),
                                            remedy: lineCount < longest ? "use --form \(min(letters.count, longest)) or fewer letters"
                                                                        : "use at most \(longest) letters")
        }
        precondition(Self.lineCountRange.contains(lineCount), "an English poem has 1 to \(longest) lines")
        let acrostic = letters.map { letter in
            model.vocabulary.token(for: Character(letter.uppercased())) ?? model.vocabulary.token(for: letter)!
        }
        var keywords: [String] = []
        if !request.acrostic {
            for word in words where !keywords.contains(where: { $0.lowercased() == word.lowercased() }) { keywords.append(word) }
        }

        var generator = RandomGenerator(seed: seed)
        var candidates = (0 ..< request.candidateCount).map { _ in
            Candidate(pending: keywords.map { ($0, generator.integer(below: lineCount)) })
        }
        var batch = CandidateBatch(model: model, inference: inference, count: candidates.count, prompt: [newline, newline])
        while candidates.contains(where: { !$0.isFinished }) {
            var tokens: [Int] = []
            for index in candidates.indices {
                guard !candidates[index].isFinished else { tokens.append(newline); continue }
                let token = batch.withLogits(of: index) { logits in
                    chooseCharacter(&candidates[index], logits: logits, acrostic: acrostic, sampling: request.sampling,
                                    generator: &generator)
                }
                candidates[index].logProbability += batch.logProbability(of: token, candidate: index)
                candidates[index].characterCount += 1
                record(token, in: &candidates[index], lineCount: lineCount)
                tokens.append(token)
            }
            batch.step(tokens)
        }
        let best = candidates.indices.max {
            candidates[$0].logProbability / Double(candidates[$0].characterCount)
                < candidates[$1].logProbability / Double(candidates[$1].characterCount)
        }!
        let winner = candidates[best]
        let lines = winner.lines.map { String(model.vocabulary.decode($0).reversed().drop { $0 == " " }.reversed()) }
        return Poem(lines: lines, language: .english,
                    formName: "\(lineCount) lines", seed: seed,
                    meanLogProbability: winner.logProbability / Double(winner.characterCount), rhymeGroup: nil)
    }

    private func chooseCharacter(_ candidate: inout Candidate, logits: UnsafeBufferPointer<Float>, acrostic: [Int],
                                 sampling: SamplingSettings, generator: inout RandomGenerator) -> Int {
        if !candidate.queue.isEmpty {
            let token = candidate.queue.removeFirst()
            if candidate.queue.isEmpty && candidate.endsWordAfterQueue {
                candidate.mustEndWord = true
                candidate.endsWordAfterQueue = false
            }
            return token
        }
        let length = candidate.lineTokens.count
        let atLineStart = length == 0
        if atLineStart && candidate.line < acrostic.count { return acrostic[candidate.line] }

        let due = candidate.pending.indices.filter { candidate.pending[$0].line == candidate.line }
        let atWordStart = atLineStart || candidate.lineTokens.last == space
        var allowed: [Int]
        if atLineStart {
            allowed = lineStartTokens
        } else {
            let last = candidate.lineTokens.last!
            let followsStop = Self.stops.contains(model.vocabulary.characters[last])
            allowed = textTokens.filter { token in
                if (candidate.mustEndWord || followsStop) && letterTokens.contains(token) { return false }
                if token == space { return last != space && length < Self.softMaximumLineLength }
                // A word under way may run past the hard maximum to its end rather than be cut short.
                return length < Self.hardMaximumLineLength
                    || (!candidate.word.isEmpty && letterTokens.contains(token) && length < Self.hardMaximumLineLength + 16)
            }
            if length >= Self.minimumLineLength && due.isEmpty && !(last == space) { allowed.append(newline) }
        }
        allowed = spelledWords(allowed, after: candidate)
        // A long line makes room for its keyword, but only once the word being written is a word.
        let wordIsOpen = !candidate.word.isEmpty && !model.lexicon.isEmpty && !model.lexicon.contains(candidate.word)
        if !due.isEmpty && ((length >= Self.softMaximumLineLength && !wordIsOpen) || allowed.isEmpty) {
            return startKeyword(due[0], in: &candidate, atWordStart: atWordStart, atLineStart: atLineStart)
        }
        if allowed.isEmpty { return newline }
        var distribution = sampling.distribution(logits: logits, allowed: allowed)
        if atWordStart && !due.isEmpty {
            // Roughly how many words are left on the line: the keyword's even chance is one in that.
            let wordsLeft = max(1, (Self.softMaximumLineLength - length) / 6)
            for index in generator.shuffled(due) {
                let first = firstToken(of: candidate.pending[index].word, atLineStart: atLineStart)
                let probability = distribution.first { $0.token == first }?.probability ?? 0
                if generator.uniform() < max(probability, 1 / Float(wordsLeft)) {
                    return startKeyword(index, in: &candidate, atWordStart: true, atLineStart: atLineStart)
                }
            }
            let starts = Set(due.map { firstToken(of: candidate.pending[$0].word, atLineStart: atLineStart) })
            let others = distribution.filter { !starts.contains($0.token) }
            if others.isEmpty { return startKeyword(due[0], in: &candidate, atWordStart: true, atLineStart: atLineStart) }
            let total = others.reduce(Float(0)) { $0 + $1.probability }
            distribution = others.map { ($0.token, $0.probability / total) }
        }
        return SamplingSettings.draw(from: distribution, generator: &generator)
    }

    /// `allowed` without the characters that would misspell: inside a word only lowercase letters
    /// that continue some word of the lexicon, and a word ends only where it is complete. A word the
    /// writer forced (a keyword, an acrostic letter that begins no known word) is left alone.
    private func spelledWords(_ allowed: [Int], after candidate: Candidate) -> [Int] {
        let lexicon = model.lexicon, word = candidate.word
        guard !lexicon.isEmpty, !candidate.mustEndWord, lexicon.hasWord(startingWith: word) else { return allowed }
        let characters = model.vocabulary.characters
        return allowed.filter { token in
            let character = characters[token]
            if EnglishLexicon.isWordCharacter(character, inWord: !word.isEmpty) {
                // The lexicon ignores case, so "cinnamOn" would pass it: no capital after a word's first letter.
                return (word.isEmpty || !character.isUppercase) && lexicon.hasWord(startingWith: word + character.lowercased())
            }
            return word.isEmpty || lexicon.contains(word)
        }
    }

    /// The keyword's tokens, capitalised at the start of a line.
    private func tokens(of word: String, atLineStart: Bool) -> [Int] {
        var tokens = model.vocabulary.encode(word)
        if atLineStart, let capital = model.vocabulary.token(for: Character(word.prefix(1).uppercased())) { tokens[0] = capital }
        return tokens
    }

    private func firstToken(of word: String, atLineStart: Bool) -> Int { tokens(of: word, atLineStart: atLineStart)[0] }

    /// Writes pending keyword `index` from here (after a space if not at a word start) and returns its first token.
    private func startKeyword(_ index: Int, in candidate: inout Candidate, atWordStart: Bool, atLineStart: Bool) -> Int {
        let word = candidate.pending.remove(at: index).word
        var queue = tokens(of: word, atLineStart: atLineStart)
        if !atWordStart { queue.insert(space, at: 0) }
        candidate.endsWordAfterQueue = true
        candidate.queue = Array(queue.dropFirst())
        if candidate.queue.isEmpty {
            candidate.mustEndWord = true
            candidate.endsWordAfterQueue = false
        }
        return queue[0]
    }

    /// Notes `token`: a line break ends the line (and, after the last, the poem); the end of a
    /// word may complete a keyword the model wrote on its own.
    private func record(_ token: Int, in candidate: inout Candidate, lineCount: Int) {
        if token == newline || token == space {
            if let word = EnglishWords.words(in: model.vocabulary.decode(candidate.lineTokens)).last {
                candidate.pending.removeAll { $0.word.lowercased() == word }
            }
        }
        let character = model.vocabulary.characters[token]
        if token != newline && EnglishLexicon.isWordCharacter(character, inWord: !candidate.word.isEmpty) {
            candidate.word += character.lowercased()
        } else {
            candidate.word = ""
        }
        if token == newline {
            candidate.lines.append(candidate.lineTokens)
            candidate.lineTokens = []
            candidate.line += 1
            candidate.mustEndWord = false
            candidate.isFinished = candidate.line == lineCount
        } else {
            candidate.lineTokens.append(token)
            // Punctuation may follow a keyword ("rose,"), but only a space ends the word.
            if token == space { candidate.mustEndWord = false }
        }
    }
}
