import Foundation
import Media
import NeuralCore
import XCTest

/// Training survives `kill -9` at any moment, checkpoint writes included: the real `belamy`
/// executable trains a tiny portrait GAN, is killed again and again at random points, resumed each
/// time, and must end with exactly the weights of a run that was never interrupted.
final class TrainingCrashTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-crash-\(UUID().uuidString)")
        let images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        var generator = RandomGenerator(seed: 11)
        for index in 0 ..< 6 {
            let pixels = (0 ..< 64 * 64 * 3).map { _ in UInt8(generator.integer(below: 256)) }
            try PNG.write(Image(width: 64, height: 64, format: .rgb, pixels: pixels),
                          to: images.appendingPathComponent("image-\(index).png"))
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The `belamy` executable, built in the same folder as the test bundle.
    private var executable: URL {
        let bundle = Bundle(for: TrainingCrashTests.self).bundleURL
        return [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("belamy") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? bundle.appendingPathComponent("belamy")
    }

    private func arguments(outDirectory: URL, resume: Bool) -> [String] {
        ["train", "portrait", "--data", folder.appendingPathComponent("images").path, "--steps", "20", "--batch", "2",
         "--generator-width", "4", "--discriminator-width", "4", "--checkpoint-every", "1", "--seed", "5",
         "--out-dir", outDirectory.path, "-o", outDirectory.appendingPathComponent("model.safetensors").path, "--quiet"]
            + (resume ? ["--resume"] : [])
    }

    private func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The step of each line of the metrics log.
    private func loggedSteps(in directory: URL) throws -> [Int] {
        try String(contentsOf: directory.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n").map { line in
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try XCTUnwrap(record?["step"] as? Int)
        }
    }

    /// The inode of the checkpoint file: every checkpoint (one per step here) is a new file renamed into place.
    private func checkpointIdentity(in directory: URL) -> UInt64? {
        var status = stat()
        return stat(directory.appendingPathComponent("checkpoint.safetensors").path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    func testKilledAtRandomMomentsAndResumedItEndsWithTheWeightsOfAnUninterruptedRun() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: executable.path), "build belamy first: \(executable.path)")
        let reference = folder.appendingPathComponent("reference"), interrupted = folder.appendingPathComponent("interrupted")
        let whole = try launch(arguments(outDirectory: reference, resume: false))
        whole.waitUntilExit()
        XCTAssertEqual(whole.terminationStatus, 0)

        var generator = RandomGenerator(seed: 12)
        var kills = 0, finished = false
        for attempt in 0 ..< 60 where !finished {
            let checkpoint = interrupted.appendingPathComponent("checkpoint.safetensors")
            let resume = FileManager.default.fileExists(atPath: checkpoint.path)
            let run = try launch(arguments(outDirectory: interrupted, resume: resume))
            // Kill after a random number of further checkpoints (0 to 3) and a random fraction of a
            // step, polling fast enough that the kill can land anywhere, a checkpoint write included.
            var checkpointsToWait = generator.integer(below: 4), identity = checkpointIdentity(in: interrupted)
            while run.isRunning && checkpointsToWait > 0 {
                usleep(100)
                let current = checkpointIdentity(in: interrupted)
                if current != identity { identity = current; checkpointsToWait -= 1 }
            }
            usleep(UInt32(generator.integer(below: 20_000)))
            if run.isRunning {
                kill(run.processIdentifier, SIGKILL)
                run.waitUntilExit()
                if run.terminationReason == .uncaughtSignal { kills += 1 }
            } else {
                run.waitUntilExit()
            }
            if run.terminationReason == .exit {
                XCTAssertEqual(run.terminationStatus, 0, "attempt \(attempt)")
                finished = true
            }
            // Whatever moment the kill hit, the checkpoint on disk is whole.
            if FileManager.default.fileExists(atPath: checkpoint.path) {
                XCTAssertNoThrow(try SafeTensors.read(from: checkpoint), "attempt \(attempt)")
            }
        }
        XCTAssertTrue(finished, "the run never finished")
        XCTAssertGreaterThanOrEqual(kills, 3, "the run was too quick to interrupt")

        let expected = try SafeTensors.read(from: reference.appendingPathComponent("model.safetensors")).tensors
        let actual = try SafeTensors.read(from: interrupted.appendingPathComponent("model.safetensors")).tensors
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted())
        for (name, tensor) in expected { XCTAssertEqual(actual[name], tensor, name) }
        XCTAssertEqual(try loggedSteps(in: interrupted), try loggedSteps(in: reference), "each logged step once, none repeated")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: interrupted.path).filter { $0.hasSuffix(".partial") }
        XCTAssertEqual(leftovers, [], "half-written files of killed runs are cleaned up")
    }

    func testAResumedRunRecordsTheSeedAndCommandItStartedWith() throws {
        let run = folder.appendingPathComponent("run"), model = run.appendingPathComponent("model.safetensors")
        func train(_ extra: [String]) throws {
            let process = try launch(["train", "portrait", "--data", folder.appendingPathComponent("images").path,
                                      "--batch", "2", "--generator-width", "4", "--discriminator-width", "4",
                                      "--out-dir", run.path, "-o", model.path, "--quiet"] + extra)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(extra)")
        }
        try train(["--steps", "2", "--seed", "5"])
        try train(["--steps", "3", "--resume"])  // no --seed: the run's own seed carries on
        let metadata = try SafeTensors.read(from: model).metadata
        XCTAssertEqual(metadata["seed"], "5")
        XCTAssertEqual(metadata["steps"], "3")
        XCTAssertTrue(metadata["command"]?.hasSuffix("--steps 2 --seed 5") ?? false, metadata["command"] ?? "no command")
        XCTAssertTrue(metadata["resumptions"]?.hasPrefix("at step 2: belamy train portrait") ?? false,
                      metadata["resumptions"] ?? "no resumptions")
    }
}
