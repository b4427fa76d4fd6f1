import AtomicWrite
import CSndFile
import Foundation

/// WAV files through libsndfile: 16-bit PCM or 32-bit float, any channel count and sample rate.
/// Encoding happens in memory (libsndfile's virtual I/O), so the file on disk is written in one
/// atomic step and is never seen half-written; the same samples always give the same bytes.
public enum WAVFile {
    /// How samples are stored.
    public enum SampleFormat: Sendable {
        /// 16-bit signed integers: sample × 32768, rounded and clipped.
        case pcm16
        /// 32-bit IEEE floats, exactly as in memory.
        case float32
    }

    /// The bytes of a WAV file holding `audio`.
    public static func encode(_ audio: AudioBuffer, as format: SampleFormat = .pcm16) throws -> Data {
        let memory = SoundFileMemory(bytes: [])
        var info = SF_INFO()
        info.samplerate = Int32(audio.sampleRate)
        info.channels = Int32(audio.channelCount)
        info.format = Int32(SF_FORMAT_WAV) | Int32(format == .pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT)
        guard sf_format_check(&info) != 0 else { throw WAVError.unsupported("\(audio.channelCount) channels at \(audio.sampleRate) Hz") }
        var callbacks = SoundFileMemory.callbacks
        let unmanaged = Unmanaged.passRetained(memory)
        defer { unmanaged.release() }
        guard let file = sf_open_virtual(&callbacks, Int32(SFM_WRITE), &info, unmanaged.toOpaque()) else {
            throw WAVError.cannotEncode(String(cString: sf_strerror(nil)))
        }
        // A PEAK chunk would carry the time of writing, and identical samples must give identical bytes.
        sf_command(file, Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int32(SF_FALSE))
        var written: sf_count_t = 0
        switch format {
        case .pcm16:
            // Converting here, not in libsndfile, makes 16-bit round trips exact: k/32768 is written back as k.
            let integers = audio.samples.map { Int16(clamping: Int(($0 * 32768).rounded())) }
            written = integers.withUnsafeBufferPointer { sf_write_short(file, $0.baseAddress, sf_count_t($0.count)) }
        case .float32:
            written = audio.samples.withUnsafeBufferPointer { sf_write_float(file, $0.baseAddress, sf_count_t($0.count)) }
        }
        let failure = written == audio.samples.count ? nil : String(cString: sf_strerror(file))
        sf_close(file)
        if let failure { throw WAVError.cannotEncode(failure) }
        return Data(memory.bytes)
    }

    /// Writes `audio` to `url` as a WAV file, atomically.
    public static func write(_ audio: AudioBuffer, to url: URL, as format: SampleFormat = .pcm16) throws {
        try AtomicFile.write(encode(audio, as: format), to: url)
    }

