/// Why the melody craft could not do what was asked.
public enum MelodyError: Error, CustomStringConvertible, Equatable {
    /// A tune the event encoding cannot represent (the corpus builder lists these).
    case unencodable(String)
    /// A sequence of events that is not a well-formed tune.
    case malformedEvents(String)
    /// A corpus file that cannot be read: path, line, what is wrong.
    case malformedCorpus(String, line: Int, String)
    case emptyCorpus(String)
    case missingModel(String)
    case damagedModel(String)
    /// A --key, --meter or other request the composer cannot satisfy.
    case invalidRequest(String)
    /// A primer that cannot be read or used: what went wrong and where.
    case badPrimer(String)

    public var description: String {
        switch self {
        case .unencodable(let reason): return "cannot encode the tune: \(reason)"
        case .malformedEvents(let reason): return "malformed melody events: \(reason)"
        case .malformedCorpus(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .emptyCorpus(let what): return "\(what) holds no tunes"
        case .missingModel(let path):
            return "no melody model at \(path) (train one with 'belamy train melody', or pass --model)"
        case .damagedModel(let reason): return "the melody model is damaged: \(reason)"
        case .invalidRequest(let reason): return reason
        case .badPrimer(let reason): return "cannot use the primer: \(reason)"
        }
    }
}
