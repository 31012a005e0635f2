/// Groups MRZ lines arriving one by one (a swipe reader at a desk, `docsentry check --stream`) into documents,
/// each as soon as its last line arrives: 2 lines of 44 (TD3, MRV-A), 2 of 36 (TD2, MRV-B) or 3 of 30 (TD1),
/// Doc 9303 Part 3 §4.2.
///
/// Spaces and tabs in a line are dropped and blank lines skipped, as `MRZText(reading:)` does. A line whose
/// length is no MRZ line's, or a document cut short by a line of another length or by the end of the input, is
/// reported (by line number and lengths, never its characters) and the stream goes on with the next line.
public struct MRZLineAssembler: Sendable {
    /// What a line completed.
    public enum Outcome: Sendable, Equatable {
        /// A document's lines, in order (not yet checked for the MRZ alphabet: `MRZText(lines:)` does that).
        case document(lines: [String], firstLine: Int)
        /// Lines that make no document, and why.
        case rejected(MRZLineStreamError)
    }

    private var pending: [String] = []
    private var pendingStart = 0
    private var lineNumber = 0

    public init() {}

    /// How many lines the current document still needs (0 when none has begun).
    public var awaiting: Int {
        guard let first = pending.first else { return 0 }
        return Self.lineCount(forLength: first.count).map { $0 - pending.count } ?? 0
    }

    /// Lines per document for a line length, nil for a length no MRZ line has.
    static func lineCount(forLength length: Int) -> Int? {
        switch length {
        case 30: 3
        case 36, 44: 2
        default: nil
        }
    }

    /// Takes one line of input (without its line end); returns what it completed or rejected, in order.
    public mutating func add(_ rawLine: String) -> [Outcome] {
        lineNumber += 1
        let line = rawLine.filter { $0 != " " && $0 != "\t" }
        guard !line.isEmpty else { return [] }
        var outcomes: [Outcome] = []
        if let first = pending.first, first.count != line.count {
            outcomes.append(.rejected(.incomplete(firstLine: pendingStart, lines: pending.count, length: first.count,
                                                  interruptedBy: .line(lineNumber, length: line.count))))
            pending = []
        }
        guard let needed = Self.lineCount(forLength: line.count) else {
            outcomes.append(.rejected(.badLength(line: lineNumber, length: line.count)))
            return outcomes
        }
        if pending.isEmpty { pendingStart = lineNumber }
        pending.append(line)
        if pending.count == needed {
            outcomes.append(.document(lines: pending, firstLine: pendingStart))
            pending = []
        }
        return outcomes
    }

    /// The end of the input: a document begun and not finished is rejected.
    public mutating func finish() -> Outcome? {
        guard let first = pending.first else { return nil }
        defer { pending = [] }
        return .rejected(.incomplete(firstLine: pendingStart, lines: pending.count, length: first.count, interruptedBy: .end))
    }
}

/// Why lines from a stream make no document. Lines are 1-based, as a person counts them; no character of the
/// lines is quoted (they are personal data).
public enum MRZLineStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What cut a document short.
    public enum Interruption: Sendable, Equatable {
        case line(Int, length: Int)
        case end
    }

    /// A line of a length no MRZ line has.
    case badLength(line: Int, length: Int)
    /// A document's first lines, then a line of another length or the end of the input.
    case incomplete(firstLine: Int, lines: Int, length: Int, interruptedBy: Interruption)

    public var description: String {
        switch self {
        case let .badLength(line, length):
            return "line \(line) has \(length) characters: an MRZ line has 30 (TD1), 36 (TD2, MRV-B) or 44 (TD3, MRV-A); swipe the document again"
        case let .incomplete(firstLine, lines, length, interruption):
            let needed = MRZLineAssembler.lineCount(forLength: length) ?? 0
            let cut = switch interruption {
            case let .line(number, other): "line \(number) has \(other) characters"
            case .end: "the input ended"
            }
            return "line \(firstLine): \(lines) of the \(needed) lines of \(length) characters an MRZ needs, then \(cut): swipe the document again"
        }
    }
}
