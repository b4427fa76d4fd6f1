/// Why a MIDI file could not be read.
public enum MIDIError: Error, CustomStringConvertible, Equatable {
    case cannotRead(String, reason: String)
    case empty(String)
    case notMIDI(String)
    case truncated(String, offset: Int)
    case unsupported(String, what: String)
    case malformed(String, offset: Int, what: String)

    public var description: String {
        switch self {
        case .cannotRead(let source, let reason): return "cannot read MIDI file \(source): \(reason)"
        case .empty(let source): return "MIDI file \(source) is empty"
        case .notMIDI(let source): return "\(source) is not a Standard MIDI File (no MThd header)"
        case .truncated(let source, let offset): return "MIDI file \(source) is cut off at byte \(offset)"
        case .unsupported(let source, let what): return "MIDI file \(source) uses \(what), which Belamy does not read"
        case .malformed(let source, let offset, let what): return "MIDI file \(source) is damaged at byte \(offset): \(what)"
        }
    }

    /// The same error about the file named `source`.
    func naming(_ source: String) -> MIDIError {
        switch self {
        case .cannotRead(_, let reason): return .cannotRead(source, reason: reason)
        case .empty: return .empty(source)
        case .notMIDI: return .notMIDI(source)
        case .truncated(_, let offset): return .truncated(source, offset: offset)
        case .unsupported(_, let what): return .unsupported(source, what: what)
        case .malformed(_, let offset, let what): return .malformed(source, offset: offset, what: what)
        }
    }
}
