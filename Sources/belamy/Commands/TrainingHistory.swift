import Foundation
import NeuralCore

/// A run's history, carried in its checkpoints so that the model it ships can say how it was made:
/// the command that started the run, each resumption ("at step 700: belamy train … --resume"), and
/// the seed it started from. Every `belamy train` command keeps it the same way.
struct TrainingHistory {
    /// The command that started the run.
    let command: String
    /// "at step N: COMMAND" for each resumption, joined with "; " (empty for an unbroken run).
    let resumptions: String
    /// The seed the run started from. A resumed run carries on from its checkpoint's random state,
    /// so its seed is the checkpoint's, whatever --seed says now.
    let seed: UInt64

    /// This invocation's history: its own command and `--seed` (or a fresh seed) on a fresh start;
    /// on `--resume`, the history stored in the checkpoint in `directory` followed by this resumption.
    init(checkpointIn directory: URL, options: ParsedOptions) throws {
        let invocation = (["belamy"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let checkpoint = directory.appendingPathComponent("checkpoint.safetensors")
        guard options.flag("resume"), let previous = try? TrainingCheckpoint.read(from: checkpoint) else {
            (command, resumptions, seed) = (invocation, "", try options.seed())
            return
        }
        let earlier = previous.runMetadata["resumptions"] ?? ""
        command = previous.runMetadata["command"] ?? invocation
        resumptions = (earlier.isEmpty ? "" : earlier + "; ") + "at step \(previous.step): \(invocation)"
        seed = try previous.runMetadata["seed"].flatMap(UInt64.init) ?? options.seed()
    }

    /// The history as metadata entries, for checkpoints and model records.
    var metadata: [String: String] {
        var entries = ["command": command, "seed": String(seed)]
        if !resumptions.isEmpty { entries["resumptions"] = resumptions }
        return entries
    }
}
