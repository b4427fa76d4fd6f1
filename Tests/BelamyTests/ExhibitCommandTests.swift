import Foundation
import Media
import Melody
import NeuralCore
import Poetry
import Portrait
import XCTest
@testable import belamy

/// `belamy exhibit` end to end, with untrained models small enough to build in milliseconds: the
/// page is about what it shows and how, whatever the weights paint, write or play.
final class ExhibitCommandTests: XCTestCase {
    private static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-exhibit-\(UUID().uuidString)")
    private static let portraitModel = folder.appendingPathComponent("portrait.safetensors")
    private static let poemModel = folder.appendingPathComponent("poem-zh.safetensors")
    private static let melodyModel = folder.appendingPathComponent("melody.safetensors")

    /// Sixty-six characters in six rhyme groups, so that the tiny model can rhyme a 七言绝句.
    private static let characters = Array("春风明月花山水云天人江湖夜雨秋声落日长河孤城远客归梦青松白鹤寒烟古道西楼东海南北千里万家灯火竹影雪霜星光草木舟桥柳岸空林鸟飞渔歌晚钟")

    override class func setUp() {
        super.setUp()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var portrait = PortraitConfiguration()
            portrait.imageSize = 16
            portrait.latentSize = 8
            portrait.generatorWidth = 4
            portrait.discriminatorWidth = 4
            var random = RandomGenerator(seed: 3)
            try PortraitModel.write(Generator(configuration: portrait, generator: &random), configuration: portrait,
                                    record: ["steps": "0", "final_metrics": "{\"loss_D\": 1.3863}"], to: portraitModel)

            let readings = ChineseReadings(Dictionary(uniqueKeysWithValues: characters.enumerated().map { index, character in
                (character, ChineseReadings.Reading(rhymeGroup: ["一麻", "二波", "三皆", "四开", "五微", "六豪"][index % 6],
                                                    tone: index / 6 % 2 == 0 ? .level : .oblique))
            }))
            let poem = PoemModelConfiguration(
                language: .chinese, embeddingSize: 8, hiddenSize: 16, layerCount: 1, dropout: 0, sequenceLength: 8, batchSize: 4,
                learningRate: 1e-2, finalLearningRate: 1e-3, warmupSteps: 0, gradientClipNorm: 1, validationCharacterLimit: 200,
                minimumCharacterCount: 1)
            try PoemModel(configuration: poem, vocabulary: CharacterVocabulary(characters: characters + Array("，。\n")),
                          readings: readings, seed: 1, trainingRecord: ["steps": "0", "val_bpc": "6.0"]).write(to: poemModel)

            let melody = MelodyModelConfiguration(
                embeddingSize: 8, hiddenSize: 16, layerCount: 1, dropout: 0, sequenceLength: 16, batchSize: 4, learningRate: 1e-2,
                finalLearningRate: 1e-3, warmupSteps: 0, gradientClipNorm: 1, validationEventLimit: 1000)
            try MelodyModel(configuration: melody, seed: 11, trainingRecord: ["steps": "0"]).write(to: melodyModel)
        } catch {
            XCTFail("cannot write the tiny models: \(error)")
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    /// A fresh folder for one test's pages.
    private func outputFolder() throws -> URL {
        let url = Self.folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `belamy exhibit` on the tiny models (two bars of melody, to keep the page small).
    private func exhibit(_ arguments: [String], portraitModel: URL = portraitModel) throws {
        try Belamy.dispatch(["exhibit", "--quiet", "--bars", "2", "--portrait-model", portraitModel.path,
                             "--poem-model", Self.poemModel.path, "--melody-model", Self.melodyModel.path] + arguments)
    }

    /// The bytes of the first `data:` URI of `mediaType` in `page`.
    private func embedded(_ mediaType: String, in page: String) throws -> Data {
        let start = try XCTUnwrap(page.range(of: "data:\(mediaType);base64,"), "no \(mediaType) in the page")
        let end = try XCTUnwrap(page[start.upperBound...].firstIndex(of: "\""))
        return try XCTUnwrap(Data(base64Encoded: String(page[start.upperBound ..< end])), "\(mediaType) is not base64")
    }

    func testPageShowsTheSignedPortraitThePoemAndTheMelody() throws {
        let url = try outputFolder().appendingPathComponent("exhibit.html")
        try exhibit(["明月", "春风", "--seed", "7", "-o", url.path])
        let page = try String(contentsOf: url, encoding: .utf8)

        let portrait = try PNG.decode(embedded("image/png", in: page))
        XCTAssertEqual([portrait.width, portrait.height], [512, 512], "the 16-pixel painting, enlarged")
        XCTAssertTrue(page.contains("<div class=\"signature\""), "the portrait is signed")
        XCTAssertTrue(page.contains("<span class=\"limit\">min<sub>G</sub></span> <span class=\"limit\">max<sub>D</sub></span>"))
        XCTAssertTrue(page.contains("E<sub>x</sub>[log(D(x))] + E<sub>z</sub>[log(1 − D(G(z)))]"))
        XCTAssertTrue(page.contains("class=\"frame\""), "in a frame")
        let entry = CatalogueEntry(seed: 7)
        XCTAssertTrue(page.contains("Lot \(entry.lot)"))
        XCTAssertTrue(page.contains(entry.estimateText))

        // The poem `belamy poem --seed 7 明月 春风` writes, set in columns without its punctuation.
        let poem = try PoemWriter(model: PoemModel.read(from: Self.poemModel)).write(PoemRequest(keywords: ["明月", "春风"]), seed: 7)
        let verses = poem.lines.flatMap(ExhibitPage.verses(ofCouplet:))
        XCTAssertEqual(verses.count, 4, "a 七言绝句 has four verses")
        for verse in verses { XCTAssertTrue(page.contains("<p>\(verse)</p>"), verse) }
        XCTAssertTrue(page.contains("七言绝句"))

        let audio = try WAVFile.decode(embedded("audio/wav", in: page))
        XCTAssertEqual(audio.sampleRate, 44100)
        XCTAssertGreaterThan(audio.duration, 1, "two bars at 100 beats a minute last nearly five seconds")
        XCTAssertTrue(page.contains("<audio controls"))
        XCTAssertTrue(page.contains("T:Air pour \(entry.sitter)\nM:4/4"), "the ABC is shown")

        for file in ["portrait.safetensors", "poem-zh.safetensors", "melody.safetensors"] {
            XCTAssertTrue(page.contains(file), "provenance names \(file)")
        }
        XCTAssertTrue(page.contains("loss_D 1.3863"), "a metric recorded as JSON reads as a name and a value")
        XCTAssertTrue(page.contains("belamy exhibit 明月 春风 --seed 7 --bars 2"), "the command that makes the page again")
    }

    func testSameSeedGivesTheSameBytes() throws {
        let folder = try outputFolder()
        try exhibit(["明月", "--seed", "42", "-o", folder.appendingPathComponent("a.html").path])
        try exhibit(["明月", "--seed", "42", "-o", folder.appendingPathComponent("b.html").path])
        try exhibit(["明月", "--seed", "43", "-o", folder.appendingPathComponent("c.html").path])
        let a = try Data(contentsOf: folder.appendingPathComponent("a.html"))
        XCTAssertEqual(a, try Data(contentsOf: folder.appendingPathComponent("b.html")))
        XCTAssertNotEqual(a, try Data(contentsOf: folder.appendingPathComponent("c.html")))
    }

    func testMissingPortraitModelIsOneClearLineAndNoFile() throws {
        let folder = try outputFolder()
        let missing = folder.appendingPathComponent("Models/portrait.safetensors")
        let output = folder.appendingPathComponent("exhibit.html")
        XCTAssertThrowsError(try exhibit(["明月", "--seed", "1", "-o", output.path], portraitModel: missing)) { error in
            XCTAssertEqual(error as? ExhibitError, .missingModel(craft: "portrait", path: missing.path, option: "--portrait-model"))
            XCTAssertTrue("\(error)".hasPrefix("no portrait model at \(missing.path);"), "\(error)")
            XCTAssertFalse("\(error)".contains("\n"))
        }
        XCTAssertEqual(Belamy.run(["exhibit", "明月", "--portrait-model", missing.path, "--poem-model", Self.poemModel.path,
                                   "--melody-model", Self.melodyModel.path, "-o", output.path]), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing written, not even in part")
    }

    func testKeywordTheModelCannotWriteWithFailsWithoutAFile() throws {
        let folder = try outputFolder()
        XCTAssertThrowsError(try exhibit(["龙", "--seed", "1", "-o", folder.appendingPathComponent("exhibit.html").path])) { error in
            XCTAssertEqual(error as? PoemError, .unknownCharacter("龙", keyword: "龙"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testMistakesInTheCallAreUsageErrors() {
        for arguments in [["--seed", "1"], ["明月", "--lang", "fr"], ["明月", "--bars", "0"], ["明月", "--instrument", "kazoo"],
                          ["明月", "--seed", "-1"], ["明月", "--tempo", "90"]] {
            XCTAssertThrowsError(try Belamy.dispatch(["exhibit", "--portrait-model", Self.portraitModel.path, "--poem-model",
                                                      Self.poemModel.path, "--melody-model", Self.melodyModel.path] + arguments),
                                 "\(arguments)") { XCTAssertTrue($0 is UsageError, "\(arguments): \($0)") }
        }
        XCTAssertEqual(Belamy.run(["exhibit", "--quiet"]), 2)
    }

    func testSignatureInkStandsOutFromTheCorner() {
        XCTAssertEqual(ExhibitPage.SignatureInk(over: Image(width: 32, height: 32, filledWith: RGBColor(red: 230, green: 220, blue: 190))), .dark)
        XCTAssertEqual(ExhibitPage.SignatureInk(over: Image(width: 32, height: 32, filledWith: RGBColor(red: 40, green: 30, blue: 20))), .light)
        // Only the lower right corner counts: a light face above a dark corner is signed in light ink.
        var pixels = [UInt8](repeating: 240, count: 32 * 32 * 3)
        for y in 28 ..< 32 { for x in 16 ..< 32 { for channel in 0 ..< 3 { pixels[(y * 32 + x) * 3 + channel] = 10 } } }
        XCTAssertEqual(ExhibitPage.SignatureInk(over: Image(width: 32, height: 32, format: .rgb, pixels: pixels)), .light)
    }

    func testSeedChoosesTheLot() throws {
        XCTAssertEqual(CatalogueEntry(seed: 2018), CatalogueEntry(seed: 2018))
        let entries = (0 ..< 200 as Range<UInt64>).map(CatalogueEntry.init(seed:))
        XCTAssertGreaterThan(Set(entries.map(\.lot)).count, 100, "lots differ from seed to seed")
        for entry in entries {
            XCTAssertTrue((1 ... 400).contains(entry.lot))
            XCTAssertTrue(CatalogueEntry.estimates.contains(entry.estimate))
        }
        let adelaide = try XCTUnwrap(entries.first { $0.sitter.hasPrefix("Adélaïde") })
        XCTAssertEqual(adelaide.title, "Portrait d’Adélaïde de Belamy", "elided before a vowel")
        let gaspard = try XCTUnwrap(entries.first { $0.sitter.hasPrefix("Gaspard") })
        XCTAssertEqual(gaspard.title, "Portrait de Gaspard de Belamy")
        XCTAssertEqual(CatalogueEntry.grouped(7000), "7,000")
        XCTAssertEqual(CatalogueEntry.grouped(12000), "12,000")
        XCTAssertEqual(CatalogueEntry.grouped(500), "500")
    }

    func testCommandQuotesWhatAShellWouldInterpret() throws {
        let options = try ParsedOptions(["rose", "it's", "--lang", "en", "--portrait-model", "my models/p.safetensors", "-o", "x.html"],
                                        specification: ExhibitCommand.specification)
        XCTAssertEqual(ExhibitCommand.command(options, seed: 9),
                       "belamy exhibit rose 'it'\\''s' --seed 9 --lang en --portrait-model 'my models/p.safetensors'")
    }
}
