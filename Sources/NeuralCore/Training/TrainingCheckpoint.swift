import Foundation

/// A training run frozen at a step: the task's tensors plus the trainer's own state (step,
/// random generator, best validation score), in one safetensors file written atomically, so a
/// crash or `kill -9` at any moment leaves the previous checkpoint whole.
public struct TrainingCheckpoint {
    public static let format = "belamy-training-checkpoint"
    public static let formatVersion = 1

    public var step: Int
    public var generator: RandomGenerator
    public var bestValidation: Double?
    public var tensors: [String: Tensor]
    /// The run's description (craft, configuration, command), carried along unchanged.
    public var runMetadata: [String: String]

    public init(step: Int, generator: RandomGenerator, bestValidation: Double?,
                tensors: [String: Tensor], runMetadata: [String: String]) {
        self.step = step
        self.generator = generator
        self.bestValidation = bestValidation
        self.tensors = tensors
        self.runMetadata = runMetadata
    }

    public func write(to url: URL) throws {
        var metadata = runMetadata
        metadata["format"] = Self.format
        metadata["format_version"] = String(Self.formatVersion)
        metadata["step"] = String(step)
        metadata["rng_state"] = generator.state.map { String($0) }.joined(separator: ",")
        if let bestValidation { metadata["best_validation"] = String(bestValidation) }
        try SafeTensors.write(tensors, metadata: metadata, to: url)
    }

    public static func read(from url: URL) throws -> TrainingCheckpoint {
        let file = try SafeTensors.read(from: url)
        let metadata = file.metadata
        guard metadata["format"] == format else {
            throw TrainingError.notACheckpoint(url.path)
        }
        guard metadata["format_version"] == String(formatVersion) else {
            throw TrainingError.unsupportedCheckpointVersion(url.path, metadata["format_version"] ?? "none")
        }
        guard let step = metadata["step"].flatMap(Int.init),
              let generator = metadata["rng_state"].flatMap({ text -> RandomGenerator? in
                  let words = text.split(separator: ",").compactMap { UInt64($0) }
                  return RandomGenerator(state: words)
              }) else {
            throw TrainingError.corruptCheckpoint(url.path)
        }
        var runMetadata = metadata
        for key in ["format", "format_version", "step", "rng_state", "best_validation"] { runMetadata[key] = nil }
        return TrainingCheckpoint(step: step, generator: generator,
                                  bestValidation: metadata["best_validation"].flatMap(Double.init),
                                  tensors: file.tensors, runMetadata: runMetadata)
    }
}

/// Why training could not start, resume or save.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case notACheckpoint(String)
    case unsupportedCheckpointVersion(String, String)
    case corruptCheckpoint(String)
    case damagedCheckpoint(String)
    case nothingToResume(String)
    case differentRun(String, key: String, checkpoint: String, requested: String)

    public var description: String {
        switch self {
        case .notACheckpoint(let path): return "\(path) is not a belamy training checkpoint"
        case .unsupportedCheckpointVersion(let path, let version):
            return "\(path) has checkpoint format version \(version); this belamy reads version \(TrainingCheckpoint.formatVersion)"
        case .corruptCheckpoint(let path): return "\(path) is missing its step or random state"
        case .damagedCheckpoint(let reason): return "the checkpoint is damaged: \(reason)"
        case .nothingToResume(let folder): return "--resume: no checkpoint in \(folder) (start without --resume)"
        case .differentRun(let path, let key, let checkpoint, let requested):
            return "--resume: \(path) was trained with \(key) = \(checkpoint), not \(requested); use another --out-dir"
        }
    }
}
