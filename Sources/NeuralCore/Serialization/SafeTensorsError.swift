/// Why bytes are not a valid safetensors file (or not one Belamy can read).
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
    case cannotRead(path: String, reason: String)
    case fileTooShort(byteCount: Int)
    case headerTooLarge(byteCount: UInt64)
    case headerBeyondFile(headerByteCount: UInt64, fileByteCount: Int)
    case headerNotJSON(reason: String)
    case headerNotObject
    case duplicateKey(String)
    case metadataNotObject
    case metadataValueNotString(key: String)
    case invalidTensorEntry(tensor: String, reason: String)
    case unsupportedDataType(tensor: String, dataType: String)
    case invalidShape(tensor: String, reason: String)
    case invalidOffsets(tensor: String)
    case offsetsOutOfRange(tensor: String, end: Int, dataByteCount: Int)
    case sizeMismatch(tensor: String, expectedByteCount: Int, actualByteCount: Int)
    case overlappingTensors(String, String)
    case uncoveredData(Range<Int>)
    case tooManyElements(Int)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .fileTooShort(let count):
            return "not a safetensors file: \(count) bytes, shorter than the 8-byte header length"
        case .headerTooLarge(let count):
            return "not a safetensors file: its first 8 bytes are no plausible header length (\(count) bytes; the limit is 100 MB)"
        case .headerBeyondFile(let header, let file):
            return "truncated safetensors file: header of \(header) bytes does not fit in \(file) bytes"
        case .headerNotJSON(let reason):
            return "safetensors header is not valid JSON: \(reason)"
        case .headerNotObject:
            return "safetensors header is not a JSON object"
        case .duplicateKey(let key):
            return "safetensors header has the key '\(key)' twice"
        case .metadataNotObject:
            return "safetensors __metadata__ is not an object of strings"
        case .metadataValueNotString(let key):
            return "safetensors __metadata__ value for '\(key)' is not a string"
        case .invalidTensorEntry(let tensor, let reason):
            return "tensor '\(tensor)' has an invalid header entry: \(reason)"
        case .unsupportedDataType(let tensor, let dataType):
            return "tensor '\(tensor)' has data type '\(dataType)'; Belamy reads F32, F16, BF16 and F64"
        case .invalidShape(let tensor, let reason):
            return "tensor '\(tensor)' has an invalid shape: \(reason)"
        case .invalidOffsets(let tensor):
            return "tensor '\(tensor)' has invalid data_offsets (need two integers 0 ≤ begin ≤ end)"
        case .offsetsOutOfRange(let tensor, let end, let count):
            return "tensor '\(tensor)' ends at byte \(end), past the \(count)-byte data section (truncated file?)"
        case .sizeMismatch(let tensor, let expected, let actual):
            return "tensor '\(tensor)' spans \(actual) bytes but its shape and data type need \(expected)"
        case .overlappingTensors(let first, let second):
            return "tensors '\(first)' and '\(second)' overlap in the data section"
        case .uncoveredData(let range):
            return "safetensors data bytes \(range.lowerBound)..<\(range.upperBound) belong to no tensor"
        case .tooManyElements(let count):
            return "safetensors file holds \(count) values, more than the \(SafeTensors.maximumElementCount) Belamy reads"
        }
    }
}
