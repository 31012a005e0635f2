/// Why a rules folder could not be loaded: the file, the line and what is wrong.
public enum RulesError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingDirectory(path: String)
    case missingFile(path: String)
    case unreadable(path: String, reason: String)
    /// The YAML or CSV itself does not parse.
    case syntax(path: String, line: Int, column: Int, problem: String)
    /// The file parses but says something DocSentry cannot use (an unknown key, a bad regex, a missing field).
    case invalid(path: String, line: Int, problem: String)

    /// One line, whatever the file holds: a line break or other control character quoted from it (a key, a
    /// value, a library's message) is shown escaped (`\n`, `\u{1B}`), so that `rules lint` keeps one problem a line.
    public var description: String {
        let text = switch self {
        case let .missingDirectory(path): "\(path): rules folder not found"
        case let .missingFile(path): "\(path): required rules file is missing"
        case let .unreadable(path, reason): "\(path): cannot read: \(reason)"
        case let .syntax(path, line, column, problem): "\(path):\(line):\(column): \(problem)"
        case let .invalid(path, line, problem): "\(path):\(line): \(problem)"
        }
        return String(text.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: scalar.escaped(asASCII: true)
            default: String(scalar)
            }
        }.joined())
    }
}

/// Several problems at once, so that `rules lint` shows all of them.
public struct RulesErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [RulesError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
