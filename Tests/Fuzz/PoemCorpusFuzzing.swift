// libFuzzer entry point for the poem corpus reader; built and run by `Scripts/fuzz.sh poems`.
import Foundation
import NeuralCore
import Poetry

/// The path a user's `belamy train poem --text FILE` takes before training: UTF-8 text split into
/// poems, a validation split, a vocabulary (which must survive its trip through a model file),
/// and a first batch of training windows.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPoemCorpus(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let text = String(data: Data(UnsafeRawBufferPointer(start: bytes, count: count)), encoding: .utf8) else { return 0 }
    let corpus = PoemCorpus(text: text)
    let (training, _) = corpus.holdingOut(fraction: 0.05)
    guard !training.poems.isEmpty else { return 0 }
    let vocabulary = CharacterVocabulary(text: training.stream)
    precondition(try! CharacterVocabulary.from(json: vocabulary.json()) == vocabulary, "vocabulary changed in a write and read")
    var generator = RandomGenerator(seed: 1)
    _ = PoemTrainingTask.batches(of: training, vocabulary: vocabulary, batchSize: 2, sequenceLength: 16)
        .nextBatch(generator: &generator)
    return 0
}
