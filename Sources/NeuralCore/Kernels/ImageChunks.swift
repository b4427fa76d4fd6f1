/// A batch of images cut into chunks of consecutive images, and the chunks shared out among the
/// threads: how the convolutions walk through a batch (see `Convolution2d.swift`).
struct ImageChunks {
    let batch: Int
    let imagesPerChunk: Int
    /// The number of threads at work, each on a contiguous run of chunks.
    let parts: Int

    /// Chunks for a GEMM that spends `positionsPerImage` columns on each image.
    init(batch: Int, positionsPerImage: Int) {
        let threads = Parallel.availableThreads
        // About 256 GEMM columns per chunk: enough for OpenBLAS's kernels to run at full speed, and
        // at DCGAN's sizes a column matrix of at most 1 MB, which stays in a core's own L2 cache.
        // With 512 columns (2 MB, out in the L3 cache the machine's other tenants share) the DCGAN
        // step measured the same at best but 10% slower in about a third of runs. Each thread
        // gets at least one chunk while the batch has images enough.
        self.batch = batch
        imagesPerChunk = max(1, min((batch + threads - 1) / threads, 256 / positionsPerImage))
        parts = min(threads, (batch + imagesPerChunk - 1) / imagesPerChunk)
    }

    var count: Int { (batch + imagesPerChunk - 1) / imagesPerChunk }

    /// The images of chunk `chunk`.
    func images(_ chunk: Int) -> Range<Int> { chunk * imagesPerChunk ..< min(batch, (chunk + 1) * imagesPerChunk) }

    /// Runs `body` on every chunk's images, the threads in parallel.
    func forEach(_ body: (Range<Int>) -> Void) {
        Parallel.forEachPart(parts) { part in
            for chunk in chunks(ofPart: part) { body(images(chunk)) }
        }
    }

    /// Runs `body` on every chunk's images, like `forEach`, and returns the sum of what the
    /// chunks add into a `shape` tensor (nil if `shape` is nil, and then `body` gets no sum).
    /// `body(images, accumulate, sum)` overwrites `sum` when `accumulate` is false and adds into
    /// it otherwise. Each thread sums into its own buffer, and the buffers are added in a fixed order.
    func forEach(summingInto shape: [Int]?,
                 _ body: (_ images: Range<Int>, _ accumulate: Bool, _ sum: UnsafeMutablePointer<Float>?) -> Void) -> Tensor? {
        guard let shape else {
            forEach { body($0, false, nil) }
            return nil
        }
        let count = shape.reduce(1, *)
        return Tensor(uninitializedShape: shape) { total in
            ScratchBuffers.with(count: (parts - 1) * count) { partials in
                Parallel.forEachPart(parts) { part in
                    let sum = part == 0 ? total.baseAddress! : partials.baseAddress! + (part - 1) * count
                    for chunk in chunks(ofPart: part) { body(images(chunk), chunk > chunks(ofPart: part).lowerBound, sum) }
                }
                for part in 1 ..< max(parts, 1) {
                    let partial = partials.baseAddress! + (part - 1) * count
                    for k in 0 ..< count { total[k] += partial[k] }
                }
            }
        }
    }

    private func chunks(ofPart part: Int) -> Range<Int> { count * part / parts ..< count * (part + 1) / parts }
}

/// Runs `body` with a buffer for `images` images' values in channel-major order `[C, images·plane]`,
/// the layout a convolution GEMM writes, then stores them at `destination` in the tensors'
/// batch-major order `[images, C, plane]`. For one image the two orders coincide and `body`
/// writes `destination` itself.
func writingChannelMajor(into destination: UnsafeMutablePointer<Float>, images: Int, channels: Int, plane: Int,
                         _ body: (UnsafeMutablePointer<Float>) -> Void) {
    if images == 1 { body(destination); return }
    ScratchBuffers.with(count: images * channels * plane) { scratch in
        body(scratch.baseAddress!)
        transpose(scratch.baseAddress!, rows: channels, columns: images, block: plane, into: destination)
    }
}

/// Runs `body` with `images` images' values from `source` (batch-major `[images, C, plane]`) in
/// the channel-major order `[C, images·plane]` that a convolution GEMM reads; for one image,
/// `source` itself.
func readingChannelMajor<R>(_ source: UnsafePointer<Float>, images: Int, channels: Int, plane: Int,
                            _ body: (UnsafePointer<Float>) -> R) -> R {
    if images == 1 { return body(source) }
    return ScratchBuffers.with(count: images * channels * plane) { scratch in
        transpose(source, rows: images, columns: channels, block: plane, into: scratch.baseAddress!)
        return body(scratch.baseAddress!)
    }
}
