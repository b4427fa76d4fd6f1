// libFuzzer entry point for the ABC reader; built and run by `Scripts/fuzz.sh abc`.
import Foundation
import Media

/// Any bytes are either refused with an `ABCError` or read into tunes (bad tunes become warnings).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzABC(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    _ = try? ABCReader.read(Data(UnsafeRawBufferPointer(start: bytes, count: count)), source: "fuzz.abc")
    return 0
}
