/// Sampled sound in memory: 32-bit float samples in [-1, 1], channels interleaved frame by frame.
public struct AudioBuffer: Hashable, Sendable {
    /// Frames per second.
    public var sampleRate: Int
    /// Channels per frame (1 mono, 2 stereo).
    public var channelCount: Int
    /// The samples, `frameCount × channelCount` of them, interleaved (left, right, left, right…).
    public var samples: [Float]

    /// A buffer of interleaved `samples` at `sampleRate` with `channelCount` channels.
    public init(sampleRate: Int, channelCount: Int = 1, samples: [Float]) {
        precondition(sampleRate > 0 && channelCount > 0 && samples.count % channelCount == 0,
                     "an audio buffer needs a positive rate and whole frames")
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.samples = samples
    }

    /// How many frames (sample instants) the buffer holds.
    public var frameCount: Int { samples.count / channelCount }

    /// The length in seconds.
    public var duration: Double { Double(frameCount) / Double(sampleRate) }

    /// The samples of one channel.
    public func channel(_ index: Int) -> [Float] {
        stride(from: index, to: samples.count, by: channelCount).map { samples[$0] }
    }

    /// The largest absolute sample value.
    public var peak: Float { samples.reduce(0) { max($0, abs($1)) } }
}
