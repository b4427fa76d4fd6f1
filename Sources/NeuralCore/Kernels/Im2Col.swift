/// Lowering convolutions to matrix products.
///
/// `im2col` copies every patch the kernel sees into one column of a matrix, so a convolution of
/// a batch of images becomes a single GEMM with the weights; `col2im` is its adjoint, adding each
/// column back onto the pixels it came from. With these two and `transpose` between batch-major
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

    /// Whether the kernel covers the whole unpadded image in one position (the last layer of a
    /// DCGAN discriminator, the first of its generator). Then each image's patch is the image
    /// itself, and the column matrix is the batch `[N, C·H·W]` transposed.
    var coversWholeImage: Bool { padding == 0 && kernelHeight == height && kernelWidth == width }
}

/// Fills `columns` (`[C·kh·kw, N·Ho·Wo]`) with the patches of `images` (`[N, C, H, W]`).
func im2col(_ images: UnsafePointer<Float>, batch: Int, geometry: ConvolutionGeometry,
            columns: UnsafeMutablePointer<Float>) {
    let g = geometry
    if g.coversWholeImage {
        transpose(images, rows: batch, columns: g.patchSize, into: columns)
        return
    }
    let outputHeight = g.outputHeight, outputWidth = g.outputWidth
    let outputPlane = outputHeight * outputWidth, rowLength = batch * outputPlane
    let taps = g.kernelHeight * g.kernelWidth

    // One work item per image plane (c, n): it writes segment n of rows (c, ·, ·), which no other
    // item touches, and reads one plane that stays in cache for all kh·kw taps. Items run
    // channel-major, so consecutive items write consecutive segments of the same kh·kw rows.
    Parallel.forEachRange(batch * g.channels, workPerItem: taps * outputPlane) { items in
        let phases = PolyphasePlane(geometry: g)
        defer { phases.deallocate() }
        for item in items {
            let c = item / batch, n = item % batch
            let plane = phases.load(images + (n * g.channels + c) * g.height * g.width)
            for tap in 0 ..< taps {
                var out = columns + (c * taps + tap) * rowLength + n * outputPlane
                var source = phases.firstPixel(ofTap: tap, in: plane)
                for _ in 0 ..< outputHeight {
                    copyRow(from: source, to: out, count: outputWidth)
                    out += outputWidth
                    source += phases.phaseWidth
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
    if g.coversWholeImage {
        // Every pixel lies under exactly one tap, so the sums are plain copies.
        transpose(columns, rows: g.patchSize, columns: batch, into: images)
        return
    }
    let outputHeight = g.outputHeight, outputWidth = g.outputWidth
    let outputPlane = outputHeight * outputWidth, rowLength = batch * outputPlane
    let taps = g.kernelHeight * g.kernelWidth

    // Work items are image planes, channel-major as in im2col: all the taps that add into plane
    // (n, c) belong to the same item, so the scatter-add needs no synchronisation.
    Parallel.forEachRange(batch * g.channels, workPerItem: taps * outputPlane) { items in
        let phases = PolyphasePlane(geometry: g)
        defer { phases.deallocate() }
        for item in items {
            let c = item / batch, n = item % batch
            let image = images + (n * g.channels + c) * g.height * g.width
            let sums = phases.zeroed(accumulatingInto: image)
            for tap in 0 ..< taps {
                var source = columns + (c * taps + tap) * rowLength + n * outputPlane
                var target = UnsafeMutablePointer(mutating: phases.firstPixel(ofTap: tap, in: sums))
                for _ in 0 ..< outputHeight {
                    addRow(source, into: target, count: outputWidth)
                    source += outputWidth
                    target += phases.phaseWidth
                }
            }
            phases.store(sums, into: image)
        }
    }
}

/// `to[k] = from[k]` for a short row. DCGAN's rows are 4 to 32 floats: too short for the
/// compiler's vector loop to start after its overlap checks, so this moves four floats at a time itself.
@inline(__always)
private func copyRow(from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, count: Int) {
    var k = 0
    while k + 4 <= count {
        UnsafeMutableRawPointer(to + k).storeBytes(of: UnsafeRawPointer(from + k).loadUnaligned(as: SIMD4<Float>.self),
                                                   as: SIMD4<Float>.self)
        k += 4
    }
    while k < count { to[k] = from[k]; k += 1 }
}

/// `to[k] += from[k]` for a short row, four floats at a time like `copyRow`.
@inline(__always)
private func addRow(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>, count: Int) {
    var k = 0
    while k + 4 <= count {
        let sum = UnsafeRawPointer(to + k).loadUnaligned(as: SIMD4<Float>.self)
            + UnsafeRawPointer(from + k).loadUnaligned(as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(to + k).storeBytes(of: sum, as: SIMD4<Float>.self)
        k += 4
    }
    while k < count { to[k] += from[k]; k += 1 }
}

/// One image plane with its zero padding, split into `stride × stride` phases: phase (a, b)
/// holds the padded pixels (y·stride + a, x·stride + b). Kernel tap (i, j) then reads phase
/// (i mod stride, j mod stride) shifted by (i / stride, j / stride): runs of consecutive floats,
/// where the plain plane would need a strided gather for every tap. The split itself costs one
/// pass over a plane that is in cache; the kh·kw taps read it many times over. Padding also
/// removes every bounds test from the tap loops. At stride 1 there is one phase, the padded
/// plane, and without padding as well the image plane is used in place.
///
/// Where each tap starts, and where each image row and each column residue land in the phases,
/// is worked out once here: the loops over pixels then do no division.
private struct PolyphasePlane {
    let height: Int, width: Int, stride: Int
    /// Size of each phase.
    let phaseHeight: Int, phaseWidth: Int
    let storage: UnsafeMutablePointer<Float>?
    /// Offset in the phases of tap (i, j) at output position (0, 0), at index `i · kernelWidth + j`.
    private let tapOffsets: [Int]
    /// Pixel (y, q·stride + r) of the image is at `rowOffsets[y] + residueOffsets[r] + q` in the phases.
    private let rowOffsets: [Int], residueOffsets: [Int]

    init(geometry g: ConvolutionGeometry) {
        (height, width, stride) = (g.height, g.width, g.stride)
        let inPlace = g.stride == 1 && g.padding == 0
        let (phaseHeight, phaseWidth) = inPlace ? (g.height, g.width)
            : ((g.height + 2 * g.padding + g.stride - 1) / g.stride, (g.width + 2 * g.padding + g.stride - 1) / g.stride)
        (self.phaseHeight, self.phaseWidth) = (phaseHeight, phaseWidth)
        let count = stride * stride * phaseHeight * phaseWidth
        storage = inPlace ? nil : .allocate(capacity: count)
        // The padding is written here once; `load` only ever writes the image's own pixels.
        storage?.update(repeating: 0, count: count)

        let (stride, padding) = (g.stride, g.padding)
        tapOffsets = (0 ..< g.kernelHeight * g.kernelWidth).map { tap in
            let (i, j) = (tap / g.kernelWidth, tap % g.kernelWidth)
            return (((i % stride) * stride + j % stride) * phaseHeight + i / stride) * phaseWidth + j / stride
        }
        rowOffsets = (0 ..< g.height).map { y in
            let paddedRow = y + padding
            return ((paddedRow % stride) * stride * phaseHeight + paddedRow / stride) * phaseWidth
        }
        residueOffsets = (0 ..< stride).map { r in
            (r + padding) % stride * phaseHeight * phaseWidth + (r + padding) / stride
        }
    }

    func deallocate() { storage?.deallocate() }

    /// Where tap `i · kernelWidth + j` reads at output position (0, 0); output rows are `phaseWidth` apart.
    func firstPixel(ofTap tap: Int, in phases: UnsafePointer<Float>) -> UnsafePointer<Float> {
        phases + tapOffsets[tap]
    }

    /// The phases of `image`, ready for `firstPixel` (the image itself when used in place).
    func load(_ image: UnsafePointer<Float>) -> UnsafePointer<Float> {
        guard let storage else { return image }
        for y in 0 ..< height {
            let row = image + y * width, phases = storage + rowOffsets[y]
            switch stride {
            case 1:
                (phases + residueOffsets[0]).update(from: row, count: width)
            case 2:
                // Both halves of each pixel pair in one loop, which the compiler turns into
                // vector loads and shuffles.
                let (even, odd) = (phases + residueOffsets[0], phases + residueOffsets[1])
                for q in 0 ..< width / 2 { even[q] = row[2 * q]; odd[q] = row[2 * q + 1] }
                if width % 2 == 1 { even[width / 2] = row[width - 1] }
            default:
                for r in 0 ..< min(stride, width) {
                    let phase = phases + residueOffsets[r]
                    for q in 0 ..< (width - r + stride - 1) / stride { phase[q] = row[q * stride + r] }
                }
            }
        }
        return UnsafePointer(storage)
    }

    /// Zeroed phases to accumulate into, which `store` then writes to `image`.
    func zeroed(accumulatingInto image: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        let target = storage ?? image
        target.update(repeating: 0, count: storage == nil ? height * width : stride * stride * phaseHeight * phaseWidth)
        return target
    }

    /// Copies the image's own pixels from accumulated phases to `image` (nothing to do in place).
    func store(_ phases: UnsafeMutablePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        guard storage != nil else { return }
        for y in 0 ..< height {
            let row = image + y * width, phases = UnsafePointer(phases + rowOffsets[y])
            switch stride {
            case 1:
                row.update(from: phases + residueOffsets[0], count: width)
            case 2:
                let (even, odd) = (phases + residueOffsets[0], phases + residueOffsets[1])
                for q in 0 ..< width / 2 { row[2 * q] = even[q]; row[2 * q + 1] = odd[q] }
                if width % 2 == 1 { row[width - 1] = even[width / 2] }
            default:
                for r in 0 ..< min(stride, width) {
                    let phase = phases + residueOffsets[r]
                    for q in 0 ..< (width - r + stride - 1) / stride { row[q * stride + r] = phase[q] }
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

/// Copies `source`, a `[rows, columns]` matrix of blocks of `block` floats, to `destination` as
/// its transpose `[columns, rows]` of the same blocks. With a block per image plane this moves
/// between the batch-major `[N, C, H·W]` of tensors and the channel-major `[C, N·H·W]` that the
/// convolution GEMMs read and write; with single floats it is a plain matrix transpose.
func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, block: Int = 1,
               into destination: UnsafeMutablePointer<Float>) {
    // Tiles of about 16×16 floats: one side is read along rows and the other written along rows,
    // and a tile keeps both sides' cache lines in use until they are full.
    let tile = max(1, 8 / block)
    Parallel.forEachRange((columns + tile - 1) / tile, workPerItem: tile * rows * block) { columnTiles in
        for columnTile in columnTiles {
            let firstColumn = columnTile * tile, endColumn = min(columns, firstColumn + tile)
            for firstRow in stride(from: 0, to: rows, by: tile) {
                let tileRows = min(rows, firstRow + tile) - firstRow
                for column in firstColumn ..< endColumn {
                    var from = source + (firstRow * columns + column) * block
                    var to = destination + (column * rows + firstRow) * block
                    for _ in 0 ..< tileRows {
                        if block == 1 { to.pointee = from.pointee } else { to.update(from: from, count: block) }
                        from += columns * block
                        to += block
                    }
                }
            }
        }
    }
}
