/// Nearest-neighbour upsampling of `x` (`[N, C, H, W]`) by a whole-number `scale`: every pixel
/// becomes a `scale × scale` block, like `torch.nn.functional.interpolate(x, scale_factor=scale)`.
/// Followed by a convolution it is the "resize-convolution" that avoids the checkerboard
/// artefacts of strided transposed convolutions.
public func upsampleNearest(_ x: Variable, scale: Int) -> Variable {
    precondition(x.value.rank == 4 && x.value.count > 0, "upsampleNearest expects a non-empty [N, C, H, W], got \(x.shape)")
    precondition(scale >= 1, "upsampleNearest needs a scale ≥ 1, got \(scale)")
    let planes = x.shape[0] * x.shape[1], height = x.shape[2], width = x.shape[3]
    let outputWidth = width * scale, outputPlane = height * scale * outputWidth

    let y = x.value.withUnsafeBufferPointer { input in
        Tensor(uninitializedShape: [x.shape[0], x.shape[1], height * scale, width * scale]) { out in
            Parallel.forEachRange(planes, workPerItem: outputPlane) { range in
                for p in range {
                    for h in 0 ..< height {
                        // Widen one input row, then repeat the widened row `scale` times.
                        let row = out.baseAddress! + p * outputPlane + h * scale * outputWidth
                        let source = input.baseAddress! + (p * height + h) * width
                        for w in 0 ..< width {
                            (row + w * scale).update(repeating: source[w], count: scale)
                        }
                        for copy in 1 ..< scale { (row + copy * outputWidth).update(from: row, count: outputWidth) }
                    }
                }
            }
        }
    }

    return Variable(y, parents: [x]) { g in
        // Each input pixel was copied to a block, so its gradient is the block's sum.
        var gradient = Tensor(zeros: x.shape)
        gradient.withUnsafeMutableBufferPointer { dx in
            g.withUnsafeBufferPointer { dy in
                for p in 0 ..< planes {
                    for h in 0 ..< height {
                        let target = dx.baseAddress! + (p * height + h) * width
                        for copy in 0 ..< scale {
                            let row = dy.baseAddress! + p * outputPlane + (h * scale + copy) * outputWidth
                            for w in 0 ..< width {
                                for k in 0 ..< scale { target[w] += row[w * scale + k] }
                            }
                        }
                    }
                }
            }
        }
        return [gradient]
    }
}
