/// Looks up one row of `table` (`[vocabularySize, features]`) per index: the result has shape
/// `shape + [features]`, where `shape` describes how the flat `indices` are arranged
/// (`[time, batch]` for a sequence model).
///
/// It is the product of a one-hot matrix with the table, done without building the one-hot
/// matrix; the backward pass is that product's adjoint, a scatter-add of each output row's
/// gradient into the row it was read from (a row read twice receives both gradients).
public func embedding(_ indices: [Int], shape: [Int], table: Variable) -> Variable {
    precondition(table.value.rank == 2, "embedding table must be [vocabulary, features], got \(table.shape)")
    precondition(shape.reduce(1, *) == indices.count, "shape \(shape) does not hold \(indices.count) indices")
    let vocabularySize = table.shape[0], features = table.shape[1]
    for index in indices {
        precondition(index >= 0 && index < vocabularySize, "index \(index) outside a vocabulary of \(vocabularySize)")
    }
    let output = table.value.withUnsafeBufferPointer { rows in
        Tensor(uninitializedShape: shape + [features]) { out in
            for (position, index) in indices.enumerated() {
                let source = rows.baseAddress! + index * features
                (out.baseAddress! + position * features).update(from: source, count: features)
            }
        }
    }
    return Variable(output, parents: [table]) { g in
        var tableGradient = Tensor(zeros: [vocabularySize, features])
        tableGradient.withUnsafeMutableBufferPointer { rows in
            g.withUnsafeBufferPointer { upstream in
                for (position, index) in indices.enumerated() {
                    let source = upstream.baseAddress! + position * features
                    let target = rows.baseAddress! + index * features
                    for feature in 0 ..< features { target[feature] += source[feature] }
                }
            }
        }
        return [tableGradient]
    }
}
