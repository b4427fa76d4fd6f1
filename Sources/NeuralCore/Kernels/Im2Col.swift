/// Lowering convolutions to matrix products.
///
/// `im2col` copies every patch the kernel sees into one column of a matrix, so a convolution of
/// a whole batch becomes a single GEMM with the weights; `col2im` is its adjoint, adding each
/// column back onto the pixels it came from. With these two and a change between batch-major
/// `[N, C, S]` and channel-major `[C, N·S]` layouts, all six convolution kernels (conv2d and
/// convTranspose2d, forward and both gradients) are GEMMs.
///
/// The column matrix has shape `[C·kh·kw, N·Ho·Wo]`: row `(c, i, j)` holds, for every output
/// position of every image, the input pixel under kernel tap `(i, j)` of channel `c` (zero where
/// the tap lies in the padding).

/// Where a kernel sits on an image: the image's size, the kernel's, the stride and the zero
/// padding, and from them the size of the grid of kernel positions (the output).
public struct ConvolutionGeometry: Equatable {
    /// Channels, height and width of the image the kernel slides over.
    public var channels: Int, height: Int, width: Int
    /// Kernel height and width.
    public var kernelHeight: Int, kernelWidth: Int
    /// Step between kernel positions, and zeros added on every side, in pixels.
    public var stride: Int, padding: Int

    /// Number of kernel positions down the image.
    public var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    /// Number of kernel positions across the image.
    public var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    /// Rows of the column matrix: one per (channel, kernel row, kernel column).
    public var patchSize: Int { channels * kernelHeight * kernelWidth }

    /// The output positions along one axis at which kernel tap `tap` lands inside the image
    /// rather than in the padding. Computing this range once per tap keeps bounds tests out of
    /// the inner loops.
    func positionsInside(tap: Int, imageSize: Int, outputSize: Int) -> Range<Int> {
        // Position o reads pixel o·stride − padding + tap, which must lie in 0 ..< imageSize.
        let first = padding > tap ? min(outputSize, (padding - tap + stride - 1) / stride) : 0
        let lastPixelReach = imageSize - 1 + padding - tap
        let end = lastPixelReach >= 0 ? min(outputSize, lastPixelReach / stride + 1) : 0
        return first ..< max(first, end)
    }
}

/// Fills `columns` (`[C·kh·kw, N·Ho·Wo]`) with the patches of `images` (`[N, C, H, W]`).
func im2col(_ images: UnsafePointer<Float>, batch: Int, geometry: ConvolutionGeometry,
            columns: UnsafeMutablePointer<Float>) {
    let g = geometry
    let outputHeight = g.outputHeight, outputWidth = g.outputWidth
    let outputPlane = outputHeight * outputWidth, rowLength = batch * outputPlane
    let rowsInside = (0 ..< g.kernelHeight).map { g.positionsInside(tap: $0, imageSize: g.height, outputSize: outputHeight) }
    let columnsInside = (0 ..< g.kernelWidth).map { g.positionsInside(tap: $0, imageSize: g.width, outputSize: outputWidth) }

    // One work item per image plane (n, c): it writes the segments n of rows (c, ·, ·), which no
    // other item touches, and reads one plane that stays in cache for all kh·kw taps.
    Parallel.forEachRange(batch * g.channels, workPerItem: g.kernelHeight * g.kernelWidth * outputPlane) { items in
        for item in items {
            let n = item / g.channels, c = item % g.channels
            let plane = images + item * g.height * g.width
            for i in 0 ..< g.kernelHeight {
                let rows = rowsInside[i]
                for j in 0 ..< g.kernelWidth {
                    let cols = columnsInside[j]
                    let segment = columns + ((c * g.kernelHeight + i) * g.kernelWidth + j) * rowLength + n * outputPlane
                    // Output rows whose tap falls in the top or bottom padding read zeros.
                    segment.update(repeating: 0, count: rows.lowerBound * outputWidth)
                    (segment + rows.upperBound * outputWidth)
                        .update(repeating: 0, count: (outputHeight - rows.upperBound) * outputWidth)
                    for oh in rows {
                        let out = segment + oh * outputWidth
                        let input = plane + (oh * g.stride - g.padding + i) * g.width
                            + cols.lowerBound * g.stride - g.padding + j
                        out.update(repeating: 0, count: cols.lowerBound)
                        (out + cols.upperBound).update(repeating: 0, count: outputWidth - cols.upperBound)
                        let inside = out + cols.lowerBound
                        if g.stride == 1 {
                            inside.update(from: input, count: cols.count)
                        } else {
                            for k in 0 ..< cols.count { inside[k] = input[k * g.stride] }
                        }
                    }
                }
            }
        }
    }
}

