import Foundation

/// What one rule id means, in plain language (`Rules/explanations/LANG.yaml`).
///
/// Written for people who do not know the MRZ: a trainee, an officer at a desk, an auditor. The texts live with the
/// rules so that a trainer can edit or translate them without Swift; nothing in them changes a verdict.
public struct RuleExplanation: Sendable, Equatable, Codable {
    public let rule: String
    /// A few words naming the check: "Date of birth check digit".
    public let title: String
    /// What the finding says about the document.
    public let meaning: String
    /// One sentence: why it matters to an officer, and what to do.
    public let atTheDesk: String
    /// The ICAO Doc 9303 part and section the rule rests on, or where a rule the standard does not make comes from.
    public let icao: String
    /// Where the entry is, so that a trainer finds the text to change.
    public let file: String
    public let line: Int

    public init(rule: String, title: String, meaning: String, atTheDesk: String, icao: String, file: String, line: Int) {
        self.rule = rule
        self.title = title
        self.meaning = meaning
        self.atTheDesk = atTheDesk
        self.icao = icao
        self.file = file
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case rule, title, meaning, icao, file, line
        case atTheDesk = "at_the_desk"
    }
}

/// Every explanation of one language, by rule id: the one catalogue every output (check, explain, the course
/// pack, the quiz, the audit report) takes its texts from.
public struct ExplanationCatalogue: Sendable {
    /// The language of the texts (`en`), as the file names it.
    public let language: String
    /// The file the texts come from (it may not exist: then the catalogue is empty and `rules lint` says so).
    public let path: String
    public let entries: [String: RuleExplanation]
    /// The line of the `explanations:` key, where a missing entry is reported.
    let listLine: Int

    public init(language: String, path: String, entries: [String: RuleExplanation]) {
        self.language = language
        self.path = path
        self.entries = entries
        listLine = 1
    }

    init(language: String, path: String, entries: [String: RuleExplanation], listLine: Int) {
        self.language = language
        self.path = path
        self.entries = entries
        self.listLine = listLine
    }

    public subscript(rule: String) -> RuleExplanation? { entries[rule] }

    /// The folder of the catalogues inside a rules folder.
    public static let folderName = "explanations"
    /// The language that ships with DocSentry.
    public static let defaultLanguage = "en"

    /// The catalogue file of `language` in a rules folder: `DIR/explanations/en.yaml`.
    public static func path(in directory: String, language: String) -> String {
        ((directory as NSString).appendingPathComponent(folderName) as NSString).appendingPathComponent(language + ".yaml")
    }

    /// Reads and checks one catalogue file: known keys only, every text present, no id twice.
    static func load(path: String) throws(RulesError) -> ExplanationCatalogue {
        let file = try YAMLFile(path: path)
        let top = try file.mapping(file.root, allowed: ["version", "language", "explanations"],
                                   required: ["version", "language"], what: "the file")
        guard try file.int(top["version"]!, what: "version") == 1 else {
            throw file.invalid(top["version"]!, "only version 1 is supported")
        }
        let language = try file.string(top["language"]!, what: "language")
        let named = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard language == named else {
            throw file.invalid(top["language"]!, "language '\(language)' must match the file name (\(named).yaml)")
        }
        var entries: [String: RuleExplanation] = [:]
        let list = top["explanations"]
        for node in try list.map({ n throws(RulesError) in try file.sequence(n, what: "explanations") }) ?? [] {
            let entry = try file.mapping(node, allowed: ["id", "title", "meaning", "at_the_desk", "icao"],
                                         required: ["id", "title", "meaning", "at_the_desk", "icao"], what: "an explanation")
            let id = try file.string(entry["id"]!, what: "id")
            guard entries[id] == nil else { throw file.invalid(entry["id"]!, "rule id '\(id)' is explained twice") }
            func text(_ key: String) throws(RulesError) -> String {
                let value = try file.string(entry[key]!, what: key).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !value.isEmpty else { throw file.invalid(entry[key]!, "\(key) of '\(id)' is empty") }
                return value
            }
            entries[id] = RuleExplanation(rule: id, title: try text("title"), meaning: try text("meaning"),
                                          atTheDesk: try text("at_the_desk"), icao: try text("icao"),
                                          file: path, line: file.line(node))
        }
        return ExplanationCatalogue(language: language, path: path, entries: entries,
                                    listLine: list.map(file.line) ?? 1)
    }
}

