/// The element types Belamy reads from safetensors files, by their header names.
enum SafeTensorsElementType: String {
    case float32 = "F32", float16 = "F16", bfloat16 = "BF16", float64 = "F64"

    var byteCount: Int {
        switch self {
        case .float16, .bfloat16: return 2
        case .float32: return 4
        case .float64: return 8
        }
    }
}

/// One tensor's header entry, checked against the data section it points into.
struct SafeTensorsEntry {
    let name: String
    let elementType: SafeTensorsElementType
    let shape: [Int]
    /// Byte range within the data section (after the header).
    let byteRange: Range<Int>
}

/// A parsed and fully validated safetensors header: every tensor's bytes lie inside the data
/// section, match its shape and type, and together the tensors cover the section exactly once.
struct SafeTensorsHeader {
    /// Tensors in the order their bytes appear.
    let entries: [SafeTensorsEntry]
    let metadata: [String: String]

    init(_ json: HeaderJSON, dataByteCount: Int) throws {
        guard case .object(let members) = json else { throw SafeTensorsError.headerNotObject }
        var metadata: [String: String] = [:]
        var entries: [SafeTensorsEntry] = []
        for (key, value) in members {
            if key == "__metadata__" {
                metadata = try Self.metadata(value)
            } else {
                entries.append(try Self.entry(named: key, value, dataByteCount: dataByteCount))
            }
        }
        entries.sort {
            ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name)
        }
        try Self.checkCoverage(entries, dataByteCount: dataByteCount)
        // The tensors tile the data section, so this sum is at most its byte count: no overflow.
        let elementCount = entries.reduce(0) { $0 + ($1.byteRange.count / $1.elementType.byteCount) }
        guard elementCount <= SafeTensors.maximumElementCount else {
            throw SafeTensorsError.tooManyElements(elementCount)
        }
        self.entries = entries
        self.metadata = metadata
    }

    private static func metadata(_ value: HeaderJSON) throws -> [String: String] {
        guard case .object(let members) = value else { throw SafeTensorsError.metadataNotObject }
        var metadata: [String: String] = [:]
        for (key, value) in members {
            guard case .string(let text) = value else { throw SafeTensorsError.metadataValueNotString(key: key) }
            metadata[key] = text
        }
        return metadata
    }

    private static func entry(named name: String, _ value: HeaderJSON, dataByteCount: Int) throws -> SafeTensorsEntry {
        // Unknown fields are ignored, as the reference reader does.
        guard case .object(let members) = value else {
            throw SafeTensorsError.invalidTensorEntry(tensor: name, reason: "not an object")
        }
        func field(_ key: String) throws -> HeaderJSON {
            guard let found = members.first(where: { $0.key == key }) else {
                throw SafeTensorsError.invalidTensorEntry(tensor: name, reason: "missing '\(key)'")
            }
            return found.value
        }
        guard case .string(let typeName) = try field("dtype") else {
            throw SafeTensorsError.invalidTensorEntry(tensor: name, reason: "'dtype' is not a string")
        }
        guard case .array(let dimensions) = try field("shape") else {
            throw SafeTensorsError.invalidTensorEntry(tensor: name, reason: "'shape' is not an array")
        }
        guard case .array(let offsets) = try field("data_offsets") else {
            throw SafeTensorsError.invalidTensorEntry(tensor: name, reason: "'data_offsets' is not an array")
        }
        guard let elementType = SafeTensorsElementType(rawValue: typeName) else {
            throw SafeTensorsError.unsupportedDataType(tensor: name, dataType: typeName)
        }

        var shape: [Int] = []
        var elementCount = 1
        for dimension in dimensions {
            guard case .number(let literal) = dimension, literal.allSatisfy({ $0 == "-" || $0.isASCIIDigit }) else {
                throw SafeTensorsError.invalidShape(tensor: name, reason: "dimensions must be integers")
            }
            guard !literal.hasPrefix("-") else {
                throw SafeTensorsError.invalidShape(tensor: name, reason: "negative dimension \(literal)")
            }
            guard let size = Int(literal) else {
                throw SafeTensorsError.invalidShape(tensor: name, reason: "dimension \(literal) is too large")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: size)
            guard !overflow else { throw SafeTensorsError.invalidShape(tensor: name, reason: "element count overflows") }
            shape.append(size)
            elementCount = product
        }
        let (byteCount, overflow) = elementCount.multipliedReportingOverflow(by: elementType.byteCount)
        guard !overflow else { throw SafeTensorsError.invalidShape(tensor: name, reason: "byte count overflows") }

        guard offsets.count == 2,
              case .number(let beginLiteral) = offsets[0], case .number(let endLiteral) = offsets[1],
              let begin = Int(beginLiteral), let end = Int(endLiteral),
              beginLiteral.allSatisfy(\.isASCIIDigit), endLiteral.allSatisfy(\.isASCIIDigit),
              begin <= end
        else { throw SafeTensorsError.invalidOffsets(tensor: name) }
        guard end <= dataByteCount else {
            throw SafeTensorsError.offsetsOutOfRange(tensor: name, end: end, dataByteCount: dataByteCount)
        }
        guard end - begin == byteCount else {
            throw SafeTensorsError.sizeMismatch(tensor: name, expectedByteCount: byteCount, actualByteCount: end - begin)
        }
        return SafeTensorsEntry(name: name, elementType: elementType, shape: shape, byteRange: begin ..< end)
    }

    /// The reference format demands that tensors tile the data section: no byte shared, none left over.
    private static func checkCoverage(_ sortedEntries: [SafeTensorsEntry], dataByteCount: Int) throws {
        var covered = 0
        var previous: String?
        for entry in sortedEntries {
            if entry.byteRange.lowerBound < covered, let previous {
                throw SafeTensorsError.overlappingTensors(previous, entry.name)
            }
            if entry.byteRange.lowerBound > covered {
                throw SafeTensorsError.uncoveredData(covered ..< entry.byteRange.lowerBound)
            }
            covered = entry.byteRange.upperBound
            previous = entry.name
        }
        if covered < dataByteCount { throw SafeTensorsError.uncoveredData(covered ..< dataByteCount) }
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0" ... "9").contains(self) }
}
