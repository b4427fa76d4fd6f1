import Foundation
import XCTest
@testable import belamy

final class BenchCommandTests: XCTestCase {
    private func benchmark(_ arguments: [String]) throws -> any Benchmark {
        try BenchCommand.benchmark(for: ParsedOptions(arguments, specification: BenchCommand.specification))
    }

    func testOptionsReachTheWorkload() throws {
        let dcgan = try XCTUnwrap(try benchmark(["dcgan", "--batch", "2", "--ngf", "4", "--steps", "1"]) as? DCGANBenchmark)
        XCTAssertEqual(dcgan.options.batch, 2)
        XCTAssertEqual(dcgan.options.generatorFeatures, 4)
        XCTAssertEqual(dcgan.options.discriminatorFeatures, 64, "untouched options keep the reference's defaults")
        XCTAssertEqual(dcgan.options.threads, 2)

        let melody = try XCTUnwrap(try benchmark(["melody", "--hidden", "8", "--threads", "1"]) as? LSTMLanguageModelBenchmark)
        XCTAssertEqual(melody.name, "melody")
        XCTAssertEqual(melody.options.vocabulary, 130)
        XCTAssertEqual(melody.options.embedding, 0, "melody input is one-hot by default")
        XCTAssertEqual(melody.options.hidden, 8)
        XCTAssertEqual(melody.options.threads, 1)

        let sgemm = try XCTUnwrap(try benchmark(["sgemm", "--sizes", "64,128", "--threads", "1,2"]) as? SGEMMBenchmark)
        XCTAssertEqual(sgemm.options.sizes, [64, 128])
        XCTAssertEqual(sgemm.options.threads, [1, 2])
    }

    func testMistakesAreUsageErrors() {
        for arguments in [[], ["gan"], ["dcgan", "--vocab", "10"], ["sgemm", "--sizes", "64,,128"], ["charlm", "--batch", "0"],
                          ["melody", "--cpu-time=yes"]] {
            XCTAssertThrowsError(try benchmark(arguments), "\(arguments)") { XCTAssertTrue($0 is UsageError, "\(arguments): \($0)") }
        }
    }

    func testTinyDCGANPrintsTheReferenceKeys() throws {
        let record = try benchmark(["dcgan", "--batch", "2", "--ngf", "4", "--ndf", "4", "--steps", "1", "--warmup", "0",
                                    "--fwd-reps", "1", "--threads", "1"]).run()
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(record.text.utf8)) as? [String: Any])
        for key in ["bench", "belamy", "threads", "clock", "args", "g_params", "g_fwd_ms_batch1", "g_fwd_ms_batch64",
                    "train_step_ms_median", "train_images_per_sec"] {
            XCTAssertNotNil(object[key], key)
        }
        XCTAssertEqual(object["bench"] as? String, "dcgan")
        XCTAssertEqual(object["threads"] as? Int, 1)
        // ConvT weights of G at ngf = 4: 100·32·16 + 32·16·16 + 16·8·16 + 8·4·16 + 4·3·16, plus γ and β of 60 channels.
        XCTAssertEqual(object["g_params"] as? Int, 51200 + 8192 + 2048 + 512 + 192 + 2 * 60)
        XCTAssertEqual((object["args"] as? [String: Any])?["ngf"] as? Int, 4)
    }

    func testTinyCharacterModelPrintsTheReferenceKeys() throws {
        let record = try benchmark(["charlm", "--vocab", "20", "--embed", "8", "--hidden", "8", "--seq", "4", "--batch", "2",
                                    "--steps", "1", "--warmup", "0", "--sample-len", "5", "--sample-reps", "1", "--threads", "1"]).run()
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(record.text.utf8)) as? [String: Any])
        for key in ["bench", "belamy", "threads", "args", "params", "train_step_ms_median", "train_tokens_per_sec",
                    "sample_tokens_per_sec", "sample_us_per_token", "weights_mb_per_sampled_token"] {
            XCTAssertNotNil(object[key], key)
        }
        let loss = try XCTUnwrap(object["final_loss"] as? Double)
        XCTAssertEqual(loss, log(20), accuracy: 0.5, "random targets over 20 tokens: a loss near ln 20")
    }
}
