/// A neural-network building block with named, nested parameters, in PyTorch's naming scheme
/// (`"generator.layers.0.weight"`) so checkpoints line up with `state_dict()` keys.
///
/// A conforming class lists its own tensors and its direct children; everything else
/// (recursive naming, train/eval switching, counting, state dictionaries) comes from the extension.
public protocol Module: AnyObject {
    /// This module's own trainable tensors, by local name.
    var parameters: [(name: String, variable: Variable)] { get }
    /// This module's own non-trainable state that belongs in a checkpoint (BatchNorm's running statistics).
    var buffers: [(name: String, variable: Variable)] { get }
    /// Direct submodules, by local name.
    var children: [(name: String, module: Module)] { get }
    /// Training mode (dropout active, BatchNorm uses batch statistics) or evaluation mode.
    var isTraining: Bool { get set }
}

extension Module {
    public var parameters: [(name: String, variable: Variable)] { [] }
    public var buffers: [(name: String, variable: Variable)] { [] }
    public var children: [(name: String, module: Module)] { [] }

    /// Every trainable tensor of this module and its descendants, with dotted names.
    public func namedParameters(prefix: String = "") -> [(name: String, variable: Variable)] {
        parameters.map { (prefix + $0.name, $0.variable) }
            + children.flatMap { $0.module.namedParameters(prefix: prefix + $0.name + ".") }
    }

    /// Every buffer of this module and its descendants, with dotted names.
    public func namedBuffers(prefix: String = "") -> [(name: String, variable: Variable)] {
        buffers.map { (prefix + $0.name, $0.variable) }
            + children.flatMap { $0.module.namedBuffers(prefix: prefix + $0.name + ".") }
    }

    /// The trainable variables, in a stable order (what an optimizer is given).
    public var trainableVariables: [Variable] { namedParameters().map(\.variable) }

    /// Runs `body`, forward and backward passes both, with this module's parameters held
    /// constant: gradients still flow through the module to its inputs, but none is computed for
    /// its own weights. A GAN's generator step backpropagates through the discriminator only to
    /// reach the generator; the discriminator's weight gradients would be thrown away, and not
    /// computing them saves a third of its backward pass.
    public func withParametersFrozen<R>(_ body: () throws -> R) rethrows -> R {
        let variables = trainableVariables
        precondition(variables.allSatisfy(\.requiresGrad), "withParametersFrozen inside another on the same parameters")
        for variable in variables { variable.requiresGrad = false }
        defer { for variable in variables { variable.requiresGrad = true } }
        return try body()
    }

    /// The number of trainable scalars.
    public var parameterCount: Int { trainableVariables.reduce(0) { $0 + $1.value.count } }

    /// Switches this module and all descendants to training or evaluation mode.
    public func setTraining(_ training: Bool) {
        isTraining = training
        for child in children { child.module.setTraining(training) }
    }

    /// Parameters and buffers by full name: what a checkpoint stores.
    public func stateDictionary() -> [String: Tensor] {
        var state: [String: Tensor] = [:]
        for (name, variable) in namedParameters() + namedBuffers() { state[name] = variable.value }
        return state
    }

    /// Loads parameters and buffers saved by `stateDictionary()`. Every tensor must be present
    /// with the right shape; nothing is changed unless all of them are.
    public func loadStateDictionary(_ state: [String: Tensor]) throws {
        let targets = namedParameters() + namedBuffers()
        for (name, variable) in targets {
            guard let tensor = state[name] else { throw ModuleError.missingTensor(name) }
            guard tensor.shape == variable.shape else {
                throw ModuleError.shapeMismatch(name: name, expected: variable.shape, found: tensor.shape)
            }
        }
        let known = Set(targets.map(\.name))
        if let extra = state.keys.sorted().first(where: { !known.contains($0) }) {
            throw ModuleError.unexpectedTensor(extra)
        }
        for (name, variable) in targets { variable.value = state[name]! }
    }
}

/// Why a state dictionary does not fit a module.
public enum ModuleError: Error, CustomStringConvertible, Equatable {
    case missingTensor(String)
    case unexpectedTensor(String)
    case shapeMismatch(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missingTensor(let name): return "model file has no tensor '\(name)'"
        case .unexpectedTensor(let name): return "model file has an unexpected tensor '\(name)' (different architecture?)"
        case .shapeMismatch(let name, let expected, let found):
            return "tensor '\(name)' has shape \(found), the model expects \(expected) (different configuration?)"
        }
    }
}
