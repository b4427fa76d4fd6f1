import Foundation
import Media
import NeuralCore
import XCTest
@testable import Melody

final class MelodyComposerTests: XCTestCase {
    /// An untrained model small enough to compose in milliseconds: its choices are near-random,
    /// which is what tests the constraints hardest.
    static let tinyModel = MelodyModel(configuration: MelodyModelConfiguration(
        embeddingSize: 8, hiddenSize: 16, layerCount: 1, dropout: 0, sequenceLength: 16, batchSize: 4,
        learningRate: 1e-2, finalLearningRate: 1e-3, warmupSteps: 0, gradientClipNorm: 1, validationEventLimit: 1000), seed: 11)

    /// Checks every guarantee `MelodyConstraints` gives on a composed tune.
    func assertKeepsTheRules(_ melody: ComposedMelody, _ request: MelodyRequest, file: StaticString = #filePath, line: UInt = #line) throws {
        let barTicks = MelodyTime.ticks(of: request.meter.barLength)!
        var bars: [Int] = [], position = 0
        for event in melody.encoded.events {
            switch event {
            case .duration(let ticks): position += ticks
            case .bar: bars.append(position); position = 0
            default: break
            }
        }
        // The first bar may be a pickup, which the tune fills with a rest in front.
        XCTAssertEqual(bars.count, request.bars, "bar count", file: file, line: line)
        XCTAssertEqual(Array(bars.dropFirst()), Array(repeating: barTicks, count: request.bars - 1), "bar lengths", file: file, line: line)
        XCTAssertTrue((1 ... barTicks).contains(bars[0]), file: file, line: line)
        if bars[0] < barTicks {
            XCTAssertEqual(melody.tune.notes.first?.pitch, nil, "a rest before the pickup", file: file, line: line)
            XCTAssertEqual(melody.tune.notes.first?.duration, MelodyTime.fraction(ticks: barTicks - bars[0]), file: file, line: line)
        }
        XCTAssertEqual(melody.encoded.events.last, .bar, file: file, line: line)
        XCTAssertEqual(position, 0, file: file, line: line)
        let tune = melody.tune
        XCTAssertEqual(tune.length, request.meter.barLength * Fraction(request.bars), file: file, line: line)
        XCTAssertEqual(tune.anacrusis, .zero, file: file, line: line)
        let last = try XCTUnwrap(tune.notes.last, file: file, line: line)
        XCTAssertEqual(last.pitch.map { ($0 - request.key.tonicPitchClass) % 12 }, 0, "ends on the tonic", file: file, line: line)
        XCTAssertGreaterThanOrEqual(last.duration, min(request.tempo.beat, request.meter.barLength), "held a beat", file: file, line: line)
        for note in tune.notes {
            if let pitch = note.pitch { XCTAssertTrue(request.pitchLimits.contains(pitch), "\(pitch) in range", file: file, line: line) }
        }
    }

    func testConstraintsHoldForRandomSeedsKeysAndMeters() throws {
        let composer = MelodyComposer(model: Self.tinyModel)
        let keys = ["D", "Am", "E dorian", "Bb", "F#m", "G mixolydian", "C lydian"].map { KeyName.key($0)! }
        let meters = [(4, 4), (3, 4), (6, 8), (2, 2), (9, 8), (5, 8)].map { Meter(beats: $0.0, beatUnit: $0.1) }
        for seed in UInt64(0) ..< 24 {
            let request = MelodyRequest(key: keys[Int(seed) % keys.count], meter: meters[Int(seed) % meters.count],
                                        bars: 1 + Int(seed % 9), temperature: seed % 2 == 0 ? 1 : 2.5, seed: seed)
            try assertKeepsTheRules(try composer.compose(request), request)
        }
    }

    func testPrimerIsContinued() throws {
        let request = MelodyRequest(key: KeyName.key("G")!, meter: Meter(beats: 6, beatUnit: 8), bars: 4,
                                    primer: "D | GAB d2B", seed: 5)
        let melody = try MelodyComposer(model: Self.tinyModel).compose(request)
        try assertKeepsTheRules(melody, request)
        // The pickup D sits at the end of a first bar of rest.
        XCTAssertEqual(Array(melody.tune.notes.prefix(5).map(\.pitch)), [nil, 62, 67, 69, 71])
        XCTAssertEqual(melody.tune.notes[0].duration, Fraction(5, 8))
    }

    func testTheRecordingOfATuneWithAPickupStartsWithThePickup() throws {
        let request = MelodyRequest(key: KeyName.key("G")!, meter: Meter(beats: 6, beatUnit: 8), beatsPerMinute: 120, bars: 4,
                                    primer: "D | GAB d2B", seed: 5)
        let melody = try MelodyComposer(model: Self.tinyModel).compose(request)
        XCTAssertNil(melody.tune.notes[0].pitch, "on paper the first bar opens with a rest")
        let audio = MelodyRenderer.audio(of: melody.tune, instrument: Flute())
        let firstSound = try XCTUnwrap(audio.samples.firstIndex { abs($0) > 1e-3 })
        XCTAssertLessThan(firstSound, 441, "the pickup sounds within 10 ms, not after five eighths of rest")
        // Four bars of 6/8 at 120 dotted quarters a minute last 4 s; the recording leaves out the rest's 5/6 s.
        let music = 4 - 5.0 / 6, tail = Flute().releaseTime + Reverb().tailSeconds + 0.1
        XCTAssertGreaterThan(audio.duration, music)
        XCTAssertLessThan(audio.duration, music + tail)
    }