/// Overwrites `images` (`[N, C, H, W]`) with the sum, at every pixel, of the column entries
/// that `im2col` would have copied from it: the adjoint of `im2col`.
func col2im(_ columns: UnsafePointer<Float>, batch: Int, geometry: ConvolutionGeometry,
            images: UnsafeMutablePointer<Float>) {
    let g = geometry
    let outputHeight = g.outputHeight, outputWidth = g.outputWidth
    let outputPlane = outputHeight * outputWidth, rowLength = batch * outputPlane
    let rowsInside = (0 ..< g.kernelHeight).map { g.positionsInside(tap: $0, imageSize: g.height, outputSize: outputHeight) }
    let columnsInside = (0 ..< g.kernelWidth).map { g.positionsInside(tap: $0, imageSize: g.width, outputSize: outputWidth) }

    // Work items are image planes, as in im2col: all the taps that add into plane (n, c) belong
    // to the same item, so the scatter-add needs no synchronisation.
    Parallel.forEachRange(batch * g.channels, workPerItem: g.kernelHeight * g.kernelWidth * outputPlane) { items in
        for item in items {
            let n = item / g.channels, c = item % g.channels
            let plane = images + item * g.height * g.width
            plane.update(repeating: 0, count: g.height * g.width)
            for i in 0 ..< g.kernelHeight {
                let rows = rowsInside[i]
                for j in 0 ..< g.kernelWidth {
                    let cols = columnsInside[j]
                    let segment = columns + ((c * g.kernelHeight + i) * g.kernelWidth + j) * rowLength + n * outputPlane
                    for oh in rows {
                        let source = segment + oh * outputWidth + cols.lowerBound
                        let out = plane + (oh * g.stride - g.padding + i) * g.width
                            + cols.lowerBound * g.stride - g.padding + j
                        if g.stride == 1 {
                            for k in 0 ..< cols.count { out[k] += source[k] }
                        } else {
                            for k in 0 ..< cols.count { out[k * g.stride] += source[k] }
                        }
                    }
                }
            }
        }
    }
}

/// Plain reference for `im2col`: one bounds test per element, straight from the definition.
func im2colReference(_ images: UnsafePointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                     columns: UnsafeMutablePointer<Float>) {
    let outputHeight = g.outputHeight, outputWidth = g.outputWidth
    let rowLength = batch * outputHeight * outputWidth
    for c in 0 ..< g.channels { for i in 0 ..< g.kernelHeight { for j in 0 ..< g.kernelWidth {
        let row = (c * g.kernelHeight + i) * g.kernelWidth + j
        for n in 0 ..< batch { for oh in 0 ..< outputHeight { for ow in 0 ..< outputWidth {
            let y = oh * g.stride - g.padding + i, x = ow * g.stride - g.padding + j
            let inside = y >= 0 && y < g.height && x >= 0 && x < g.width
            columns[row * rowLength + (n * outputHeight + oh) * outputWidth + ow] =
                inside ? images[((n * g.channels + c) * g.height + y) * g.width + x] : 0
        } } }
    } } }
}

/// Plain reference for `col2im`.
func col2imReference(_ columns: UnsafePointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                     images: UnsafeMutablePointer<Float>) {
    let outputHeight = g.outputHeight, outputWidth = g.outputWidth
    let rowLength = batch * outputHeight * outputWidth
    images.update(repeating: 0, count: batch * g.channels * g.height * g.width)
    for c in 0 ..< g.channels { for i in 0 ..< g.kernelHeight { for j in 0 ..< g.kernelWidth {
        let row = (c * g.kernelHeight + i) * g.kernelWidth + j
        for n in 0 ..< batch { for oh in 0 ..< outputHeight { for ow in 0 ..< outputWidth {
            let y = oh * g.stride - g.padding + i, x = ow * g.stride - g.padding + j
            if y >= 0 && y < g.height && x >= 0 && x < g.width {
                images[((n * g.channels + c) * g.height + y) * g.width + x] +=
                    columns[row * rowLength + (n * outputHeight + oh) * outputWidth + ow]
            }
        } } }
    } } }
}

/// Copies `source`, laid out `[outer, inner, block]`, to `destination` as `[inner, outer, block]`:
/// between the batch-major `[N, C, H·W]` of tensors and the channel-major `[C, N·H·W]` that
/// the convolution GEMMs read and write.
func swapOuterAxes(_ source: UnsafePointer<Float>, outer: Int, inner: Int, block: Int,
                   into destination: UnsafeMutablePointer<Float>) {
    Parallel.forEachRange(outer, workPerItem: inner * block) { range in
        for a in range {
            for b in 0 ..< inner {
                (destination + (b * outer + a) * block).update(from: source + (a * inner + b) * block, count: block)
            }
        }
    }
}
