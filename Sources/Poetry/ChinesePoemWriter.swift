import Foundation
import NeuralCore

/// Writes classical Chinese verse by constrained decoding: at every position the model's
/// prediction is masked to what the form allows there, so the form, the acrostic, the rhyme and
/// (with strict tones) the 平仄 pattern hold whatever the weights are.
///
/// - Form: each line gets exactly `lineLength` characters, all CJK ideographs; `，` and `。` and the
///   line breaks are not sampled at all but written in their places.
/// - Acrostic: line `i`'s first character is the `i`-th keyword character.
/// - Keywords: every keyword appears, its characters together on one line. A keyword is placed
///   where the model itself would likely write it (its probability there, or at least an even
///   chance over the places left), and a placement search guarantees the ones still to come fit.
/// - Rhyme: the rhyming lines' last characters share a 中华新韵 group, the group being chosen at the
///   first rhyming line from those with enough characters for every rhyming line, without repeats.
///
/// Several candidates are written side by side and the one with the highest mean log-probability
/// under the model is kept.
struct ChinesePoemWriter {
    let model: PoemModel
    let inference: LSTMInference

    /// Per token: its reading, if it is a Chinese character with one.
    private let readings: [ChineseReadings.Reading?]
    /// Tokens that may stand inside a line: CJK ideographs.
    private let poemTokens: [Int]

    init(model: PoemModel, inference: LSTMInference) {
        self.model = model
        self.inference = inference
        readings = model.vocabulary.characters.map { model.readings.reading(of: $0) }
        poemTokens = model.vocabulary.characters.indices.filter { ChineseScript.isIdeograph(model.vocabulary.characters[$0]) }
    }

    /// One candidate poem while it is being written.
    private struct Candidate {
        var pattern: TonePattern?
        /// Keywords (as tokens) not yet in the poem.
        var pending: [[Int]]
        /// A start position for each pending keyword, from the current position on, where all of them fit.
        var plan: [Int]
        /// Characters already decided for the next positions (the rest of a keyword).
        var queue: [Int] = []
        var rhymeGroup: String?
        var usedRhymeTokens: Set<Int> = []
        var characters: [Int] = []
        var logProbability: Double = 0
    }

    /// The fixed facts of one request.
    private struct Layout {
        let form: ChineseForm
        let rhymingLines: Set<Int>
        let acrostic: [Int]
        let keywords: [[Int]]

        var slotCount: Int { form.lineCount * form.lineLength }
        func isRhyme(_ slot: Int) -> Bool {
            slot % form.lineLength == form.lineLength - 1 && rhymingLines.contains(slot / form.lineLength)
        }
        func tone(_ slot: Int, in pattern: TonePattern?) -> ChineseReadings.Tone? {
            pattern?.lines[slot / form.lineLength][slot % form.lineLength]
        }
    }

    func write(_ request: PoemRequest, seed: UInt64) throws -> Poem {
        let keywords = try PoemKeywords.chinese(request.keywords, vocabulary: model.vocabulary)
        let acrosticCharacters = keywords.flatMap { $0 }
        let form = request.form ?? (request.acrostic && acrosticCharacters.count > 4 ? .sevenCharacterRegulatedVerse
                                                                                     : .sevenCharacterQuatrain)
        let firstLineRhymes = request.firstLineRhymes ?? form.firstLineRhymesByCustom
        let layout = Layout(form: form, rhymingLines: Set(form.rhymingLines(firstLineRhymes: firstLineRhymes)),
                            acrostic: request.acrostic ? acrosticCharacters : [],
                            keywords: request.acrostic ? [] : Self.withoutDuplicates(keywords))
        try check(layout, request: request)

        let vocabulary = model.vocabulary
        guard let newline = vocabulary.token(for: "\n"), let comma = vocabulary.token(for: "，"),
              let fullStop = vocabulary.token(for: "。") else {
            throw PoemError.modelCannotWrite(form.chineseName, missing: "，。 and line breaks")
        }
        var generator = RandomGenerator(seed: seed)
        let patterns = try feasiblePatterns(layout, request: request)
        var candidates = (0 ..< request.candidateCount).map { _ in
            let (pattern, plan) = patterns[generator.integer(below: patterns.count)]
            return Candidate(pattern: pattern, pending: layout.keywords, plan: plan)
        }
        let viableGroups = viableRhymeGroups(layout, strict: request.strictTones)

        var batch = CandidateBatch(model: model, inference: inference, count: candidates.count, prompt: [newline, newline])
        for line in 0 ..< form.lineCount {
            for column in 0 ..< form.lineLength {
                let slot = line * form.lineLength + column
                var tokens: [Int] = []
                for index in candidates.indices {
                    let token = batch.withLogits(of: index) { logits in
                        chooseCharacter(&candidates[index], slot: slot, logits: logits, layout: layout,
                                        viableGroups: viableGroups, sampling: request.sampling, generator: &generator)
                    }
                    candidates[index].logProbability += batch.logProbability(of: token, candidate: index)
                    record(token, slot: slot, in: &candidates[index], layout: layout)
                    tokens.append(token)
                }
                batch.step(tokens)
            }
            batch.step(Array(repeating: ChineseForm.punctuation(afterLine: line) == "，" ? comma : fullStop, count: candidates.count))
            if line < form.lineCount - 1 { batch.step(Array(repeating: newline, count: candidates.count)) }
        }

        let best = candidates.indices.max { candidates[$0].logProbability < candidates[$1].logProbability }!
        let winner = candidates[best]
        let lines = (0 ..< form.lineCount).map { line in
            vocabulary.decode(winner.characters[line * form.lineLength ..< (line + 1) * form.lineLength])
                + String(ChineseForm.punctuation(afterLine: line))
        }
        let couplets = stride(from: 0, to: lines.count, by: 2).map { lines[$0] + lines[$0 + 1] }
        return Poem(lines: couplets, language: .chinese, formName: form.chineseName, seed: seed,
                    meanLogProbability: winner.logProbability / Double(layout.slotCount), rhymeGroup: winner.rhymeGroup)
    }

