/// 2-D convolution and transposed convolution on `[N, C, H, W]` batches, each lowered to one
/// GEMM over the whole batch (see `Im2Col.swift`).
///
/// The two operations are each other's adjoints: `convTranspose2d`'s forward pass is `conv2d`'s
/// input gradient and the other way round, so their six passes are the same three GEMM shapes
/// with im2col on one side and col2im on the other.

/// Cross-correlation of `x` (`[N, Cin, H, W]`) with `weight` (`[Cout, Cin, kh, kw]`, PyTorch's
/// layout) plus an optional `bias` (`[Cout]`), like `torch.nn.functional.conv2d`.
public func conv2d(_ x: Variable, weight: Variable, bias: Variable? = nil,
                   stride: Int = 1, padding: Int = 0) -> Variable {
    precondition(x.value.rank == 4 && weight.value.rank == 4 && x.shape[1] == weight.shape[1],
                 "conv2d expects x [N, Cin, H, W] and weight [Cout, Cin, kh, kw], got \(x.shape) and \(weight.shape)")
    precondition(stride >= 1 && padding >= 0, "conv2d needs stride ≥ 1 and padding ≥ 0, got \(stride) and \(padding)")
    precondition(x.value.count > 0 && weight.value.count > 0, "conv2d of an empty tensor: x \(x.shape), weight \(weight.shape)")
    let batch = x.shape[0], outputChannels = weight.shape[0]
    let geometry = ConvolutionGeometry(channels: x.shape[1], height: x.shape[2], width: x.shape[3],
                                       kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
                                       stride: stride, padding: padding)
    precondition(geometry.outputHeight >= 1 && geometry.outputWidth >= 1,
                 "conv2d kernel \(weight.shape[2])×\(weight.shape[3]) does not fit the padded input \(x.shape)")
    let input = x.value, kernel = weight.value
    let patch = geometry.patchSize, positions = batch * geometry.outputHeight * geometry.outputWidth

    // y = W · im2col(x): [Cout, Cin·kh·kw] · [Cin·kh·kw, N·Ho·Wo], then back to batch-major.
    var y = Tensor(batchMajorShape: [batch, outputChannels, geometry.outputHeight, geometry.outputWidth]) { yT in
        ScratchBuffers.with(count: patch * positions) { columns in
            input.withUnsafeBufferPointer { im2col($0.baseAddress!, batch: batch, geometry: geometry, columns: columns.baseAddress!) }
            kernel.withUnsafeBufferPointer { w in
                gemm(transposeA: false, transposeB: false, m: outputChannels, n: positions, k: patch,
                     alpha: 1, a: w.baseAddress!, lda: patch, b: columns.baseAddress!, ldb: positions,
                     beta: 0, c: yT, ldc: positions)
            }
        }
    }
    if let bias { y.addChannelBias(bias.value) }

    let needsInputGradient = x.requiresGrad, needsWeightGradient = weight.requiresGrad
    let parents = bias.map { [x, weight, $0] } ?? [x, weight]
    return Variable(y, parents: parents) { g in
        var inputGradient: Tensor?, weightGradient: Tensor?
        g.withChannelMajorBuffer { gT in
            // The column matrix is rebuilt here rather than kept from the forward pass: redoing
            // im2col costs less than holding tens of megabytes per layer until backward.
            ScratchBuffers.with(count: patch * positions) { columns in
                if needsWeightGradient {
                    input.withUnsafeBufferPointer { im2col($0.baseAddress!, batch: batch, geometry: geometry, columns: columns.baseAddress!) }
                    // dW = dY · colsᵀ: [Cout, N·Ho·Wo] · [N·Ho·Wo, Cin·kh·kw].
                    weightGradient = Tensor(uninitializedShape: kernel.shape) { dw in
                        gemm(transposeA: false, transposeB: true, m: outputChannels, n: patch, k: positions,
                             alpha: 1, a: gT, lda: positions, b: columns.baseAddress!, ldb: positions,
                             beta: 0, c: dw.baseAddress!, ldc: patch)
                    }
                }
                if needsInputGradient {
                    // dcols = Wᵀ · dY, then col2im adds every patch gradient back onto its pixels.
                    kernel.withUnsafeBufferPointer { w in
                        gemm(transposeA: true, transposeB: false, m: patch, n: positions, k: outputChannels,
                             alpha: 1, a: w.baseAddress!, lda: patch, b: gT, ldb: positions,
                             beta: 0, c: columns.baseAddress!, ldc: positions)
                    }
                    inputGradient = Tensor(uninitializedShape: input.shape) { dx in
                        col2im(columns.baseAddress!, batch: batch, geometry: geometry, images: dx.baseAddress!)
                    }
                }
            }
        }
        return [inputGradient, weightGradient, bias == nil ? nil : g.channelSums()]
    }
}

