// libFuzzer entry point for the safetensors reader; built and run by `Scripts/fuzz.sh safetensors`.
import Foundation
import NeuralCore

/// Any bytes are either refused with a `SafeTensorsError` or read; what is read writes back and
/// reads again to the same tensors (bit for bit) and metadata.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let file = try? SafeTensors.decode(Data(UnsafeRawBufferPointer(start: bytes, count: count))) else { return 0 }
    let again = try! SafeTensors.decode(SafeTensors.encode(file.tensors, metadata: file.metadata))
    precondition(again.metadata == file.metadata, "metadata changed in a write and read")
    precondition(again.tensors.keys.sorted() == file.tensors.keys.sorted(), "tensor names changed in a write and read")
    for (name, tensor) in file.tensors {
        let other = again.tensors[name]!
        precondition(other.shape == tensor.shape, "shape of '\(name)' changed in a write and read")
        let bits = tensor.withUnsafeBufferPointer { $0.map(\.bitPattern) }
        precondition(other.withUnsafeBufferPointer { $0.map(\.bitPattern) } == bits, "values of '\(name)' changed in a write and read")
    }
    return 0
}
