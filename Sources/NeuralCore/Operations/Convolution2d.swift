/// 2-D convolution and transposed convolution on `[N, C, H, W]` batches, lowered to GEMMs.
///
/// The two operations are each other's adjoints: `convTranspose2d`'s forward pass is `conv2d`'s
/// input gradient and the other way round, so their six passes are the same three GEMM shapes
/// with im2col on one side and col2im on the other (see `Im2Col.swift`).
///
/// Every pass walks through the batch in chunks of a few images (`ImageChunks`), each thread
/// taking its share of the chunks. A chunk's column matrix then stays in cache between the im2col
/// that writes it and the GEMM that reads it (or the GEMM and the col2im), where one matrix for
/// the whole batch would be tens of megabytes sent to memory and back. The GEMMs work in
/// channel-major order `[C, images·H·W]`; a chunk crosses between that and the tensors'
/// `[N, C, H, W]` in a small transpose, also in cache.

/// Cross-correlation of `x` (`[N, Cin, H, W]`) with `weight` (`[Cout, Cin, kh, kw]`, PyTorch's
/// layout) plus an optional `bias` (`[Cout]`), like `torch.nn.functional.conv2d`.
public func conv2d(_ x: Variable, weight: Variable, bias: Variable? = nil,
                   stride: Int = 1, padding: Int = 0) -> Variable {
    precondition(x.value.rank == 4 && weight.value.rank == 4 && x.shape[1] == weight.shape[1],
                 "conv2d expects x [N, Cin, H, W] and weight [Cout, Cin, kh, kw], got \(x.shape) and \(weight.shape)")
    precondition(stride >= 1 && padding >= 0, "conv2d needs stride ≥ 1 and padding ≥ 0, got \(stride) and \(padding)")
    precondition(x.value.count > 0 && weight.value.count > 0, "conv2d of an empty tensor: x \(x.shape), weight \(weight.shape)")
    let outputChannels = weight.shape[0]
    let geometry = ConvolutionGeometry(channels: x.shape[1], height: x.shape[2], width: x.shape[3],
                                       kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
                                       stride: stride, padding: padding)
    precondition(geometry.outputHeight >= 1 && geometry.outputWidth >= 1,
                 "conv2d kernel \(weight.shape[2])×\(weight.shape[3]) does not fit the padded input \(x.shape)")
    let input = x.value, kernel = weight.value
    let patch = geometry.patchSize, outputPlane = geometry.outputHeight * geometry.outputWidth
    let inputImage = input.count / x.shape[0], outputImage = outputChannels * outputPlane
    let chunks = ImageChunks(batch: x.shape[0], positionsPerImage: outputPlane)

    // Per chunk, y = W · im2col(x): [Cout, Cin·kh·kw] · [Cin·kh·kw, images·Ho·Wo].
    var y = Tensor(uninitializedShape: [x.shape[0], outputChannels, geometry.outputHeight, geometry.outputWidth]) { out in
        Tensor.withUnsafeBufferPointers([input, kernel]) { p in
            let (x, w, y) = (p[0].baseAddress!, p[1].baseAddress!, out.baseAddress!)
            chunks.forEach { images in
                let positions = images.count * outputPlane
                ScratchBuffers.with(count: patch * positions) { columns in
                    im2col(x + images.lowerBound * inputImage, batch: images.count, geometry: geometry, columns: columns.baseAddress!)
                    writingChannelMajor(into: y + images.lowerBound * outputImage, images: images.count,
                                        channels: outputChannels, plane: outputPlane) { yT in
                        gemm(transposeA: false, transposeB: false, m: outputChannels, n: positions, k: patch,
                             alpha: 1, a: w, lda: patch, b: columns.baseAddress!, ldb: positions,
                             beta: 0, c: yT, ldc: positions)
                    }
                }
            }
        }
    }
    if let bias { y.addChannelBias(bias.value) }

    let needsWeightGradient = weight.requiresGrad
    let parents = bias.map { [x, weight, $0] } ?? [x, weight]
    return Variable(y, parents: parents) { g in
        let (inputGradient, weightGradient) = Tensor.optional(shape: input.shape, if: x.requiresGrad) { dx in
            Tensor.withUnsafeBufferPointers([g, input, kernel]) { p in
                let (g, x, w) = (p[0].baseAddress!, p[1].baseAddress!, p[2].baseAddress!)
                return chunks.forEach(summingInto: needsWeightGradient ? kernel.shape : nil) { images, accumulate, dw in
                    let positions = images.count * outputPlane
                    readingChannelMajor(g + images.lowerBound * outputImage, images: images.count,
                                        channels: outputChannels, plane: outputPlane) { gT in
                        // The column matrix is rebuilt here rather than kept from the forward pass:
                        // redoing one chunk's im2col costs less than holding every layer's until backward.
                        ScratchBuffers.with(count: patch * positions) { columns in
                            if let dw {
                                im2col(x + images.lowerBound * inputImage, batch: images.count, geometry: geometry,
                                       columns: columns.baseAddress!)
                                // dW += dY · colsᵀ: [Cout, images·Ho·Wo] · [images·Ho·Wo, Cin·kh·kw].
                                gemm(transposeA: false, transposeB: true, m: outputChannels, n: patch, k: positions,
                                     alpha: 1, a: gT, lda: positions, b: columns.baseAddress!, ldb: positions,
                                     beta: accumulate ? 1 : 0, c: dw, ldc: patch)
                            }
                            if let dx {
                                // dcols = Wᵀ · dY, then col2im adds every patch gradient back onto its pixels.
                                gemm(transposeA: true, transposeB: false, m: patch, n: positions, k: outputChannels,
                                     alpha: 1, a: w, lda: patch, b: gT, ldb: positions,
                                     beta: 0, c: columns.baseAddress!, ldc: positions)
                                col2im(columns.baseAddress!, batch: images.count, geometry: geometry,
                                       images: dx + images.lowerBound * inputImage)
                            }
                        }
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
    let inputChannels = x.shape[1], outputChannels = weight.shape[1]
    // The geometry is that of the equivalent conv2d, which maps this operation's output back to its input.
    let geometry = ConvolutionGeometry(
        channels: outputChannels,
        height: (x.shape[2] - 1) * stride - 2 * padding + weight.shape[2] + outputPadding,
        width: (x.shape[3] - 1) * stride - 2 * padding + weight.shape[3] + outputPadding,
        kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
    precondition(geometry.height >= 1 && geometry.width >= 1,
                 "convTranspose2d output would be \(geometry.height)×\(geometry.width) for input \(x.shape)")
    let input = x.value, kernel = weight.value
    let patch = geometry.patchSize, inputPlane = x.shape[2] * x.shape[3]
    let inputImage = inputChannels * inputPlane, outputImage = outputChannels * geometry.height * geometry.width
    let chunks = ImageChunks(batch: x.shape[0], positionsPerImage: inputPlane)

    // Per chunk, cols = Wᵀ · x: [Cout·kh·kw, Cin] · [Cin, images·H·W], then col2im scatters them onto the output.
    var y = Tensor(uninitializedShape: [x.shape[0], outputChannels, geometry.height, geometry.width]) { out in
        Tensor.withUnsafeBufferPointers([input, kernel]) { p in
            let (x, w, y) = (p[0].baseAddress!, p[1].baseAddress!, out.baseAddress!)
            chunks.forEach { images in
                let positions = images.count * inputPlane
                ScratchBuffers.with(count: patch * positions) { columns in
                    readingChannelMajor(x + images.lowerBound * inputImage, images: images.count,
                                        channels: inputChannels, plane: inputPlane) { xT in
                        gemm(transposeA: true, transposeB: false, m: patch, n: positions, k: inputChannels,
                             alpha: 1, a: w, lda: patch, b: xT, ldb: positions,
                             beta: 0, c: columns.baseAddress!, ldc: positions)
                    }
                    col2im(columns.baseAddress!, batch: images.count, geometry: geometry,
                           images: y + images.lowerBound * outputImage)
                }
            }
        }
    }
    if let bias { y.addChannelBias(bias.value) }

    let needsWeightGradient = weight.requiresGrad
    let parents = bias.map { [x, weight, $0] } ?? [x, weight]
    return Variable(y, parents: parents) { g in
        let (inputGradient, weightGradient) = Tensor.optional(shape: input.shape, if: x.requiresGrad) { dx in
            Tensor.withUnsafeBufferPointers([g, input, kernel]) { p in
                let (g, x, w) = (p[0].baseAddress!, p[1].baseAddress!, p[2].baseAddress!)
                return chunks.forEach(summingInto: needsWeightGradient ? kernel.shape : nil) { images, accumulate, dw in
                    let positions = images.count * inputPlane
                    ScratchBuffers.with(count: patch * positions) { columns in
                        im2col(g + images.lowerBound * outputImage, batch: images.count, geometry: geometry,
                               columns: columns.baseAddress!)
                        if let dx {
                            // dx = W · im2col(dY): [Cin, Cout·kh·kw] · [Cout·kh·kw, images·H·W], a plain conv2d of dY.
                            writingChannelMajor(into: dx + images.lowerBound * inputImage, images: images.count,
                                                channels: inputChannels, plane: inputPlane) { dxT in
                                gemm(transposeA: false, transposeB: false, m: inputChannels, n: positions, k: patch,
                                     alpha: 1, a: w, lda: patch, b: columns.baseAddress!, ldb: positions,
                                     beta: 0, c: dxT, ldc: positions)
                            }
                        }
                        if let dw {
                            // dW += x · im2col(dY)ᵀ: [Cin, images·H·W] · [images·H·W, Cout·kh·kw].
                            readingChannelMajor(x + images.lowerBound * inputImage, images: images.count,
                                                channels: inputChannels, plane: inputPlane) { xT in
                                gemm(transposeA: false, transposeB: true, m: inputChannels, n: patch, k: positions,
                                     alpha: 1, a: xT, lda: positions, b: columns.baseAddress!, ldb: positions,
                                     beta: accumulate ? 1 : 0, c: dw, ldc: patch)
                            }
                        }
                    }
                }
            }
        }
        return [inputGradient, weightGradient, bias == nil ? nil : g.channelSums()]
    }
}

extension Tensor {
    /// Runs `body` with the storage of a new `shape` tensor, which it must fill, or with nil if
    /// the tensor is not `needed`; returns the tensor and what `body` returned.
    static func optional<R>(shape: [Int], if needed: Bool,
                            _ body: (UnsafeMutablePointer<Float>?) -> R) -> (Tensor?, R) {
        guard needed else { return (nil, body(nil)) }
        var result: R?
        let tensor = Tensor(uninitializedShape: shape) { result = body($0.baseAddress!) }
        return (tensor, result!)
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