/// The transposed convolution of `x` (`[N, Cin, H, W]`) with `weight` (`[Cin, Cout, kh, kw]`,
/// PyTorch's layout) plus an optional `bias` (`[Cout]`), like
/// `torch.nn.functional.conv_transpose2d`: the gradient of `conv2d` with respect to its input,
/// which upsamples by `stride`. The output is `(H − 1)·stride − 2·padding + kh + outputPadding` high.
public func convTranspose2d(_ x: Variable, weight: Variable, bias: Variable? = nil,
                            stride: Int = 1, padding: Int = 0, outputPadding: Int = 0) -> Variable {
    precondition(x.value.rank == 4 && weight.value.rank == 4 && x.shape[1] == weight.shape[0],
                 "convTranspose2d expects x [N, Cin, H, W] and weight [Cin, Cout, kh, kw], got \(x.shape) and \(weight.shape)")
    precondition(stride >= 1 && padding >= 0 && outputPadding >= 0 && outputPadding < stride,
                 "convTranspose2d needs stride ≥ 1, padding ≥ 0 and 0 ≤ outputPadding < stride, got \(stride), \(padding), \(outputPadding)")
    precondition(x.value.count > 0 && weight.value.count > 0,
                 "convTranspose2d of an empty tensor: x \(x.shape), weight \(weight.shape)")
    let batch = x.shape[0], inputChannels = x.shape[1], outputChannels = weight.shape[1]
    // The geometry is that of the equivalent conv2d, which maps this operation's output back to its input.
    let geometry = ConvolutionGeometry(
        channels: outputChannels,
        height: (x.shape[2] - 1) * stride - 2 * padding + weight.shape[2] + outputPadding,
        width: (x.shape[3] - 1) * stride - 2 * padding + weight.shape[3] + outputPadding,
        kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
    precondition(geometry.height >= 1 && geometry.width >= 1,
                 "convTranspose2d output would be \(geometry.height)×\(geometry.width) for input \(x.shape)")
    let input = x.value, kernel = weight.value
    let patch = geometry.patchSize, positions = batch * x.shape[2] * x.shape[3]

    // cols = Wᵀ · x: [Cout·kh·kw, Cin] · [Cin, N·H·W], then col2im scatters them onto the output.
    var y = Tensor(uninitializedShape: [batch, outputChannels, geometry.height, geometry.width]) { out in
        input.withChannelMajorBuffer { xT in
            ScratchBuffers.with(count: patch * positions) { columns in
                kernel.withUnsafeBufferPointer { w in
                    gemm(transposeA: true, transposeB: false, m: patch, n: positions, k: inputChannels,
                         alpha: 1, a: w.baseAddress!, lda: patch, b: xT, ldb: positions,
                         beta: 0, c: columns.baseAddress!, ldc: positions)
                }
                col2im(columns.baseAddress!, batch: batch, geometry: geometry, images: out.baseAddress!)
            }
        }
    }
    if let bias { y.addChannelBias(bias.value) }

    let needsInputGradient = x.requiresGrad, needsWeightGradient = weight.requiresGrad
    let parents = bias.map { [x, weight, $0] } ?? [x, weight]
    return Variable(y, parents: parents) { g in
        var inputGradient: Tensor?, weightGradient: Tensor?
        ScratchBuffers.with(count: patch * positions) { columns in
            g.withUnsafeBufferPointer { im2col($0.baseAddress!, batch: batch, geometry: geometry, columns: columns.baseAddress!) }
            if needsInputGradient {
                // dx = W · im2col(dY): [Cin, Cout·kh·kw] · [Cout·kh·kw, N·H·W], a plain conv2d of dY.
                inputGradient = Tensor(batchMajorShape: input.shape) { dxT in
                    kernel.withUnsafeBufferPointer { w in
                        gemm(transposeA: false, transposeB: false, m: inputChannels, n: positions, k: patch,
                             alpha: 1, a: w.baseAddress!, lda: patch, b: columns.baseAddress!, ldb: positions,
                             beta: 0, c: dxT, ldc: positions)
                    }
                }
            }
            if needsWeightGradient {
                // dW = x · im2col(dY)ᵀ: [Cin, N·H·W] · [N·H·W, Cout·kh·kw].
                weightGradient = Tensor(uninitializedShape: kernel.shape) { dw in
                    input.withChannelMajorBuffer { xT in
                        gemm(transposeA: false, transposeB: true, m: inputChannels, n: patch, k: positions,
                             alpha: 1, a: xT, lda: positions, b: columns.baseAddress!, ldb: positions,
                             beta: 0, c: dw.baseAddress!, ldc: patch)
                    }
                }
            }
        }
        return [inputGradient, weightGradient, bias == nil ? nil : g.channelSums()]
    }
}

extension Tensor {
    /// Runs `body` with this `[N, C, …]` tensor's values in channel-major order `[C, N·…]`, the
    /// layout the convolution GEMMs read. At N = 1 the two orders coincide and nothing is copied.
    func withChannelMajorBuffer<R>(_ body: (UnsafePointer<Float>) -> R) -> R {
        let batch = shape[0], channels = shape[1], block = count / (batch * channels)
        return withUnsafeBufferPointer { values in
            if batch == 1 { return body(values.baseAddress!) }
            return ScratchBuffers.with(count: count) { scratch in
                transpose(values.baseAddress!, rows: batch, columns: channels, block: block, into: scratch.baseAddress!)
                return body(scratch.baseAddress!)
            }
        }
    }

    /// A `[N, C, …]` tensor whose values `body` writes in channel-major order `[C, N·…]`, the
    /// layout the convolution GEMMs produce. At N = 1 `body` writes the tensor directly.
    init(batchMajorShape shape: [Int], fromChannelMajor body: (UnsafeMutablePointer<Float>) -> Void) {
        let batch = shape[0], channels = shape[1], count = shape.reduce(1, *)
        self.init(uninitializedShape: shape) { out in
            if batch == 1 { body(out.baseAddress!); return }
            ScratchBuffers.with(count: count) { scratch in
                body(scratch.baseAddress!)
                transpose(scratch.baseAddress!, rows: channels, columns: batch, block: count / (batch * channels),
                          into: out.baseAddress!)
            }
        }
    }

    /// Adds `bias[c]` to every element of channel `c` of this `[N, C, …]` tensor.
    mutating func addChannelBias(_ bias: Tensor) {
        let channels = shape[1], block = count / (shape[0] * channels)
        precondition(bias.shape == [channels], "bias \(bias.shape) for \(channels) channels")
        withUnsafeMutableBufferPointer { y in
            bias.withUnsafeBufferPointer { b in
                for plane in 0 ..< y.count / block {
                    let value = b[plane % channels]
                    for k in plane * block ..< (plane + 1) * block { y[k] += value }
                }
            }
        }
    }

    /// The sum of each channel of this `[N, C, …]` tensor: the gradient of a per-channel bias.
    func channelSums() -> Tensor {
        let channels = shape[1], block = count / (shape[0] * channels)
        var sums = [Double](repeating: 0, count: channels)
        withUnsafeBufferPointer { g in
            for plane in 0 ..< g.count / block {
                sums[plane % channels] += Double(VectorizedSums.sum(g.baseAddress! + plane * block, count: block))
            }
        }
        return Tensor(shape: [channels], scalars: sums.map { Float($0) })
    }
}
