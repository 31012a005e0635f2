/// Renders a report for a person at a terminal: the verdict first, then what failed, then what was checked.
public struct TextRenderer: Sendable {
    public var color: Bool
    /// Also list every check that passed or was not performed.
    public var verbose: Bool
    /// The rules the report was made with: country names for the summary line, and under each finding what it
    /// means at the desk (`explanations/en.yaml`). Without them, codes and messages only.
    public var rules: RuleSet?

    public init(color: Bool, verbose: Bool = false, rules: RuleSet? = nil) {
        self.color = color
        self.verbose = verbose
        self.rules = rules
    }

    private func country(_ code: String) -> String {
        rules?.countryLabel(code) ?? (code.isEmpty ? "?" : code)
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func verdictLabel(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: paint("PASS", "1;32")
        case .review: paint("REVIEW", "1;33")
        case .reject: paint("REJECT", "1;31")
        case .unreadable: paint("UNREADABLE", "1;35")
        }
    }

    private func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .fail: paint("fail", "31")
        case .warn: paint("warn", "33")
        case .info: paint("info", "36")
        }
    }

    public func render(_ report: Report) -> String {
        var out: [String] = []
        out.append("\(report.file): \(verdictLabel(report.verdict))" + (report.reason.map { " (\($0))" } ?? ""))
        if let document = report.document {
            out.append("  \(document.format) \(document.documentCode) issued by \(country(document.issuingState)), number \(document.documentNumber), nationality \(country(document.nationality))")
            out.append("  name: \(document.surname), \(document.givenNames)   sex: \(document.sex)   born: \(document.dateOfBirth ?? "unknown")   expires: \(document.dateOfExpiry ?? "unknown")")
        }
        if let lines = report.mrz {
            for line in lines { out.append("  | \(line)") }
        }
        let findings = report.findings.sorted { $0.severity > $1.severity }
        var explained: Set<String> = []
        for finding in findings where finding.severity != .info || verbose || finding.rule.hasPrefix("ocr.") || finding.rule.hasPrefix("specimen") {
            var line = "  [\(severityLabel(finding.severity))] \(finding.rule): \(finding.message)"
            if let position = finding.position { line += " (\(position))" }
            if finding.lowConfidence { line += " [low OCR confidence: rescan]" }
            out.append(line)
            // What to do about it, once per rule: an officer reads the verdict, then this. A finding on characters
            // read with doubt is a rescan, whatever its rule says about forgeries.
            let rule = finding.lowConfidence ? "ocr.low-confidence" : finding.rule
            if finding.severity != .info || verbose, let text = rules?.explanations[rule]?.atTheDesk,
                explained.insert(rule).inserted
            {
                out.append("         \(paint("→ " + text, "2"))")
            }
        }
        let counts = Dictionary(grouping: report.checks, by: \.status).mapValues(\.count)
        out.append("  checks: \(counts[.passed] ?? 0) passed, \(counts[.failed] ?? 0) failed, \(counts[.notPerformed] ?? 0) not performed")
        if verbose {
            for check in report.checks {
                out.append("    \(check.status.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(check.rule)" + (check.detail.map { ": \($0)" } ?? ""))
            }
            out.append("  made by \(report.provenance)")
        }
        return out.joined(separator: "\n")
    }
}
