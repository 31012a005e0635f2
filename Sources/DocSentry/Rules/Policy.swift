import Yams

/// Where DocSentry runs, which decides how some findings weigh: an expired passport stops a traveller at a
/// checkpoint but is only noted in an audit of old files.
public enum Mode: String, Sendable, CaseIterable, Codable {
    case checkpoint, audit, training
}

/// The checkpoint policy (`policy.yaml`): severities per rule and mode, and the limits date checks use.
public struct Policy: Sendable {
    /// Severity overrides: rule id → mode → severity.
    public let severities: [String: [Mode: Severity]]
    /// The line of each override, for lint messages.
    let severityLines: [String: Int]
    public let defaultMaximumValidityYears: Int
    public let minimumRemainingValidityDays: [Mode: Int]
    /// OCR confidence (0-1) under which a character counts as uncertain.
    public let lowConfidenceThreshold: Double

    public init(severities: [String: [Mode: Severity]] = [:], defaultMaximumValidityYears: Int = 10,
                minimumRemainingValidityDays: [Mode: Int] = [:], lowConfidenceThreshold: Double = 0.75) {
        self.severities = severities
        self.severityLines = [:]
        self.defaultMaximumValidityYears = defaultMaximumValidityYears
        self.minimumRemainingValidityDays = minimumRemainingValidityDays
        self.lowConfidenceThreshold = lowConfidenceThreshold
    }

    init(severities: [String: [Mode: Severity]], severityLines: [String: Int], defaultMaximumValidityYears: Int,
         minimumRemainingValidityDays: [Mode: Int], lowConfidenceThreshold: Double) {
        self.severities = severities
        self.severityLines = severityLines
        self.defaultMaximumValidityYears = defaultMaximumValidityYears
        self.minimumRemainingValidityDays = minimumRemainingValidityDays
        self.lowConfidenceThreshold = lowConfidenceThreshold
    }

    /// The severity a finding has in `mode`: the policy's, else the rule's own.
    public func severity(of finding: Finding, in mode: Mode) -> Severity {
        severities[finding.rule]?[mode] ?? finding.severity
    }

    static func load(_ file: YAMLFile) throws(RulesError) -> Policy {
        let top = try file.mapping(
            file.root,
            allowed: ["version", "default_maximum_validity_years", "minimum_remaining_validity_days",
                      "low_confidence_threshold", "severities"],
            required: ["version"], what: "the policy")
        guard try file.int(top["version"]!, what: "version") == 1 else {
            throw file.invalid(top["version"]!, "only version 1 is supported")
        }
        let years = try top["default_maximum_validity_years"].map { n throws(RulesError) in try file.int(n, what: "default_maximum_validity_years") } ?? 10
        var remaining: [Mode: Int] = [:]
        if let node = top["minimum_remaining_validity_days"] {
            for (mode, value) in try modes(file, node, what: "minimum_remaining_validity_days") {
                remaining[mode] = try file.int(value, what: "minimum_remaining_validity_days.\(mode.rawValue)")
            }
        }
        var threshold = 0.75
        if let node = top["low_confidence_threshold"] {
            guard let value = Double(try file.string(node, what: "low_confidence_threshold")), (0...1).contains(value) else {
                throw file.invalid(node, "low_confidence_threshold must be a number between 0 and 1")
            }
            threshold = value
        }
        var severities: [String: [Mode: Severity]] = [:]
        var lines: [String: Int] = [:]
        if let node = top["severities"] {
            guard case let .mapping(mapping) = node else { throw file.invalid(node, "severities must map rule ids to modes") }
            for (key, value) in mapping {
                let rule = try file.string(key, what: "a rule id")
                var perMode: [Mode: Severity] = [:]
                for (mode, severityNode) in try modes(file, value, what: "severities.\(rule)") {
                    let name = try file.string(severityNode, what: "a severity")
                    guard let severity = Severity(rawValue: name) else {
                        throw file.invalid(severityNode, "severity '\(name)' must be fail, warn or info")
                    }
                    perMode[mode] = severity
                }
                severities[rule] = perMode
                lines[rule] = file.line(key)
            }
        }
        return Policy(severities: severities, severityLines: lines, defaultMaximumValidityYears: years,
                      minimumRemainingValidityDays: remaining, lowConfidenceThreshold: threshold)
    }

    private static func modes(_ file: YAMLFile, _ node: Node, what: String) throws(RulesError) -> [(Mode, Node)] {
        let entries = try file.mapping(node, allowed: Mode.allCases.map(\.rawValue), what: what)
        return entries.map { (Mode(rawValue: $0.key)!, $0.value) }
    }
}
