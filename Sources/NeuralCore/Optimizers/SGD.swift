/// Stochastic gradient descent with optional momentum (heavy-ball or Nesterov) and L2 weight
/// decay, as `torch.optim.SGD` (dampening 0).
public final class SGD: Optimizer {
    /// The variables updated, in state-index order.
    public let variables: [Variable]
    /// The step size.
    public var learningRate: Float
    /// How much of the previous update carries over (0 = none).
    public let momentum: Float
    /// Whether to step from the look-ahead point (Nesterov) rather than the heavy-ball update.
    public let nesterov: Bool
    /// L2 coefficient added to the gradient.
    public let weightDecay: Float
    private let layout: PerVariableStateLayout
    private var steps: [Int]
    private var momentumBuffers: [Tensor]

    /// SGD over `variables`; `momentum` 0 is plain gradient descent.
    public init(_ variables: [Variable], learningRate: Float, momentum: Float = 0, nesterov: Bool = false,
                weightDecay: Float = 0) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs a positive momentum")
        self.variables = variables
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        layout = PerVariableStateLayout(slotNames: momentum == 0 ? [] : ["momentum_buffer"], variables: variables)
        steps = Array(repeating: 0, count: variables.count)
        momentumBuffers = layout.initialSlots().first ?? []
    }

    public func step() {
        let (learningRate, momentum, nesterov, weightDecay) = (self.learningRate, self.momentum, self.nesterov, self.weightDecay)
        for (index, variable) in variables.enumerated() {
            guard let gradient = variable.grad else { continue }
            steps[index] += 1
            if momentum == 0 {
                gradient.withUnsafeBufferPointer { g in
                    variable.value.withUnsafeMutableBufferPointer { p in
                        for i in 0 ..< p.count { p[i] -= learningRate * (g[i] + weightDecay * p[i]) }
                    }
                }
                continue
            }
            // PyTorch starts the buffer at the first gradient itself rather than decaying from zero.
            let bufferDecay: Float = steps[index] == 1 ? 0 : momentum
            gradient.withUnsafeBufferPointer { g in
                momentumBuffers[index].withUnsafeMutableBufferPointer { buffer in
                    variable.value.withUnsafeMutableBufferPointer { p in
                        for i in 0 ..< p.count {
                            let grad = g[i] + weightDecay * p[i]
                            buffer[i] = bufferDecay * buffer[i] + grad
                            p[i] -= learningRate * (nesterov ? grad + momentum * buffer[i] : buffer[i])
                        }
                    }
                }
            }
        }
    }

    public func stateDictionary() -> [String: Tensor] {
        layout.dictionary(steps: steps, slots: momentum == 0 ? [] : [momentumBuffers])
    }

    public func loadStateDictionary(_ state: [String: Tensor]) throws {
        let loaded = try layout.decode(state)
        steps = loaded.steps
        momentumBuffers = loaded.slots.first ?? []
    }
}
