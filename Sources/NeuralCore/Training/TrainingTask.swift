import Foundation

/// What the generic `Trainer` needs from a craft's model: one step, validation, a preview, and
/// exact save/restore. The trainer owns the step count, the random generator, the schedule of
/// checkpoints and the interrupt handling, so every craft trains, resumes and stops the same way.
public protocol TrainingTask: AnyObject {
    /// Items (images, tokens, events) processed per step, for the throughput figure.
    var itemsPerStep: Int { get }
    /// What an item is called in progress output ("images", "tokens").
    var itemName: String { get }

    /// Runs one optimisation step at `step` (0-based) and returns its metrics, in display order.
    func trainStep(step: Int, generator: inout RandomGenerator) -> [Metric]

    /// Metrics on held-out data; empty if the task has none. The first one is the one kept best.
    func validate() -> [Metric]

    /// Writes something a person can look at (a sample grid, a poem) for this step.
    func writePreview(step: Int, to directory: URL) throws

    /// Every tensor needed to continue exactly: weights, optimizer moments, EMA copies.
    func checkpointTensors() -> [String: Tensor]

    /// Restores what `checkpointTensors()` saved.
    func restore(from tensors: [String: Tensor]) throws
}

extension TrainingTask {
    public func validate() -> [Metric] { [] }
    public func writePreview(step: Int, to directory: URL) throws {}
}

/// A named scalar measurement of training ("loss_D", "D(x)", "val_bpc").
public struct Metric: Equatable {
    public let name: String
    public let value: Double

    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}