    func testBadPrimersAreClearErrors() {
        let composer = MelodyComposer(model: Self.tinyModel)
        func error(_ primer: String, bars: Int = 8) -> String {
            let request = MelodyRequest(key: KeyName.key("D")!, meter: Meter(beats: 4, beatUnit: 4), bars: bars, primer: primer, seed: 1)
            do { _ = try composer.compose(request) } catch { return "\(error)" }
            return "no error"
        }
        XCTAssertEqual(error("z4 z4"), "cannot use the primer: it holds no notes")
        XCTAssertEqual(error("DE&F"), "cannot use the primer: voice overlay (&) is not read at column 3 in \"DE&F\"")
        XCTAssertEqual(error("DE #F"), "cannot use the primer: unexpected character \"#\" at column 4 in \"DE #F\"")
        XCTAssertEqual(error("d'2 e'2"), "cannot use the primer: its note D6 lies outside the range G3–E5 of D major")
        XCTAssertEqual(error("D8 | D8", bars: 2), "cannot use the primer: it fills 2 bars or more; ask for more --bars")
        XCTAssertEqual(error("(5DEFGA"), "cannot use the primer: a length of 1/20 is off the 1/48-quarter grid")
    }

    func testSameSeedGivesTheSameFilesByteForByte() throws {
        let request = MelodyRequest(key: KeyName.key("Am")!, meter: Meter(beats: 3, beatUnit: 4), beatsPerMinute: 240, bars: 2, seed: 42)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melody-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var contents: [[Data]] = []
        for run in 0 ..< 2 {
            let melody = try MelodyComposer(model: Self.tinyModel).compose(request)
            let (_, files) = try MelodyRenderer.write(melody.tune, instrument: PluckedString(),
                                                      to: folder.appendingPathComponent("run\(run).wav"))
            contents.append(try [files.wav, files.midi, files.abc].map { try Data(contentsOf: $0) })
        }
        XCTAssertEqual(contents[0], contents[1])
        let other = try MelodyComposer(model: Self.tinyModel).compose(MelodyRequest(key: request.key, meter: request.meter, bars: 2, seed: 43))
        XCTAssertNotEqual(other.encoded.events, try MelodyComposer(model: Self.tinyModel).compose(request).encoded.events)
    }

    func testRenderedFilesReadBack() throws {
        let request = MelodyRequest(key: KeyName.key("D")!, meter: Meter(beats: 2, beatUnit: 4), beatsPerMinute: 120, bars: 2, seed: 9)
        let melody = try MelodyComposer(model: Self.tinyModel).compose(request)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melody-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (abc, files) = try MelodyRenderer.write(melody.tune, instrument: Flute(), to: folder.appendingPathComponent("tune.wav"))
        let reread = try XCTUnwrap(ABCReader.read(text: abc, source: "written").tunes.first)
        XCTAssertEqual(reread.notes.map(\.pitch), melody.tune.notes.map(\.pitch))
        XCTAssertEqual(try MIDIFile(contentsOf: files.midi).tracks.first?.notes.map(\.pitch), melody.tune.notes.compactMap(\.pitch))
        let audio = try WAVFile.read(contentsOf: files.wav)
        XCTAssertEqual(audio.sampleRate, 44100)
        // Two bars of 2/4 at 120 quarters a minute: two seconds, plus the release and reverb tail.
        XCTAssertGreaterThanOrEqual(audio.duration, 2)
        XCTAssertLessThan(audio.duration, 2 + Flute().releaseTime + Reverb().tailSeconds + 0.1)
        XCTAssertLessThanOrEqual(audio.peak, 1)
    }

    func testModelFileKeepsWeightsVocabularyAndRecord() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("melody-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let model = MelodyModel(configuration: Self.tinyModel.configuration, seed: 11, trainingRecord: ["steps": "0"])
        model.warmup = try MelodyEncoding.encode(MelodyTrainingTests.fixtureTunes[0]).sequence
        try model.write(to: url)
        let read = try MelodyModel.read(from: url)
        XCTAssertEqual(read.warmup, model.warmup)
        // Weights are stored in float16.
        for (name, tensor) in model.network.stateDictionary() {
            XCTAssertEqual(read.network.stateDictionary()[name]?.scalars, tensor.roundedToHalfPrecision().scalars, name)
        }
        XCTAssertEqual(read.vocabulary, model.vocabulary)
        XCTAssertEqual(read.configuration, model.configuration)
        XCTAssertEqual(read.trainingRecord["steps"], "0")
        XCTAssertThrowsError(try MelodyModel.read(from: url.appendingPathExtension("missing"))) {
            XCTAssertTrue("\($0)".hasPrefix("no melody model at"))
        }
    }
}
