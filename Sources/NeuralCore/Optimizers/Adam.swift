import Foundation

/// Adam (Kingma & Ba), as `torch.optim.Adam`: weight decay, if any, is an L2 term added to the
/// gradient, so it is scaled by the adaptive step like the rest of the gradient.
public class Adam: Optimizer {
    /// The variables updated, in state-index order.
    public let variables: [Variable]
    /// The step size α.
    public var learningRate: Float
    /// Decay rates of the moment estimates. Double, like PyTorch's Python floats, so that
    /// `1 − β₂` is 0.001 and not the 1.3e-5-off value Float's nearest 0.999 would give.
    public let beta1: Double
    public let beta2: Double
    /// Added to the denominator for numerical stability.
    public let epsilon: Float
    /// L2 coefficient for Adam, decoupled decay rate for AdamW.
    public let weightDecay: Float
    /// AdamW's decay (`p ← p·(1 − lr·λ)` before the update) instead of Adam's L2 gradient term.
    let decouplesWeightDecay: Bool
    private let layout: PerVariableStateLayout
    private var steps: [Int]
    // Separate properties, not one array of slots: the fused update writes both at once, and
    // Swift's exclusivity rules allow that only for distinct stored properties.
    private var firstMoments: [Tensor]
    private var secondMoments: [Tensor]

    /// Adam over `variables` with PyTorch's defaults.
    public convenience init(_ variables: [Variable], learningRate: Float = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.init(variables, learningRate: learningRate, betas: betas, epsilon: epsilon,
                  weightDecay: weightDecay, decouplesWeightDecay: false)
    }

    init(_ variables: [Variable], learningRate: Float, betas: (Double, Double), epsilon: Float,
         weightDecay: Float, decouplesWeightDecay: Bool) {
        self.variables = variables
        self.learningRate = learningRate
        (beta1, beta2) = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decouplesWeightDecay = decouplesWeightDecay
        layout = PerVariableStateLayout(slotNames: ["exp_avg", "exp_avg_sq"], variables: variables)
        steps = Array(repeating: 0, count: variables.count)
        let initial = layout.initialSlots()
        (firstMoments, secondMoments) = (initial[0], initial[1])
    }

    public func step() {
        for (index, variable) in variables.enumerated() {
            guard let gradient = variable.grad else { continue }
            steps[index] += 1
            // Bias corrections in Double, as PyTorch computes them from a Python float.
            let t = Double(steps[index])
            let stepSize = Float(Double(learningRate) / (1 - pow(beta1, t)))
            let correction2Root = Float((1 - pow(beta2, t)).squareRoot())
            let l2 = decouplesWeightDecay ? 0 : weightDecay
            let shrink = decouplesWeightDecay ? 1 - learningRate * weightDecay : 1
            let (firstWeight, beta2, secondWeight) = (Float(1 - beta1), Float(beta2), Float(1 - beta2))
            let epsilon = self.epsilon
            // One fused pass over parameter, gradient and both moments: bandwidth-bound, no allocation,
            // shared among the threads for large tensors. Each element is loaded once into locals and
            // stored once; through the (possibly aliasing) pointers the compiler would otherwise
            // reload what was just written.
            gradient.withUnsafeBufferPointer { g in
                firstMoments[index].withUnsafeMutableBufferPointer { m in
                    secondMoments[index].withUnsafeMutableBufferPointer { v in
                        variable.value.withUnsafeMutableBufferPointer { p in
                            let (m, v, p) = (m, v, p)  // copies of the inout pointers, for the threads to share
                            Parallel.forEachRange(p.count, workPerItem: 4) { range in
                                for i in range {
                                    let parameter = p[i], previousMoment = m[i]
                                    let grad = g[i] + l2 * parameter
                                    // As PyTorch's kernels compute them (lerp, addcmul), to agree to the last bit or two.
                                    let moment = previousMoment + firstWeight * (grad - previousMoment)
                                    let squaredMoment = v[i] * beta2 + secondWeight * grad * grad
                                    m[i] = moment
                                    v[i] = squaredMoment
                                    p[i] = parameter * shrink - stepSize * moment / (squaredMoment.squareRoot() / correction2Root + epsilon)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public func stateDictionary() -> [String: Tensor] {
        layout.dictionary(steps: steps, slots: [firstMoments, secondMoments])
    }

    public func loadStateDictionary(_ state: [String: Tensor]) throws {
        let loaded = try layout.decode(state)
        steps = loaded.steps
        (firstMoments, secondMoments) = (loaded.slots[0], loaded.slots[1])
    }
}

/// AdamW (Loshchilov & Hutter), as `torch.optim.AdamW`: weight decay shrinks the parameters
/// directly, independent of the gradient's scale.
public final class AdamW: Adam {
    /// AdamW over `variables` with PyTorch's defaults (including weight decay 0.01).
    public init(_ variables: [Variable], learningRate: Float = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                epsilon: Float = 1e-8, weightDecay: Float = 1e-2) {
        super.init(variables, learningRate: learningRate, betas: betas, epsilon: epsilon,
                   weightDecay: weightDecay, decouplesWeightDecay: true)
    }
}