    /// Refuses requests no poem of the form can satisfy, with a message that says why.
    private func check(_ layout: Layout, request: PoemRequest) throws {
        let form = layout.form
        if request.acrostic && layout.acrostic.count > form.lineCount {
            throw PoemError.acrosticTooLong(layout.acrostic.count, form: form.chineseName, lines: form.lineCount,
                                            remedy: form.lineCount < 8 ? "use --form qilv or wulv for eight lines"
                                                                       : "use at most eight characters")
        }
        for keyword in layout.keywords where keyword.count > form.lineLength {
            throw PoemError.keywordTooLong(model.vocabulary.decode(keyword), form: form.chineseName, lineLength: form.lineLength)
        }
        let total = layout.keywords.reduce(0) { $0 + $1.count }
        if total > layout.slotCount {
            throw PoemError.tooManyKeywordCharacters(total, form: form.chineseName, capacity: layout.slotCount)
        }
        if request.strictTones {
            for tone in [ChineseReadings.Tone.level, .oblique] where !poemTokens.contains(where: { readings[$0]?.tone == tone }) {
                throw PoemError.modelCannotWrite(form.chineseName, missing: "characters of \(tone.rawValue) tone")
            }
        }
    }

    /// The tone patterns (or `nil`, without strict tones) in which the keywords fit, each with a placement of them.
    private func feasiblePatterns(_ layout: Layout, request: PoemRequest) throws -> [(TonePattern?, [Int])] {
        let all: [TonePattern?] = request.strictTones
            ? TonePattern.standardPatterns(for: layout.form, firstLineRhymes: layout.rhymingLines.contains(0)) : [nil]
        let feasible = all.compactMap { pattern -> (TonePattern?, [Int])? in
            let candidate = Candidate(pattern: pattern, pending: layout.keywords, plan: [])
            return placement(layout, candidate).place(layout.keywords, from: 0).map { (pattern, $0) }
        }
        guard !feasible.isEmpty else {
            throw PoemError.keywordsDoNotFit(form: layout.form.chineseName, strict: request.strictTones)
        }
        // An acrostic character stands where it must, whatever its tone; prefer the opening whose
        // pattern it agrees with (it can differ only in a five-character line's first position).
        let agreeing = feasible.filter { pattern, _ in
            layout.acrostic.enumerated().allSatisfy { line, token in
                let tone = layout.tone(line * layout.form.lineLength, in: pattern)
                return tone == nil || readings[token]?.tone == tone
            }
        }
        return agreeing.isEmpty ? feasible : agreeing
    }

    /// Rhyme groups with enough distinct characters for every rhyming line (of level tone under strict tones).
    private func viableRhymeGroups(_ layout: Layout, strict: Bool) -> Set<String> {
        var members: [String: Int] = [:]
        for token in poemTokens {
            guard let reading = readings[token], !strict || reading.tone == .level else { continue }
            members[reading.rhymeGroup, default: 0] += 1
        }
        return Set(members.filter { $0.value >= layout.rhymingLines.count }.keys)
    }

    /// Where keywords may go for `candidate`: the tone pattern holds, and a rhyming position takes
    /// a keyword character only once the rhyme group is settled and the character belongs to it.
    private func placement(_ layout: Layout, _ candidate: Candidate) -> KeywordPlacement {
        KeywordPlacement(lineLength: layout.form.lineLength, slotCount: layout.slotCount) { token, slot in
            if let tone = layout.tone(slot, in: candidate.pattern), readings[token]?.tone != tone { return false }
            if layout.isRhyme(slot) {
                guard let group = candidate.rhymeGroup, readings[token]?.rhymeGroup == group else { return false }
            }
            return true
        }
    }

    /// The characters allowed at `slot` for `candidate`, keywords aside.
    private func allowedTokens(_ candidate: Candidate, slot: Int, layout: Layout, viableGroups: Set<String>) -> [Int] {
        let tone = layout.tone(slot, in: candidate.pattern)
        let isRhyme = layout.isRhyme(slot)
        return poemTokens.filter { token in
            if let tone, readings[token]?.tone != tone { return false }
            guard isRhyme else { return true }
            guard let group = readings[token]?.rhymeGroup else { return false }
            if let chosen = candidate.rhymeGroup { return group == chosen && !candidate.usedRhymeTokens.contains(token) }
            return viableGroups.contains(group)
        }
    }

