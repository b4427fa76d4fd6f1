/// Updates a fixed list of variables from their accumulated gradients, one `step()` at a time.
///
/// The training loop is: `zeroGradients()`, forward, `backward()`, optionally
/// `clipGradientNorm`, set `learningRate` from a schedule, `step()`.
public protocol Optimizer: AnyObject {
    /// The variables this optimizer updates, in the order its state is indexed by.
    var variables: [Variable] { get }
    /// The step size; set it before each `step()` to follow a `LearningRateSchedule`.
    var learningRate: Float { get set }
    /// Applies one update to every variable that has a gradient; the others are left untouched.
    func step()
    /// Everything needed to continue exactly (moments, buffers, step counts), keyed `"<index>.<slot>"`.
    func stateDictionary() -> [String: Tensor]
    /// Restores what `stateDictionary()` saved; nothing changes unless every tensor fits.
    func loadStateDictionary(_ state: [String: Tensor]) throws
}

extension Optimizer {
    /// Forgets all gradients, so the next `backward()` starts from zero.
    public func zeroGradients() {
        for variable in variables { variable.grad = nil }
    }
}

/// The checkpoint layout of per-variable optimizer state: a step count and named slot tensors
/// (`exp_avg`, `momentum_buffer`) for each variable, saved as `"<index>.step"` and `"<index>.<slot>"`.
struct PerVariableStateLayout {
    let slotNames: [String]
    let shapes: [[Int]]

    init(slotNames: [String], variables: [Variable]) {
        self.slotNames = slotNames
        shapes = variables.map(\.shape)
    }

    /// Fresh state: zero steps, zero slots.
    func initialSlots() -> [[Tensor]] { slotNames.map { _ in shapes.map { Tensor(zeros: $0) } } }

    /// `slots[slot][variable]` and the step counts as one dictionary.
    func dictionary(steps: [Int], slots: [[Tensor]]) -> [String: Tensor] {
        var state: [String: Tensor] = [:]
        for index in shapes.indices {
            // Float holds step counts exactly up to 2²⁴, far beyond any Belamy run.
            state["\(index).step"] = Tensor(Float(steps[index]))
            for (slot, name) in slotNames.enumerated() { state["\(index).\(name)"] = slots[slot][index] }
        }
        return state
    }

    /// Step counts and slots from a dictionary that must hold exactly this layout's keys and shapes.
    func decode(_ state: [String: Tensor]) throws -> (steps: [Int], slots: [[Tensor]]) {
        var steps: [Int] = []
        var slots: [[Tensor]] = slotNames.map { _ in [] }
        for (index, shape) in shapes.enumerated() {
            let stepKey = "\(index).step"
            guard let step = state[stepKey] else { throw OptimizerError.missingState(stepKey) }
            guard step.count == 1, let count = Int(exactly: step.scalars[0]), count >= 0 else {
                throw OptimizerError.invalidStep(stepKey)
            }
            steps.append(count)
            for (slot, name) in slotNames.enumerated() {
                let key = "\(index).\(name)"
                guard let tensor = state[key] else { throw OptimizerError.missingState(key) }
                guard tensor.shape == shape else { throw OptimizerError.shapeMismatch(key: key, expected: shape, found: tensor.shape) }
                slots[slot].append(tensor)
            }
        }
        // Every expected key was found, so any surplus is a key this layout does not have.
        if state.count != shapes.count * (1 + slotNames.count) {
            let known = Set(dictionary(steps: steps, slots: slots).keys)
            throw OptimizerError.unexpectedState(state.keys.sorted().first { !known.contains($0) }!)
        }
        return (steps, slots)
    }
}

/// Why saved optimizer state does not fit an optimizer.
public enum OptimizerError: Error, CustomStringConvertible, Equatable {
    case missingState(String)
    case unexpectedState(String)
    case invalidStep(String)
    case shapeMismatch(key: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missingState(let key): return "checkpoint has no optimizer state '\(key)'"
        case .unexpectedState(let key): return "checkpoint has unexpected optimizer state '\(key)' (different optimizer or model?)"
        case .invalidStep(let key): return "optimizer state '\(key)' is not a non-negative whole step count"
        case .shapeMismatch(let key, let expected, let found):
            return "optimizer state '\(key)' has shape \(found), expected \(expected) (different model?)"
        }
    }
}
