// libFuzzer entry point for the Standard MIDI File reader; built and run by `Scripts/fuzz.sh midi`.
import Foundation
import Media

/// Any bytes are either refused with a `MIDIError` or read into tracks of notes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIDI(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    _ = try? MIDIFile(data: Data(UnsafeRawBufferPointer(start: bytes, count: count)))
    return 0
}