    private func chooseCharacter(_ candidate: inout Candidate, slot: Int, logits: UnsafeBufferPointer<Float>, layout: Layout,
                                 viableGroups: Set<String>, sampling: SamplingSettings,
                                 generator: inout RandomGenerator) -> Int {
        if !candidate.queue.isEmpty { return candidate.queue.removeFirst() }
        let line = slot / layout.form.lineLength, column = slot % layout.form.lineLength
        if column == 0 && line < layout.acrostic.count { return layout.acrostic[line] }

        let allowed = allowedTokens(candidate, slot: slot, layout: layout, viableGroups: viableGroups)
        var distribution = Self.discouragingRepeats(sampling.distribution(logits: logits, allowed: allowed),
                                                    written: candidate.characters)
        guard !candidate.pending.isEmpty else { return SamplingSettings.draw(from: distribution, generator: &generator) }

        // Which keywords could start here with room left for the others (`options`, each with a
        // placement of the rest), and whether all of them still fit if none starts here. The
        // candidate's standing placement answers whenever a search gives up, so there is always a way on.
        let search = placement(layout, candidate)
        let pending = candidate.pending, plan = candidate.plan
        var options: [(index: Int, rest: [Int])] = []
        for index in pending.indices where search.canStart(pending[index], at: slot) {
            var rest = pending
            rest.remove(at: index)
            if let restPlan = search.place(rest, from: slot + pending[index].count) {
                options.append((index, restPlan))
            } else if plan[index] == slot {
                var restPlan = plan
                restPlan.remove(at: index)
                options.append((index, restPlan))
            }
        }
        let waitingPlan = search.place(pending, from: slot + 1) ?? (plan.allSatisfy { $0 > slot } ? plan : nil)
        func probability(_ index: Int) -> Float { distribution.first { $0.token == pending[index][0] }?.probability ?? 0 }
        // Without the model's help, a keyword still gets an even chance over the places left for it.
        func evenChance(_ index: Int) -> Float { 1 / Float(max(1, search.startCount(pending[index], from: slot))) }

        var chosen: (index: Int, rest: [Int])?
        if let waitingPlan {
            for option in generator.shuffled(options) where generator.uniform() < max(probability(option.index), evenChance(option.index)) {
                chosen = option
                break
            }
            if chosen == nil {
                // The chance of starting a keyword here was just taken; sample among the other characters.
                let starts = Set(options.map { pending[$0.index][0] })
                let others = distribution.filter { !starts.contains($0.token) }
                if others.isEmpty {
                    chosen = options[generator.integer(below: options.count)]
                } else {
                    distribution = others
                    candidate.plan = waitingPlan
                }
            }
        } else {
            chosen = options[generator.categorical(options.map { probability($0.index) + evenChance($0.index) })]
        }
        if let chosen {
            let keyword = pending[chosen.index]
            candidate.pending.remove(at: chosen.index)
            candidate.plan = chosen.rest
            candidate.queue = Array(keyword.dropFirst())
            return keyword[0]
        }
        let total = distribution.reduce(Float(0)) { $0 + $1.probability }
        return SamplingSettings.draw(from: distribution.map { ($0.token, $0.probability / total) }, generator: &generator)
    }

    /// Notes `token` at `slot`: the rhyme it sets, and any keyword it completes.
    private func record(_ token: Int, slot: Int, in candidate: inout Candidate, layout: Layout) {
        candidate.characters.append(token)
        if layout.isRhyme(slot) {
            if candidate.rhymeGroup == nil { candidate.rhymeGroup = readings[token]?.rhymeGroup }
            candidate.usedRhymeTokens.insert(token)
        }
        let lineStart = slot - slot % layout.form.lineLength
        let line = candidate.characters[lineStart...]
        for index in candidate.pending.indices.reversed() {
            let keyword = candidate.pending[index]
            if line.count >= keyword.count && Array(line.suffix(keyword.count)) == keyword {
                candidate.pending.remove(at: index)
                candidate.plan.remove(at: index)
            }
        }
    }

    /// Classical verse seldom repeats a character and a small model repeats too often, so each
    /// earlier use of a character divides its chance by `repeatPenalty` (keywords are not affected).
    private static func discouragingRepeats(_ distribution: [(token: Int, probability: Float)],
                                            written: [Int]) -> [(token: Int, probability: Float)] {
        guard !written.isEmpty else { return distribution }
        var uses: [Int: Int] = [:]
        for token in written { uses[token, default: 0] += 1 }
        let weighted = distribution.map { ($0.token, $0.probability / powf(repeatPenalty, Float(uses[$0.token] ?? 0))) }
        let total = weighted.reduce(Float(0)) { $0 + $1.1 }
        return weighted.map { ($0.0, $0.1 / total) }
    }

    static let repeatPenalty: Float = 4

    private static func withoutDuplicates(_ keywords: [[Int]]) -> [[Int]] {
        var seen = Set<[Int]>()
        return keywords.filter { seen.insert($0).inserted }
    }
}
