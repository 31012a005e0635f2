/// A shell-style file pattern, matched against a path relative to an audit's root folder.
///
/// `*` matches any characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and `[!abc]` one character
/// of (or not of) a set, `**/` any number of folders (none too), a trailing `**` everything below, `\` quotes the
/// next character. A pattern without `/` matches the file's name in any folder (`*.png`), as in `.gitignore`;
/// one with `/` matches the whole relative path (`2024/**/*.jpg`).
public struct GlobPattern: Sendable, Equatable, CustomStringConvertible {
    enum Token: Sendable, Equatable {
        case literal(Character)
        case one
        case star
        /// `**/` or a final `**`: any run of characters, `/` included, ending at a folder boundary.
        case anyFolders
        case anything
        case set([ClosedRange<Character>], negated: Bool)
    }

    public let description: String
    let tokens: [Token]
    let matchesNameOnly: Bool

    public init(_ pattern: String) {
        description = pattern
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        matchesNameOnly = !text.contains("/")
        tokens = Self.tokenize(Array(text))
    }

    /// Whether `relativePath` (folders separated by `/`) matches.
    public func matches(_ relativePath: String) -> Bool {
        let subject = matchesNameOnly ? String(relativePath.split(separator: "/").last ?? "") : relativePath
        let characters = Array(subject)
        var memo = [Int: Bool]()
        return match(0, 0, characters, &memo)
    }

    private func match(_ t: Int, _ c: Int, _ s: [Character], _ memo: inout [Int: Bool]) -> Bool {
        let key = t * (s.count + 1) + c
        if let known = memo[key] { return known }
        let result: Bool
        if t == tokens.count {
            result = c == s.count
        } else {
            switch tokens[t] {
            case let .literal(character):
                result = c < s.count && s[c] == character && match(t + 1, c + 1, s, &memo)
            case .one:
                result = c < s.count && s[c] != "/" && match(t + 1, c + 1, s, &memo)
            case .star:
                var i = c, found = false
                while true {
                    if match(t + 1, i, s, &memo) { found = true; break }
                    if i == s.count || s[i] == "/" { break }
                    i += 1
                }
                result = found
            case .anyFolders:
                // Zero folders, or anything up to and including some later '/'.
                var found = match(t + 1, c, s, &memo)
                var i = c
                while !found && i < s.count {
                    if s[i] == "/" && match(t + 1, i + 1, s, &memo) { found = true }
                    i += 1
                }
                result = found
            case .anything:
                result = true
            case let .set(ranges, negated):
                result = c < s.count && s[c] != "/" && (ranges.contains { $0.contains(s[c]) } != negated)
                    && match(t + 1, c + 1, s, &memo)
            }
        }
        memo[key] = result
        return result
    }

    private static func tokenize(_ p: [Character]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < p.count {
            let character = p[i]
            switch character {
            case "\\" where i + 1 < p.count:
                tokens.append(.literal(p[i + 1]))
                i += 2
            case "*":
                let atFolderStart = i == 0 || p[i - 1] == "/"
                if i + 1 < p.count, p[i + 1] == "*", atFolderStart {
                    if i + 2 == p.count { tokens.append(.anything); i += 2; continue }
                    if p[i + 2] == "/" { tokens.append(.anyFolders); i += 3; continue }
                }
                if tokens.last != .star { tokens.append(.star) }
                i += 1
            case "?":
                tokens.append(.one)
                i += 1
            case "[":
                if let (set, next) = parseSet(p, from: i) {
                    tokens.append(set)
                    i = next
                } else {
                    tokens.append(.literal("["))
                    i += 1
                }
            default:
                tokens.append(.literal(character))
                i += 1
            }
        }
        return tokens
    }

    /// `[...]` starting at `start`; nil when there is no closing `]` (then `[` is an ordinary character).
    private static func parseSet(_ p: [Character], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count, p[i] == "!" || p[i] == "^" { negated = true; i += 1 }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while i < p.count {
            if p[i] == "]" && !first { return (.set(ranges, negated: negated), i + 1) }
            first = false
            let low = p[i]
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                let high = p[i + 2]
                ranges.append(low <= high ? low...high : high...low)
                i += 3
            } else {
                ranges.append(low...low)
                i += 1
            }
        }
        return nil
    }
}

/// Which files of an audit's folders to take: those matching an include pattern (all, when there is none)
/// and no exclude pattern.
public struct PathFilter: Sendable, Equatable {
    public var include: [GlobPattern]
    public var exclude: [GlobPattern]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include.map(GlobPattern.init)
        self.exclude = exclude.map(GlobPattern.init)
    }

    public func accepts(_ relativePath: String) -> Bool {
        (include.isEmpty || include.contains { $0.matches(relativePath) }) && !exclude.contains { $0.matches(relativePath) }
    }
}
