import Foundation

/// The learning rate as a function of the (0-based) training step: an optional linear warmup
/// to `peak`, then either constant or a cosine decay to `minimum` at `totalSteps`.
///
/// A value, not an object with hidden state, so a resumed run gets the right rate from the step
/// count alone.
public struct LearningRateSchedule: Equatable {
    /// What happens after warmup.
    public enum Decay: Equatable {
        case constant
        /// Half a cosine from `peak` down to `minimum` over the steps after warmup, then `minimum`.
        case cosine(minimum: Float, totalSteps: Int)
    }

    /// The rate after warmup, before any decay.
    public var peak: Float
    /// Steps over which the rate climbs linearly to `peak` (step `warmupSteps - 1` is the first at `peak`).
    public var warmupSteps: Int
    /// The shape of the schedule after warmup.
    public var decay: Decay

    /// A schedule with the given warmup and decay.
    public init(peak: Float, warmupSteps: Int = 0, decay: Decay = .constant) {
        precondition(warmupSteps >= 0, "negative warmup")
        if case .cosine(_, let totalSteps) = decay {
            precondition(totalSteps > warmupSteps, "cosine decay needs more total steps than warmup steps")
        }
        self.peak = peak
        self.warmupSteps = warmupSteps
        self.decay = decay
    }

    /// The same rate at every step.
    public static func constant(_ learningRate: Float) -> LearningRateSchedule {
        LearningRateSchedule(peak: learningRate)
    }

    /// Optional linear warmup, then cosine decay from `peak` to `minimum` at `totalSteps`.
    public static func cosine(peak: Float, minimum: Float = 0, totalSteps: Int, warmupSteps: Int = 0) -> LearningRateSchedule {
        LearningRateSchedule(peak: peak, warmupSteps: warmupSteps, decay: .cosine(minimum: minimum, totalSteps: totalSteps))
    }

    /// The learning rate for `step`.
    public func learningRate(atStep step: Int) -> Float {
        // Warmup counts the step being taken, so the very first step already moves the weights.
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        switch decay {
        case .constant:
            return peak
        case .cosine(let minimum, let totalSteps):
            let progress = min(1, Double(step - warmupSteps) / Double(totalSteps - warmupSteps))
            return minimum + (peak - minimum) * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}
