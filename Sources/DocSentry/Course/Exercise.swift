import Foundation

/// What a trainee must answer for a document, taken from DocSentry's own report: the verdict, and the fields that
/// betray the document (empty when it passes).
///
/// The course pack and the quiz both score with it, so a trainee is held to exactly what the checkpoint decides.
public struct ExerciseAnswer: Sendable, Equatable, Codable {
    public let verdict: Verdict
    /// The MRZ fields (`MRZFieldName` raw values) of the findings that weigh on the verdict: naming any of them
    /// is right.
    public let fields: [String]
    /// The rule ids of those findings.
    public let rules: [String]

    public init(verdict: Verdict, fields: [String], rules: [String]) {
        self.verdict = verdict
        self.fields = fields
        self.rules = rules
    }

    /// The answer a report calls for. A finding's fields count, and the field under its position (a character
    /// finding, an OCR repair, the composite check digit).
    public init(report: Report) {
        verdict = report.verdict
        var fields: [String] = []
        var rules: [String] = []
        let layout = report.document.map { MRZLayout.of($0.format) }
        for finding in report.findings where finding.severity != .info {
            if !rules.contains(finding.rule) { rules.append(finding.rule) }
            var names = finding.fields
            if let position = finding.position, let layout,
                let spec = layout.field(line: position.line - 1, column: position.column - 1) {
                names.append(spec.name.rawValue)
            }
            for name in names where !fields.contains(name) { fields.append(name) }
        }
        self.fields = report.verdict == .pass ? [] : fields
        self.rules = rules
    }

    /// Whether a trainee's field names one that betrays the document; for a pass, whether they named none.
    public func accepts(field: String?) -> Bool {
        guard let field, !field.isEmpty else { return fields.isEmpty }
        return fields.contains(field)
    }
}

/// One exercise of a course pack.
public struct Exercise: Sendable, Equatable, Codable {
    /// 1-based, in the order the trainee sees them.
    public let number: Int
    /// The image, relative to the pack's folder: `exercises/03.png`.
    public let image: String
    public let format: MRZFormat
    public let answer: ExerciseAnswer
    /// For the trainer: how the document was made (from the generator's answer key).
    public let forgeries: [ForgeryRecord]
    public let degradations: [DegradationRecord]
    public let mrzLines: [String]
    public let seed: UInt64
    public let index: Int
}

/// `course.json` in a pack's folder: what the quiz needs to set the same exercises (no answers: the quiz asks
/// DocSentry, as the pack's page was built from DocSentry's answers).
public struct CourseManifest: Sendable, Equatable, Codable {
    public static let fileName = "course.json"
    public var schemaVersion = 1
    public let title: String
    public let seed: UInt64
    public let difficulty: CourseDifficulty
    public let referenceDate: CalendarDate
    public let mode: Mode
    /// The OCR model the answers were made with (`mrz`, `eng` or a path).
    public let ocrModel: String
    /// Exercise images relative to the folder, in order.
    public let exercises: [String]

    public static func load(folder: String) throws(CourseError) -> CourseManifest {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .notACourse(path: folder, reason: "no \(fileName) in it")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(CourseManifest.self, from: data)
        } catch {
            throw .notACourse(path: path, reason: "not a course manifest: \(error)")
        }
    }
}

/// What the builder left out, and why: a trainer must know when a forgery kind never made it into the pack.
public struct CourseDrops: Sendable, Equatable, Codable {
    /// Forged documents DocSentry lets pass, by forgery kind: a wrong lesson, never shipped.
    public var forgeriesPassed: [String: Int] = [:]
    /// Documents DocSentry judged otherwise than their answer key (mostly misreads of degraded scans).
    public var misjudged = 0
    /// Documents the scan made unreadable.
    public var unreadable = 0

    public var total: Int { forgeriesPassed.values.reduce(0, +) + misjudged + unreadable }
}
