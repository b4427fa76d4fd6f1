import Foundation

/// The training step every `LSTMLanguageModel` in Belamy shares, whatever its tokens are: Adam
/// with warmup and cosine decay, gradients clipped by global norm, and truncated BPTT with the
/// LSTM state carried from window to window. A craft's `TrainingTask` wraps it and adds its own
/// validation figure and preview.
///
/// Targets in `unscoredTokens` are not part of the loss (a melody's meter and mode tokens are
/// given to the model when it composes, so predicting them is no part of its task).
public final class LanguageModelTraining {
    /// The network being trained (its weights change in place).
    public let network: LSTMLanguageModel
    /// The windows it reads.
    public let batches: TokenStreamBatches
    let optimizer: Adam
    let schedule: LearningRateSchedule
    let gradientClipNorm: Float
    let unscoredTokens: Set<Int>
    private var carriedState: [LSTM.LayerState]?

    /// What a target in `unscoredTokens` becomes before the loss, which ignores it.
    static let ignoredTarget = -1

    /// Training for `totalSteps` steps that peaks at `learningRate` after `warmupSteps` (or stays
    /// there, for a run too short to warm up) and decays to `finalLearningRate`.
    public init(network: LSTMLanguageModel, batches: TokenStreamBatches, learningRate: Float, finalLearningRate: Float,
                warmupSteps: Int, gradientClipNorm: Float, totalSteps: Int, unscoredTokens: Set<Int> = []) {
        self.network = network
        self.batches = batches
        optimizer = Adam(network.trainableVariables, learningRate: learningRate)
        schedule = totalSteps > warmupSteps
            ? .cosine(peak: learningRate, minimum: finalLearningRate, totalSteps: totalSteps, warmupSteps: warmupSteps)
            : .constant(learningRate)
        self.gradientClipNorm = gradientClipNorm
        self.unscoredTokens = unscoredTokens
    }

    /// Tokens read per step.
    public var tokensPerStep: Int { batches.batchSize * batches.sequenceLength }

    /// One optimisation step at `step` (0-based); returns the window's loss in nats per scored token.
    public func trainStep(step: Int, generator: inout RandomGenerator) -> Double {
        network.setTraining(true)
        network.reseedDropout(from: &generator)
        let (inputs, targets) = batches.nextBatch(generator: &generator)
        let (logits, state) = network(inputs, time: batches.sequenceLength, batch: batches.batchSize,
                                      initialState: carriedState)
        let loss = crossEntropy(logits: logits, targets: scored(targets), ignoreIndex: Self.ignoredTarget)
        optimizer.zeroGradients()
        loss.backward()
        clipGradientNorm(optimizer.variables, maxNorm: gradientClipNorm)
        optimizer.learningRate = schedule.learningRate(atStep: step)
        optimizer.step()
        // The state goes on to the next window, but the gradient stops here (truncated BPTT).
        carriedState = state.map { (Variable($0.hidden.value), Variable($0.cell.value)) }
        network.setTraining(false)
        return Double(loss.value.scalar)
    }

    /// The network's cross-entropy in nats per scored token predicting `tokens[1...]` from what
    /// precedes each, read as up to 16 consecutive segments side by side with the state carried along.
    public func meanLoss(on tokens: [Int]) -> Double {
        guard tokens.count > 1 else { return .nan }
        let sequenceLength = batches.sequenceLength
        let segmentCount = min(16, tokens.count - 1)
        let segmentLength = (tokens.count - 1) / segmentCount
        network.setTraining(false)
        return withoutGradients {
            var state: [LSTM.LayerState]?
            var totalNats = 0.0, scoredCount = 0
            for windowStart in stride(from: 0, to: segmentLength, by: sequenceLength) {
                let time = min(sequenceLength, segmentLength - windowStart)
                var inputs = [Int](repeating: 0, count: time * segmentCount), targets = inputs
                for t in 0 ..< time {
                    for segment in 0 ..< segmentCount {
                        let position = segment * segmentLength + windowStart + t
                        inputs[t * segmentCount + segment] = tokens[position]
                        targets[t * segmentCount + segment] = tokens[position + 1]
                    }
                }
                let scoredTargets = scored(targets)
                let count = scoredTargets.filter { $0 != Self.ignoredTarget }.count
                let (logits, newState) = network(inputs, time: time, batch: segmentCount, initialState: state)
                if count > 0 {
                    let loss = crossEntropy(logits: logits, targets: scoredTargets, ignoreIndex: Self.ignoredTarget)
                    totalNats += Double(loss.value.scalar) * Double(count)
                    scoredCount += count
                }
                state = newState
            }
            return totalNats / Double(max(scoredCount, 1))
        }
    }

    /// `targets` with the unscored tokens replaced by `ignoredTarget`.
    func scored(_ targets: [Int]) -> [Int] {
        unscoredTokens.isEmpty ? targets : targets.map { unscoredTokens.contains($0) ? Self.ignoredTarget : $0 }
    }

    /// Weights, optimizer moments, stream cursors and the carried LSTM state, for a checkpoint.
    public func checkpointTensors() -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in network.stateDictionary() { tensors["model." + name] = tensor }
        for (name, tensor) in optimizer.stateDictionary() { tensors["optimizer." + name] = tensor }
        tensors["data.cursors"] = batches.state
        for (layer, state) in (carriedState ?? []).enumerated() {
            tensors["data.hidden.\(layer)"] = state.hidden.value
            tensors["data.cell.\(layer)"] = state.cell.value
        }
        return tensors
    }

    /// Restores what `checkpointTensors()` saved.
    public func restore(from tensors: [String: Tensor]) throws {
        func group(_ prefix: String) -> [String: Tensor] {
            Dictionary(uniqueKeysWithValues: tensors.filter { $0.key.hasPrefix(prefix) }
                .map { (String($0.key.dropFirst(prefix.count)), $0.value) })
        }
        try network.loadStateDictionary(group("model."))
        try optimizer.loadStateDictionary(group("optimizer."))
        guard let cursors = tensors["data.cursors"] else { throw TrainingError.damagedCheckpoint("it has no batch stream state") }
        try batches.restore(cursors)
        guard tensors["data.hidden.0"] != nil else {
            carriedState = nil
            return
        }
        let expectedShape = [batches.batchSize, network.lstm.hiddenSize]
        carriedState = try (0 ..< network.lstm.layers.count).map { layer in
            guard let hidden = tensors["data.hidden.\(layer)"], let cell = tensors["data.cell.\(layer)"],
                  hidden.shape == expectedShape, cell.shape == expectedShape else {
                throw TrainingError.damagedCheckpoint("its carried LSTM state for layer \(layer) is missing or misshapen")
            }
            return (Variable(hidden), Variable(cell))
        }
    }
}
