// libFuzzer entry point for the PNG reader; built and run by `Scripts/fuzz.sh png`.
import Foundation
import Media

/// Any bytes are either refused with an `ImageError` or decoded; the text chunks likewise.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = Data(UnsafeRawBufferPointer(start: bytes, count: count))
    _ = try? ImageFile.decode(data)
    _ = try? PNG.textMetadata(in: data)
    return 0
}
