/// How much a finding weighs in the verdict.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    /// Recorded for the reader (an OCR correction, a possibly truncated name); no effect on the verdict.
    case info
    /// Needs a person: the verdict is at least `review`.
    case warn
    /// The document fails: the verdict is `reject`.
    case fail

    private var rank: Int {
        switch self {
        case .info: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place on the MRZ: 1-based line, 1-based first column, number of characters.
public struct MRZPosition: Sendable, Hashable, Codable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let length: Int

    public init(line: Int, column: Int, length: Int = 1) {
        self.line = line
        self.column = column
        self.length = length
    }

    public init(_ field: MRZField) {
        self.init(line: field.line, column: field.column, length: field.raw.count)
    }

    public var description: String {
        length > 1 ? "line \(line), columns \(column)-\(column + length - 1)" : "line \(line), column \(column)"
    }
}

/// One piece of evidence: a name and what was seen (`read: 3`, `expected: 2`).
public struct Evidence: Sendable, Hashable, Codable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Something found about a document: what rule, how serious, where on the MRZ, and the evidence.
///
/// Findings are data, never errors: a failing check digit is a finding, a file that cannot be read is an
/// error.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable rule id, e.g. `mrz.check-digit.date-of-birth`.
    public let rule: String
    public var severity: Severity
    /// What was found and what to do, in words.
    public let message: String
    /// The MRZ fields involved (`date_of_birth`, ...).
    public let fields: [String]
    /// Where on the MRZ, when the finding is about characters.
    public let position: MRZPosition?
    public let evidence: [Evidence]
    /// Set when the characters involved were read with low OCR confidence, so a would-be `fail` is `warn`.
    public var lowConfidence: Bool
    /// Where on the page the finding's evidence was measured: `[x, y, width, height]` in pixels of the decoded
    /// image (after its EXIF orientation), for a report or `explain` to draw. Nil for findings about the text.
    public var pageBox: [Double]?

    public init(rule: String, severity: Severity, message: String, fields: [MRZFieldName] = [],
                position: MRZPosition? = nil, evidence: [Evidence] = [], lowConfidence: Bool = false,
                pageBox: [Double]? = nil) {
        self.init(rule: rule, severity: severity, message: message, fieldNames: fields.map(\.rawValue),
                  position: position, evidence: evidence, lowConfidence: lowConfidence, pageBox: pageBox)
    }

    public init(rule: String, severity: Severity, message: String, fieldNames: [String],
                position: MRZPosition?, evidence: [Evidence], lowConfidence: Bool = false, pageBox: [Double]? = nil) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.fields = fieldNames
        self.position = position
        self.evidence = evidence
        self.lowConfidence = lowConfidence
        self.pageBox = pageBox
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity, message, fields, position, evidence
        case lowConfidence = "low_confidence"
        case pageBox = "page_box"
    }
}

/// The outcome of one check: every check says whether it passed, failed or could not be performed, so a
/// report shows what was checked, not only what failed.
public enum CheckStatus: String, Codable, Sendable {
    case passed
    case failed
    case notPerformed = "not_performed"
}

/// One check and its outcome.
public struct Check: Sendable, Hashable, Codable {
    public let rule: String
    public let status: CheckStatus
    /// Why the check was not performed, or a short note on what it compared.
    public let detail: String?

    public init(rule: String, status: CheckStatus, detail: String? = nil) {
        self.rule = rule
        self.status = status
        self.detail = detail
    }
}

/// The answer for one document.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// Nothing found that needs a person.
    case pass
    /// A person should look (a warning, or a failure on characters read with low confidence: rescan).
    case review
    /// A check failed on confidently read characters.
    case reject
    /// No MRZ could be read: no text band, too small, too blurred.
    case unreadable

    /// The verdict the findings call for: any `fail` is `reject`, any `warn` is `review`, else `pass`.
    public static func from(findings: [Finding]) -> Verdict {
        let worst = findings.map(\.severity).max() ?? .info
        switch worst {
        case .fail: return .reject
        case .warn: return .review
        case .info: return .pass
        }
    }
}

/// Collects the checks and findings of validation stages.
public struct Assessment: Sendable {
    public private(set) var checks: [Check] = []
    public private(set) var findings: [Finding] = []

    public init() {}

    public mutating func passed(_ rule: String, _ detail: String? = nil) {
        checks.append(Check(rule: rule, status: .passed, detail: detail))
    }

    public mutating func notPerformed(_ rule: String, because reason: String) {
        checks.append(Check(rule: rule, status: .notPerformed, detail: reason))
    }

    /// Records a failed check and its finding.
    public mutating func failed(_ finding: Finding, _ detail: String? = nil) {
        checks.append(Check(rule: finding.rule, status: .failed, detail: detail))
        findings.append(finding)
    }

    /// Records a finding that is not the outcome of a check (an OCR correction, a note).
    public mutating func note(_ finding: Finding) { findings.append(finding) }

    public mutating func merge(_ other: Assessment) {
        checks += other.checks
        findings += other.findings
    }
}
