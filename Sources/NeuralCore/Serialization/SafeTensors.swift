import AtomicWrite
import Foundation

/// The contents of a safetensors file: named tensors and free-form string metadata.
public struct SafeTensorsFile {
    /// The tensors by name, converted to Float32 whatever their stored type.
    public var tensors: [String: Tensor]
    /// The `__metadata__` map (empty when the file has none).
    public var metadata: [String: String]

    /// A file's contents from tensors and metadata.
    public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }
}

/// The element type tensors are stored as when writing.
public enum SafeTensorsDataType {
    case float32, float16

    var elementType: SafeTensorsElementType {
        switch self {
        case .float32: return .float32
        case .float16: return .float16
        }
    }
}

/// Reads and writes the safetensors format (huggingface/safetensors), Belamy's model file:
/// an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
/// byte range, then the raw little-endian data.
public enum SafeTensors {
    /// Headers beyond this size are refused, as the reference implementation does.
    static let maximumHeaderByteCount: UInt64 = 100_000_000
    /// Files holding more values than this (4 GiB as Float32) are refused before any is converted.
    public static let maximumElementCount = 1 << 30

    /// Reads and validates the file at `url`.
    public static func read(from url: URL) throws -> SafeTensorsFile {
        let data: Data
        switch (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType {
        case .typeDirectory?: throw SafeTensorsError.cannotRead(path: url.path, reason: "it is a folder, not a file")
        case .typeCharacterSpecial?, .typeBlockSpecial?, .typeSocket?:
            throw SafeTensorsError.cannotRead(path: url.path, reason: "it is a device, not a file")
        default: break
        }
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SafeTensorsError.cannotRead(path: url.path, reason: readFailureReason(error))
        }
        return try decode(data)
    }

    /// Parses and validates a whole file held in memory. Every size is checked against the bytes
    /// actually present before anything is allocated, so a hostile file cannot cause a crash.
    public static func decode(_ data: Data) throws -> SafeTensorsFile {
        try data.withUnsafeBytes { (file: UnsafeRawBufferPointer) in
            guard file.count >= 8 else { throw SafeTensorsError.fileTooShort(byteCount: file.count) }
            let headerByteCount = UInt64(littleEndian: file.loadUnaligned(as: UInt64.self))
            guard headerByteCount <= maximumHeaderByteCount else {
                throw SafeTensorsError.headerTooLarge(byteCount: headerByteCount)
            }
            guard headerByteCount <= UInt64(file.count - 8) else {
                throw SafeTensorsError.headerBeyondFile(headerByteCount: headerByteCount, fileByteCount: file.count)
            }
            let dataStart = 8 + Int(headerByteCount)
            let headerBytes = Array(file[8 ..< dataStart])
            guard String(validating: headerBytes, as: UTF8.self) != nil else {
                throw SafeTensorsError.headerNotJSON(reason: "not UTF-8")
            }
            let header = try SafeTensorsHeader(HeaderJSON.parse(headerBytes), dataByteCount: file.count - dataStart)

            let dataSection = UnsafeRawBufferPointer(rebasing: file[dataStart...])
            var tensors: [String: Tensor] = [:]
            for entry in header.entries {
                let bytes = UnsafeRawBufferPointer(rebasing: dataSection[entry.byteRange])
                tensors[entry.name] = Tensor(uninitializedShape: entry.shape) { out in
                    convert(bytes, storedAs: entry.elementType, into: out)
                }
            }
            return SafeTensorsFile(tensors: tensors, metadata: header.metadata)
        }
    }

    /// The bytes of a safetensors file holding `tensors` and `metadata`. Deterministic: tensors
    /// and metadata keys are sorted by their UTF-8 bytes, and the header is padded with spaces to
    /// a multiple of 8 bytes exactly as the reference writer does, so the same input always gives
    /// the same bytes (and a file byte-identical to Python's `save_file` for one metadata key).
    /// Values beyond ±65504 become infinities when stored as `.float16`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:],
                              storing dataType: SafeTensorsDataType = .float32) -> Data {
        precondition(tensors["__metadata__"] == nil, "'__metadata__' is reserved and cannot name a tensor")
        let elementType = dataType.elementType
        let names = tensors.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        var entries: [String] = []
        if !metadata.isEmpty {
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let pairs = keys.map { HeaderJSON.quoted($0) + ":" + HeaderJSON.quoted(metadata[$0]!) }
            entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let end = offset + tensor.count * elementType.byteCount
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(HeaderJSON.quoted(name) + ":{\"dtype\":\"\(elementType.rawValue)\",\"shape\":[\(shape)],"
                           + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { values in
                switch elementType {
                case .float16:
                    for value in values { withUnsafeBytes(of: value.halfPrecisionBits.littleEndian) { bytes.append(contentsOf: $0) } }
                default:
                    for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                }
            }
        }
        return Data(bytes)
    }

    /// Encodes the tensors and writes them to `url` atomically.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:],
                             storing dataType: SafeTensorsDataType = .float32, to url: URL) throws {
        try AtomicFile.write(encode(tensors, metadata: metadata, storing: dataType), to: url)
    }

    /// Converts little-endian stored elements to Float32, one per output slot.
    private static func convert(_ bytes: UnsafeRawBufferPointer, storedAs elementType: SafeTensorsElementType,
                                into out: UnsafeMutableBufferPointer<Float>) {
        func load<Bits: FixedWidthInteger>(_ index: Int, as: Bits.Type) -> Bits {
            Bits(littleEndian: bytes.loadUnaligned(fromByteOffset: index * MemoryLayout<Bits>.size, as: Bits.self))
        }
        switch elementType {
        case .float32:
            for i in 0 ..< out.count { out[i] = Float(bitPattern: load(i, as: UInt32.self)) }
        case .float16:
            for i in 0 ..< out.count { out[i] = Float(halfPrecisionBits: load(i, as: UInt16.self)) }
        case .bfloat16:
            for i in 0 ..< out.count { out[i] = Float(bfloat16Bits: load(i, as: UInt16.self)) }
        case .float64:
            for i in 0 ..< out.count { out[i] = Float(Double(bitPattern: load(i, as: UInt64.self))) }
        }
    }

    private static func readFailureReason(_ error: Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?: return "no such file"
        case .fileReadNoPermission?: return "permission denied"
        default: return error.localizedDescription
        }
    }
}
