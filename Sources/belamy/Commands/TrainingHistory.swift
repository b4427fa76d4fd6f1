import Foundation
import NeuralCore

/// A run's history, carried in its checkpoints so that the model it ships can say how it was made:
/// the command that started the run and each resumption ("at step 700: belamy train … --resume").
struct TrainingHistory {
    /// The command that started the run.
    let command: String
    /// "at step N: COMMAND" for each resumption, joined with "; " (empty for an unbroken run).
    let resumptions: String

    /// This invocation's history: its own command on a fresh start; on `--resume`, the history
    /// stored in the checkpoint in `directory` followed by this resumption.
    init(checkpointIn directory: URL, resuming: Bool) {
        let invocation = (["belamy"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let checkpoint = directory.appendingPathComponent("checkpoint.safetensors")
        guard resuming, let previous = try? TrainingCheckpoint.read(from: checkpoint) else {
            (command, resumptions) = (invocation, "")
            return
        }
        let earlier = previous.runMetadata["resumptions"] ?? ""
        command = previous.runMetadata["command"] ?? invocation
        resumptions = (earlier.isEmpty ? "" : earlier + "; ") + "at step \(previous.step): \(invocation)"
    }

    /// The history as metadata entries, for checkpoints and model records.
    var metadata: [String: String] {
        resumptions.isEmpty ? ["command": command] : ["command": command, "resumptions": resumptions]
    }
}
