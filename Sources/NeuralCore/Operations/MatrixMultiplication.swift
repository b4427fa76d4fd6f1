/// Matrix products and the affine map of a fully-connected layer.
extension Variable {
    /// `[m, k] · [k, n]`.
    public static func matmul(_ a: Variable, _ b: Variable) -> Variable {
        Variable(Tensor.matmul(a.value, b.value), parents: [a, b]) { g in
            [Tensor.matmul(g, b.value, transposeB: true),            // dA = G · Bᵀ
             Tensor.matmul(a.value, g, transposeA: true)]            // dB = Aᵀ · G
        }
    }
}

/// `y = x · Wᵀ + b` for `x: [N, in]`, `weight: [out, in]` (PyTorch's layout), `bias: [out]`.
public func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
    precondition(x.value.rank == 2, "linear expects [batch, features], got \(x.shape)")
    var y = Tensor.matmul(x.value, weight.value, transposeB: true)
    if let bias { y.addRowVector(bias.value) }
    let parents = bias.map { [x, weight, $0] } ?? [x, weight]
    return Variable(y, parents: parents) { g in
        [Tensor.matmul(g, weight.value),                       // dx = G · W
         Tensor.matmul(g, x.value, transposeA: true),          // dW = Gᵀ · x
         bias == nil ? nil : g.sum(alongAxis: 0)]
    }
}

extension Tensor {
    /// Adds `row` (shape `[columns]`) to every row of this `[rows, columns]` matrix in place.
    mutating func addRowVector(_ row: Tensor) {
        let columns = row.count
        precondition(shape.last == columns, "adding a row of \(columns) to \(shape)")
        withUnsafeMutableBufferPointer { y in
            row.withUnsafeBufferPointer { r in
                for base in stride(from: 0, to: y.count, by: columns) {
                    for c in 0 ..< columns { y[base + c] += r[c] }
                }
            }
        }
    }
}
