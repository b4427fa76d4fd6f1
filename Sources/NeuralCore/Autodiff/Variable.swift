/// A tensor that remembers how it was computed, so gradients can flow back to its inputs.
///
/// Reverse-mode autodiff in the micrograd style: every operation on variables returns a new
/// variable holding its parents and a closure that maps the output's gradient to one gradient
/// per parent. `backward()` walks that graph once in reverse topological order. Operations are
/// coarse (a whole convolution, a whole LSTM sequence), so the graph stays small and the
/// bookkeeping cost is negligible next to the arithmetic.
public final class Variable {
    /// The current value.
    public var value: Tensor
    /// The accumulated gradient of the loss with respect to `value`, once `backward()` has run.
    public var grad: Tensor?
    /// Whether gradients are wanted for this variable (parameters, and anything computed from them).
    /// Only a parameter's changes, and only for a while: see `Module.withParametersFrozen`.
    public internal(set) var requiresGrad: Bool

    /// Maps this variable's gradient to a gradient for each parent (`nil` where a parent gets none).
    public typealias Backward = (Tensor) -> [Tensor?]

    private var parents: [Variable]
    private var backwardFunction: Backward?

    /// A leaf: an input (`requiresGrad: false`) or a trainable parameter (`requiresGrad: true`).
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.value = value
        self.requiresGrad = requiresGrad
        self.parents = []
    }

    /// The result of an operation. The graph edge is recorded only when gradients are enabled and
    /// some parent needs one, so inference under `withoutGradients` builds no graph at all.
    public init(_ value: Tensor, parents: [Variable], backward: @escaping Backward) {
        self.value = value
        let needed = GradientMode.isEnabled && parents.contains { $0.requiresGrad }
        self.requiresGrad = needed
        self.parents = needed ? parents : []
        self.backwardFunction = needed ? backward : nil
    }

    /// The shape of `value`.
    public var shape: [Int] { value.shape }

    /// Computes the gradient of this variable (a scalar loss, unless `seed` is given) with respect
    /// to every variable it depends on, accumulating into their `grad`. The graph is released
    /// afterwards, so each forward pass supports one backward pass.
    public func backward(seed: Tensor? = nil) {
        precondition(requiresGrad, "backward() on a variable that does not depend on any parameter")
        precondition(seed != nil || value.count == 1, "backward() without a seed needs a scalar, got \(shape)")
        let order = topologicalOrder()
        accumulate(seed ?? Tensor(repeating: 1, shape: shape))
        for node in order.reversed() {
            guard let function = node.backwardFunction, let gradient = node.grad else { continue }
            let parentGradients = function(gradient)
            for (parent, parentGradient) in zip(node.parents, parentGradients) {
                if parent.requiresGrad, let parentGradient { parent.accumulate(parentGradient) }
            }
            // Intermediate results are not needed once their gradient has been passed on.
            node.backwardFunction = nil
            node.parents = []
            node.grad = nil
        }
    }

    private func accumulate(_ gradient: Tensor) {
        precondition(gradient.shape == shape, "gradient of shape \(gradient.shape) for a variable of shape \(shape)")
        if grad == nil { grad = gradient } else { grad!.add(gradient) }
    }

    /// Every variable this one depends on, each after all of its own parents.
    private func topologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative depth-first search: a long unrolled LSTM would overflow a recursive one.
        var stack: [(Variable, Bool)] = [(self, false)]
        while let (node, childrenDone) = stack.popLast() {
            if childrenDone { order.append(node); continue }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents where parent.requiresGrad && !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        return order
    }
}
