import Foundation
import Yams

/// A YAML file read into nodes that remember their line, so every problem can name file:line.
struct YAMLFile {
    let path: String
    let root: Node

    init(path: String) throws(RulesError) {
        self.path = path
        let text = try YAMLFile.text(path)
        do {
            // The basic resolver: every scalar is text, read by the loaders themselves; the default one matches
            // each scalar against regular expressions (bool, int, float, null, timestamp), which was most of the
            // time a `check` spent loading the rules.
            guard let root = try Yams.compose(yaml: text, .basic) else {
                throw RulesError.invalid(path: path, line: 1, problem: "the file is empty")
            }
            self.root = root
        } catch let error as RulesError {
            throw error
        } catch let error as YamlError {
            throw YAMLFile.describe(error, path: path)
        } catch {
            throw .syntax(path: path, line: 1, column: 1, problem: String(describing: error))
        }
    }

    /// A rules file's text. An empty file is not read: Foundation's `String(contentsOfFile:)` leaks a 4 KB buffer
    /// on one (found by the rules fuzz target under LeakSanitizer).
    static func text(_ path: String) throws(RulesError) -> String {
        // stat(2), not FileManager's attributes: those look up the owner's and group's names (/etc/passwd and
        // /etc/group read for every rules file).
        var info = stat()
        if stat(path, &info) == 0, info.st_size == 0 { return "" }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: "not UTF-8 text or not readable")
        }
    }

    static func describe(_ error: YamlError, path: String) -> RulesError {
        switch error {
        case let .reader(problem, offset, value, yaml):
            // libyaml's reader stops at a character it refuses (a control character) and Yams gives its offset;
            // Yams' own description quotes the file's line, which would break the one-line message.
            let (line, column) = position(ofCharacter: offset ?? 0, in: yaml)
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return .syntax(path: path, line: line, column: column, problem: "YAML error: \(problem)\(character)")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text): " } ?? ""
            return .syntax(path: path, line: mark.line, column: mark.column, problem: "YAML error: \(prefix)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return .syntax(path: path, line: context.mark.line, column: context.mark.column,
                           problem: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return .syntax(path: path, line: 1, column: 1, problem: "YAML error: \(error)")
        }
    }

    /// The 1-based line and column of the character at `offset` (counted in characters, as Yams gives it).
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        let prefix = text.prefix(max(0, offset))
        let line = prefix.count(where: \.isNewline) + 1
        let lineStart = prefix.lastIndex(where: \.isNewline).map(prefix.index(after:)) ?? prefix.startIndex
        return (line, prefix.distance(from: lineStart, to: prefix.endIndex) + 1)
    }

    func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    func invalid(_ node: Node, _ problem: String) -> RulesError {
        .invalid(path: path, line: line(node), problem: problem)
    }

    /// The pairs of a mapping, after checking that every key is one of `allowed` and every `required` key is there.
    func mapping(_ node: Node, allowed: [String], required: [String] = [], what: String) throws(RulesError) -> [String: Node] {
        guard case let .mapping(mapping) = node else { throw invalid(node, "\(what) must be a mapping of key: value") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw invalid(key, "\(what) has a key that is not text") }
            guard allowed.contains(name) else {
                let suggestion = YAMLFile.closest(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw invalid(key, "unknown key '\(name)' in \(what)\(suggestion); allowed: \(allowed.joined(separator: ", "))")
            }
            result[name] = value
        }
        for name in required where result[name] == nil {
            throw invalid(node, "\(what) is missing the key '\(name)'")
        }
        return result
    }

    func string(_ node: Node, what: String) throws(RulesError) -> String {
        guard case let .scalar(scalar) = node else { throw invalid(node, "\(what) must be a single value") }
        return scalar.string
    }

    func int(_ node: Node, what: String) throws(RulesError) -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            throw invalid(node, "\(what) must be a whole number")
        }
        return value
    }

    func strings(_ node: Node, what: String) throws(RulesError) -> [String] {
        guard case let .sequence(sequence) = node else { throw invalid(node, "\(what) must be a list, e.g. [A, B]") }
        var result: [String] = []
        for item in sequence { result.append(try string(item, what: "an item of \(what)")) }
        return result
    }

    func sequence(_ node: Node, what: String) throws(RulesError) -> [Node] {
        guard case let .sequence(sequence) = node else { throw invalid(node, "\(what) must be a list") }
        return Array(sequence)
    }

    /// Checks the file's top level: a mapping with `version: 1` and the given list key.
    func topLevel(listKey: String) throws(RulesError) -> [Node] {
        let top = try mapping(root, allowed: ["version", listKey], required: ["version"], what: "the file")
        let version = try int(top["version"]!, what: "version")
        guard version == 1 else {
            throw invalid(top["version"]!, "version \(version) is not supported; this DocSentry reads version 1")
        }
        guard let list = top[listKey] else { return [] }
        if case let .scalar(scalar) = list, scalar.string.isEmpty || scalar.string == "null" { return [] }
        return try sequence(list, what: listKey)
    }

    /// The allowed name nearest to a misspelt one, when it is close enough to be a typo.
    static func closest(_ name: String, in candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var current = [i + 1]
                for (j, cb) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = candidates.map { ($0, distance(Array(name), Array($0))) }.min { $0.1 < $1.1 }
        guard let scored, scored.1 <= max(2, name.count / 3) else { return nil }
        return scored.0
    }
}
