/// Why a specimen could not be made, or a generation request was refused.
public enum GenerateError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownFormat(String)
    case unknownForgery(String)
    case unknownDegradation(String)
    case unknownDegradationLevel(String)
    case invalidNumber(option: String, value: String, expected: String)
    case forgeryNotSupported(forgery: Forgery, format: MRZFormat)
    case degradationNotSupported(degradation: Degradation, format: MRZFormat)
    case forgeryNotPossible(forgery: Forgery, reason: String)
    case renderingFailed(String)
    case encodingFailed(String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownFormat(name):
            return "unknown format '\(name)': use TD1, TD2, TD3, MRVA, MRVB or mixed"
        case let .unknownForgery(name):
            return "unknown forgery '\(name)': use none, mixed or one of \(Forgery.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unknownDegradation(name):
            return "unknown degradation '\(name)': use none, mixed or one of \(Degradation.allCases.map(\.rawValue).joined(separator: ", ")), optionally with :mild, :strong or :extreme"
        case let .unknownDegradationLevel(name):
            return "unknown degradation level '\(name)': use mild, strong or extreme"
        case let .invalidNumber(option, value, expected):
            return "\(option) '\(value)' is not valid: expected \(expected)"
        case let .forgeryNotSupported(forgery, format):
            return "forgery \(forgery) needs a format with a composite check digit (TD1, TD2, TD3); \(format) has none"
        case let .degradationNotSupported(degradation, format):
            return "degradation \(degradation) applies to cards with two sides (TD1, TD2), not to \(format)"
        case let .forgeryNotPossible(forgery, reason):
            return "forgery \(forgery) could not be made: \(reason)"
        case let .renderingFailed(reason):
            return "rendering failed: \(reason)"
        case let .encodingFailed(reason):
            return "image encoding failed: \(reason)"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason))"
        }
    }
}
