import XCTest
@testable import NeuralCore

/// Finite-difference gradient checking, used by every operation's tests.
///
/// The loss is `Σ f(inputs) ⊙ R` for a fixed random `R`, so every output element contributes with
/// a different weight. Central differences in Float32 with a step of 1e-2 keep truncation and
/// rounding errors both near 1e-4 for inputs of order one; tolerances are set accordingly.
func assertGradientsMatchFiniteDifferences(
    _ inputs: [Variable],
    step: Float = 1e-2, relativeTolerance: Float = 2e-2, absoluteTolerance: Float = 2e-3,
    maximumChecksPerInput: Int = 48,
    file: StaticString = #filePath, line: UInt = #line,
    _ function: ([Variable]) -> Variable
) {
    if let mismatch = gradientMismatch(inputs, step: step, relativeTolerance: relativeTolerance,
                                       absoluteTolerance: absoluteTolerance,
                                       maximumChecksPerInput: maximumChecksPerInput, function) {
        XCTFail(mismatch, file: file, line: line)
    }
}

/// The first disagreement between backward() and finite differences, or nil if there is none.
func gradientMismatch(
    _ inputs: [Variable],
    step: Float = 1e-2, relativeTolerance: Float = 2e-2, absoluteTolerance: Float = 2e-3,
    maximumChecksPerInput: Int = 48,
    _ function: ([Variable]) -> Variable
) -> String? {
    var generator = RandomGenerator(seed: 7)
    let probe = function(inputs)
    let weights = Variable(Initializer.uniform(probe.shape, bound: 1, generator: &generator))
    func loss() -> Float { (function(inputs) * weights).sum().value.scalar }

    for input in inputs { input.grad = nil }
    (function(inputs) * weights).sum().backward()

    for (inputIndex, input) in inputs.enumerated() where input.requiresGrad {
        guard let analytic = input.grad else { return "input \(inputIndex) received no gradient" }
        let stride = max(1, input.value.count / maximumChecksPerInput)
        for element in Swift.stride(from: 0, to: input.value.count, by: stride) {
            let original = input.value.scalars[element]
            input.value.scalars[element] = original + step
            let plus = loss()
            input.value.scalars[element] = original - step
            let minus = loss()
            input.value.scalars[element] = original
            let numeric = (plus - minus) / (2 * step)
            let difference = abs(numeric - analytic.scalars[element])
            if difference > absoluteTolerance + relativeTolerance * abs(numeric) {
                return "input \(inputIndex)[\(element)]: analytic \(analytic.scalars[element]), numeric \(numeric)"
            }
        }
    }
    return nil
}

/// A trainable leaf of the given shape with values drawn uniformly from [-1, 1).
func randomVariable(_ shape: [Int], seed: UInt64, requiresGrad: Bool = true) -> Variable {
    var generator = RandomGenerator(seed: seed)
    return Variable(Initializer.uniform(shape, bound: 1, generator: &generator), requiresGrad: requiresGrad)
}
