import Foundation

/// A shipped model: weights plus everything needed to use and trust them, in one safetensors file.
///
/// The metadata names the craft and architecture (so a poem model is never loaded as a portrait
/// generator), a format version (so an older belamy refuses a newer file instead of misreading
/// it), the configuration and vocabulary the craft needs to rebuild the model, the training record
/// (command, corpus, steps, final metrics, date), and a checksum of the tensor values verified on
/// every load.
public struct ModelFile {
    public static let formatVersion = 1

    /// Which craft the model belongs to ("portrait", "poem", "melody").
    public var craft: String
    /// The model family within the craft ("dcgan", "char-lstm", "event-lstm").
    public var architecture: String
    public var tensors: [String: Tensor]
    /// Everything else: configuration JSON, vocabulary, training record.
    public var metadata: [String: String]

    public init(craft: String, architecture: String, tensors: [String: Tensor], metadata: [String: String]) {
        self.craft = craft
        self.architecture = architecture
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Writes the model, in float16 when `halfPrecision` (half the size; sampling is unaffected).
    public func write(to url: URL, halfPrecision: Bool = true) throws {
        let storedType: SafeTensorsDataType = halfPrecision ? .float16 : .float32
        // The checksum covers the values as they will read back, so it is taken after rounding.
        let stored = halfPrecision ? tensors.mapValues { $0.roundedToHalfPrecision() } : tensors
        var all = metadata
        all["belamy_craft"] = craft
        all["belamy_architecture"] = architecture
        all["belamy_format_version"] = String(Self.formatVersion)
        all["belamy_checksum"] = Self.checksum(stored)
        try SafeTensors.write(stored, metadata: all, storing: storedType, to: url)
    }

    /// The safetensors file at `url`, whatever its craft; every failure is one line naming the file.
    public static func safeTensors(at url: URL) throws -> SafeTensorsFile {
        do { return try SafeTensors.read(from: url) } catch let error as SafeTensorsError {
            // cannotRead names the file already; the others describe bytes and need the name.
            if case .cannotRead = error { throw error }
            throw ModelFileError.unreadable(url.path, error.description)
        }
    }

    /// Reads a model and checks that it is one for `craft` and `architecture`, of a version this
    /// belamy understands, with tensors matching their checksum.
    public static func read(from url: URL, craft: String, architecture: String) throws -> ModelFile {
        let file = try safeTensors(at: url)
        let metadata = file.metadata
        guard let foundCraft = metadata["belamy_craft"] else { throw ModelFileError.notABelamyModel(url.path) }
        guard foundCraft == craft else { throw ModelFileError.wrongCraft(url.path, expected: craft, found: foundCraft) }
        let foundArchitecture = metadata["belamy_architecture"] ?? "unknown"
        guard foundArchitecture == architecture else {
            throw ModelFileError.wrongArchitecture(url.path, expected: architecture, found: foundArchitecture)
        }
        guard let version = metadata["belamy_format_version"].flatMap(Int.init) else {
            throw ModelFileError.notABelamyModel(url.path)
        }
        guard version <= formatVersion else { throw ModelFileError.newerVersion(url.path, version) }
        guard metadata["belamy_checksum"] == checksum(file.tensors) else { throw ModelFileError.checksumMismatch(url.path) }
        var rest = metadata
        for key in ["belamy_craft", "belamy_architecture", "belamy_format_version", "belamy_checksum"] { rest[key] = nil }
        return ModelFile(craft: craft, architecture: architecture, tensors: file.tensors, metadata: rest)
    }

    /// FNV-1a (64-bit) over the tensor names, shapes and float bits, in name order.
    public static func checksum(_ tensors: [String: Tensor]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        func mix(_ word: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { mix(UInt8(truncatingIfNeeded: word >> UInt32(shift))) } }
        for name in tensors.keys.sorted() {
            let tensor = tensors[name]!
            name.utf8.forEach(mix)
            tensor.shape.forEach { mix(UInt32(truncatingIfNeeded: $0)) }
            tensor.withUnsafeBufferPointer { values in for value in values { mix(value.bitPattern) } }
        }
        return String(hash, radix: 16)
    }
}

/// Why a model file cannot be used.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(String, String)
    case notABelamyModel(String)
    case wrongCraft(String, expected: String, found: String)
    case wrongArchitecture(String, expected: String, found: String)
    case newerVersion(String, Int)
    case checksumMismatch(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read model \(path): \(reason)"
        case .notABelamyModel(let path): return "\(path) is a safetensors file but not a belamy model (no belamy metadata)"
        case .wrongCraft(let path, let expected, let found):
            return "\(path) is a \(found) model, not a \(expected) model"
        case .wrongArchitecture(let path, let expected, let found):
            return "\(path) holds a '\(found)' network, this belamy expects '\(expected)'"
        case .newerVersion(let path, let version):
            return "\(path) uses model format version \(version), newer than this belamy (\(ModelFile.formatVersion)); update belamy"
        case .checksumMismatch(let path): return "\(path) is damaged: its tensors do not match their checksum"
        }
    }
}
