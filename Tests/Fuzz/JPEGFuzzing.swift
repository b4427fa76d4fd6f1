// libFuzzer entry point for the JPEG reader; built and run by `Scripts/fuzz.sh jpeg`.
import Foundation
import Media

/// Any bytes are either refused with an `ImageError` or decoded (and turned by their Exif orientation).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    _ = try? JPEG.decode(Data(UnsafeRawBufferPointer(start: bytes, count: count)))
    return 0
}