/// A problem `rules lint` reports without refusing the rules: DocSentry still checks documents with them.
public struct RulesWarning: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let problem: String
    public var description: String { "\(path):\(line): warning: \(problem)" }
}

extension RuleSet {
    /// What `rules lint` checks beyond loading: every rule id has an explanation in every catalogue of the folder
    /// (an error, at the rule's line for a rule of `rules.yaml`), and every explanation explains a rule id that
    /// exists (a warning: the check may land later, or the id is misspelt; the misspelt id's own entry is then
    /// missing, which is an error).
    ///
    /// A missing explanation does not stop `check`: the officer at the desk gets the verdict, with the finding's
    /// own message; only the lint, run after every edit, insists.
    public func lintExplanations() -> (errors: [RulesError], warnings: [RulesWarning]) {
        var errors: [RulesError] = []
        var warnings: [RulesWarning] = []
        var catalogues: [ExplanationCatalogue] = []
        let folder = (directory as NSString).appendingPathComponent(ExplanationCatalogue.folderName)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        if !files.contains(explanations.language + ".yaml") {
            errors.append(.missingFile(path: explanations.path))
        }
        for name in files {
            let path = (folder as NSString).appendingPathComponent(name)
            if path == explanations.path {
                catalogues.append(explanations)
                continue
            }
            do {
                catalogues.append(try ExplanationCatalogue.load(path: path))
            } catch {
                errors.append(error)
            }
        }
        let builtIn = BuiltInRules.ids
        let known = Set(builtIn + rules.map(\.id))
        let rulesPath = (directory as NSString).appendingPathComponent("rules.yaml")
        for catalogue in catalogues {
            let relative = "\(ExplanationCatalogue.folderName)/\(catalogue.language).yaml"
            for id in builtIn where catalogue[id] == nil {
                errors.append(.invalid(path: catalogue.path, line: catalogue.listLine,
                                       problem: "no explanation for DocSentry's check '\(id)': add an entry (id, title, meaning, at_the_desk, icao)"))
            }
            for rule in rules where catalogue[rule.id] == nil {
                errors.append(.invalid(path: rulesPath, line: rule.line,
                                       problem: "rule '\(rule.id)' has no explanation in \(relative): add an entry (id, title, meaning, at_the_desk, icao)"))
            }
            for entry in catalogue.entries.values.sorted(by: { $0.line < $1.line }) where !known.contains(entry.rule) {
                let hint = YAMLFile.closest(entry.rule, in: Array(known)).map { " (did you mean '\($0)'?)" } ?? ""
                warnings.append(RulesWarning(path: catalogue.path, line: entry.line,
                                             problem: "'\(entry.rule)' is explained but no check or rule reports it\(hint)"))
            }
        }
        return (errors, warnings)
    }

    /// Where a rule is defined, for a person who wants to read or change it: `rules.yaml` and its line for a rule
    /// written as data, nil for DocSentry's own checks.
    public func definition(of rule: String) -> (path: String, line: Int)? {
        guard let written = rules.first(where: { $0.id == rule }) else { return nil }
        return ((directory as NSString).appendingPathComponent("rules.yaml"), written.line)
    }

    /// The line of `policy.yaml` that re-weights `rule`, when it does.
    public func policyLine(of rule: String) -> (path: String, line: Int)? {
        guard let line = policy.severityLines[rule] else { return nil }
        return ((directory as NSString).appendingPathComponent("policy.yaml"), line)
    }

    /// A country code with its name for people: `RKS (Kosovo)`; a code no list knows says so.
    public func countryLabel(_ code: String) -> String {
        guard !code.isEmpty else { return "? (not printed)" }
        guard let country = countries[code] else { return "\(code) (not a known code)" }
        return "\(code) (\(country.name))"
    }
}
