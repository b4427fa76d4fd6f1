@testable import Poetry

/// Untrained models small enough to build in a millisecond: the writer's guarantees must hold
/// whatever the weights are, so random weights are the honest test of them.
enum TinyPoemModels {
    static let configuration = PoemModelConfiguration(
        language: .chinese, embeddingSize: 8, hiddenSize: 16, layerCount: 2, dropout: 0.1, sequenceLength: 8,
        batchSize: 4, learningRate: 1e-2, finalLearningRate: 1e-3, warmupSteps: 2, gradientClipNorm: 1,
        validationCharacterLimit: 200, minimumCharacterCount: 1)

    /// Sixty-six characters in six rhyme groups of eleven (six level, five oblique).
    static let chineseCharacters = Array("春风明月花山水云天人江湖夜雨秋声落日长河孤城远客归梦青松白鹤寒烟古道西楼东海南北千里万家灯火竹影雪霜星光草木舟桥柳岸空林鸟飞渔歌晚钟")
    static let chineseReadings = ChineseReadings(Dictionary(uniqueKeysWithValues: chineseCharacters.enumerated().map { index, character in
        (character, ChineseReadings.Reading(rhymeGroup: ["一麻", "二波", "三皆", "四开", "五微", "六豪"][index % 6],
                                            tone: index / 6 % 2 == 0 ? .level : .oblique))
    }))

    static func chinese(seed: UInt64 = 1) -> PoemModel {
        let vocabulary = CharacterVocabulary(characters: chineseCharacters + Array("，。\n"))
        return PoemModel(configuration: configuration, vocabulary: vocabulary, readings: chineseReadings, seed: seed)
    }

    /// Words for the English model to spell with (none starts with e or k).
    static let englishLexicon = EnglishLexicon(words: ["the", "night", "river", "a", "sky", "over", "light", "and", "rose",
                                                       "sea", "o'er", "star", "in", "of", "moon", "far", "wind", "song"])

    /// An English model; with `lexicon`, it spells only those words.
    static func english(seed: UInt64 = 1, lexicon: EnglishLexicon = EnglishLexicon(words: [])) -> PoemModel {
        var configuration = self.configuration
        configuration.language = .english
        let vocabulary = CharacterVocabulary(characters: Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;'!?-\n"))
        return PoemModel(configuration: configuration, vocabulary: vocabulary, readings: ChineseReadings([:]), lexicon: lexicon,
                         seed: seed)
    }
}
