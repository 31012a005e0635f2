/// The lines of an MRZ, checked for shape and alphabet: the input every later stage trusts.
///
/// Text from a swipe reader or a person enters here; so does the corrected OCR output. The lines are exactly
/// one ICAO format's shape and hold only the 37 MRZ characters (Doc 9303 Part 3 §4.3).
public struct MRZText: Sendable, Equatable, Codable {
    public let lines: [String]
    public let format: MRZFormat

    /// Checks `lines` as given: no trimming, no case change.
    public init(lines: [String]) throws(MRZTextError) {
        guard !lines.isEmpty else { throw .empty }
        for (lineIndex, line) in lines.enumerated() {
            for (columnIndex, character) in line.enumerated() where !MRZCharacter.isValid(character) {
                throw .invalidCharacter(line: lineIndex + 1, column: columnIndex + 1, character: character)
            }
        }
        let lengths = lines.map(\.count)
        guard let format = MRZFormat.detect(lineLengths: lengths, firstCharacter: lines[0].first) else {
            throw MRZTextError.shapeError(lengths: lengths, firstCharacter: lines[0].first)
        }
        self.lines = lines
        self.format = format
    }

    /// Reads MRZ text as a swipe reader or a person sends it: lines split on CR, LF or CRLF, spaces and tabs
    /// removed, blank lines dropped. Nothing else is forgiven: lowercase and other characters are errors.
    public init(reading text: String) throws(MRZTextError) {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.filter { $0 != " " && $0 != "\t" } }
            .filter { !$0.isEmpty }
        try self.init(lines: lines.map { String($0) })
    }

    /// Whether a file's text is meant as MRZ lines: 2 or 3 non-blank lines of MRZ characters, upper or lower
    /// case (so that a lowercase MRZ reaches the parser and gets its line-and-column error).
    public static func looksLikeMRZText(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map { $0.filter { $0 != " " && $0 != "\t" } }
            .filter { !$0.isEmpty }
        guard (1...4).contains(lines.count) else { return false }
        let mrzLike = lines.joined().filter { MRZCharacter.isValid(Character($0.uppercased())) }.count
        return mrzLike * 10 >= lines.joined().count * 9 && lines.allSatisfy { $0.count >= 20 && $0.count <= 50 }
    }

    /// The character at 0-based `line` and `column`.
    public func character(line: Int, column: Int) -> Character {
        let text = lines[line]
        return text[text.index(text.startIndex, offsetBy: column)]
    }

    /// The characters of a 0-based line in a 0-based half-open column range.
    public func substring(line: Int, columns: Range<Int>) -> String {
        let text = lines[line]
        let start = text.index(text.startIndex, offsetBy: columns.lowerBound)
        let end = text.index(text.startIndex, offsetBy: columns.upperBound)
        return String(text[start..<end])
    }
}

/// Why text is not an MRZ. Lines and columns are 1-based, as a person counts them.
public enum MRZTextError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case invalidCharacter(line: Int, column: Int, character: Character)
    case wrongLineCount(count: Int, lengths: [Int])
    case wrongLineLength(line: Int, length: Int, format: MRZFormat)
    case unequalLineLengths(lengths: [Int])

    static func shapeError(lengths: [Int], firstCharacter: Character?) -> MRZTextError {
        guard lengths.count == 2 || lengths.count == 3 else {
            return .wrongLineCount(count: lengths.count, lengths: lengths)
        }
        // Name the format the lines come closest to, and the first line that does not fit it.
        let candidates = MRZFormat.allCases.filter { $0.lineCount == lengths.count }
            .filter { $0.isVisa == (firstCharacter == "V") || $0 == .td1 }
        let best = candidates.max { a, b in
            lengths.filter { $0 == a.lineLength }.count < lengths.filter { $0 == b.lineLength }.count
        }
        if let best, let index = lengths.firstIndex(where: { $0 != best.lineLength }),
            lengths.contains(best.lineLength)
        {
            return .wrongLineLength(line: index + 1, length: lengths[index], format: best)
        }
        return .unequalLineLengths(lengths: lengths)
    }

    public var description: String {
        switch self {
        case .empty:
            return "no MRZ text: expected 2 or 3 lines of A-Z, 0-9 and <"
        case let .invalidCharacter(line, column, character):
            let shown = character.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "U+\(String($0.value, radix: 16, uppercase: true))" }.joined()
            if character.isLowercase {
                return "line \(line), column \(column): lowercase '\(shown)' is not an MRZ character (the MRZ is upper case: A-Z, 0-9 and <)"
            }
            return "line \(line), column \(column): '\(shown)' is not an MRZ character (allowed: A-Z, 0-9 and <)"
        case let .wrongLineCount(count, lengths):
            return "\(count) line\(count == 1 ? "" : "s") of \(lengths.map(String.init).joined(separator: ", ")) characters: an MRZ has 3 lines of 30 (TD1) or 2 lines of 36 (TD2, MRV-B) or 44 (TD3, MRV-A)"
        case let .wrongLineLength(line, length, format):
            return "line \(line) has \(length) characters: a \(format) MRZ has \(format.lineCount) lines of \(format.lineLength)"
        case let .unequalLineLengths(lengths):
            return "lines of \(lengths.map(String.init).joined(separator: ", ")) characters match no ICAO format (3x30, 2x36, 2x44)"
        }
    }
}