    /// Reads a WAV file (or any format libsndfile knows) from its bytes; `source` names it in errors.
    public static func decode(_ data: Data, source: String = "data") throws -> AudioBuffer {
        if data.isEmpty { throw WAVError.empty(source) }
        let bytes = [UInt8](data)
        // libsndfile reads what is there of a cut-off file; the RIFF size says how much should be.
        if bytes.count >= 12, bytes[0 ..< 4] == [0x52, 0x49, 0x46, 0x46], bytes[8 ..< 12] == [0x57, 0x41, 0x56, 0x45] {
            let declared = bytes[4 ..< 8].reversed().reduce(0) { $0 << 8 | Int($1) } + 8
            // Streaming writers leave the size 0 or all ones when they cannot go back to fill it in.
            if declared != 8, declared != 0xFFFF_FFFF + 8, declared > bytes.count {
                throw WAVError.truncated(source, expected: declared, found: bytes.count)
            }
        }
        let memory = SoundFileMemory(bytes: bytes)
        var info = SF_INFO()
        var callbacks = SoundFileMemory.callbacks
        let unmanaged = Unmanaged.passRetained(memory)
        defer { unmanaged.release() }
        guard let file = sf_open_virtual(&callbacks, Int32(SFM_READ), &info, unmanaged.toOpaque()) else {
            throw WAVError.unreadable(source, reason: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(file) }
        guard info.channels > 0, info.samplerate > 0, info.frames >= 0 else {
            throw WAVError.unreadable(source, reason: "no channels or no sample rate")
        }
        let count = Int(info.frames) * Int(info.channels)
        // A header may promise more frames than the file holds; never allocate beyond what the bytes could contain.
        guard count <= data.count else { throw WAVError.unreadable(source, reason: "header promises more samples than the file holds") }
        var samples = [Float](repeating: 0, count: count)
        let subtype = info.format & Int32(SF_FORMAT_SUBMASK)
        var read: sf_count_t
        if subtype == Int32(SF_FORMAT_PCM_16) {
            // Reading integers and scaling here matches the writer: k is read as exactly k/32768.
            var integers = [Int16](repeating: 0, count: count)
            read = integers.withUnsafeMutableBufferPointer { sf_read_short(file, $0.baseAddress, sf_count_t(count)) }
            for index in 0 ..< count { samples[index] = Float(integers[index]) / 32768 }
        } else {
            read = samples.withUnsafeMutableBufferPointer { sf_read_float(file, $0.baseAddress, sf_count_t(count)) }
        }
        // A file cut short yields fewer samples than its header says: keep the whole frames that are there.
        let frames = Int(read) / Int(info.channels)
        if frames == 0 && count > 0 { throw WAVError.unreadable(source, reason: "no audio data") }
        samples.removeSubrange((frames * Int(info.channels))...)
        return AudioBuffer(sampleRate: Int(info.samplerate), channelCount: Int(info.channels), samples: samples)
    }

    /// Reads the WAV file at `url`.
    public static func read(contentsOf url: URL) throws -> AudioBuffer {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw WAVError.cannotRead(url.path, reason: (error as NSError).localizedFailureReason ?? "unreadable")
        }
        return try decode(data, source: url.lastPathComponent)
    }
}

/// Why audio could not be read or written.
public enum WAVError: Error, CustomStringConvertible, Equatable {
    case cannotRead(String, reason: String)
    case empty(String)
    case unreadable(String, reason: String)
    case truncated(String, expected: Int, found: Int)
    case unsupported(String)
    case cannotEncode(String)

    public var description: String {
        switch self {
        case .cannotRead(let source, let reason): return "cannot read audio file \(source): \(reason)"
        case .empty(let source): return "audio file \(source) is empty"
        case .unreadable(let source, let reason): return "cannot read audio file \(source): \(reason)"
        case .truncated(let source, let expected, let found):
            return "audio file \(source) is cut off: \(found) of \(expected) bytes"
        case .unsupported(let what): return "WAV cannot hold \(what)"
        case .cannotEncode(let reason): return "cannot encode WAV: \(reason)"
        }
    }
}

/// A growable byte buffer that libsndfile reads and writes through its virtual I/O callbacks.
final class SoundFileMemory {
    var bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> SoundFileMemory {
        Unmanaged<SoundFileMemory>.fromOpaque(pointer!).takeUnretainedValue()
    }

    static let callbacks = SF_VIRTUAL_IO(
        get_filelen: { sf_count_t(SoundFileMemory.from($0).bytes.count) },
        seek: { offset, whence, pointer in
            let memory = SoundFileMemory.from(pointer)
            let base: Int
            switch whence {
            case SEEK_CUR: base = memory.position
            case SEEK_END: base = memory.bytes.count
            default: base = 0
            }
            memory.position = max(0, base + Int(offset))
            return sf_count_t(memory.position)
        },
        read: { destination, count, pointer in
            let memory = SoundFileMemory.from(pointer)
            let available = max(0, min(Int(count), memory.bytes.count - memory.position))
            if available > 0 {
                memory.bytes.withUnsafeBytes { source in
                    destination!.copyMemory(from: source.baseAddress! + memory.position, byteCount: available)
                }
                memory.position += available
            }
            return sf_count_t(available)
        },
        write: { source, count, pointer in
            let memory = SoundFileMemory.from(pointer)
            let end = memory.position + Int(count)
            if end > memory.bytes.count { memory.bytes.append(contentsOf: repeatElement(0, count: end - memory.bytes.count)) }
            memory.bytes.withUnsafeMutableBytes { target in
                (target.baseAddress! + memory.position).copyMemory(from: source!, byteCount: Int(count))
            }
            memory.position = end
            return count
        },
        tell: { sf_count_t(SoundFileMemory.from($0).position) }
    )
}
