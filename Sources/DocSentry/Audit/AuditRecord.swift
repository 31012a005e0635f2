import Foundation

/// One line of an audit's JSON Lines output: a document's report, or the error that stopped its inspection.
///
/// A report record is exactly the object `docsentry check --format json` prints, plus `sha256` (of the input's
/// bytes). An error record is `{"file", "sha256", "error", "exit_code", "docsentry_version", "rules_sha256"}`:
/// `error` is the one-line message, `exit_code` what `check` would have exited with for that file alone (65 bad
/// input, 66 unreadable file); no OCR model read the file, so none is named.
public enum AuditRecord: Sendable {
    case report(Report, sha256: String)
    case error(file: String, sha256: String, message: String, exitCode: Int32, provenance: Provenance? = nil)

    public var file: String {
        switch self {
        case let .report(report, _): report.file
        case let .error(file, _, _, _, _): file
        }
    }

    public var sha256: String {
        switch self {
        case let .report(_, sha256), let .error(_, sha256, _, _, _): sha256
        }
    }

    /// What made the record: the report's, or for an error record the program and rules of the audit.
    public var provenance: Provenance? {
        switch self {
        case let .report(report, _): report.provenance
        case let .error(_, _, _, _, provenance): provenance
        }
    }

    /// The record as one JSON line (sorted keys, no trailing newline).
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case let .report(report, sha256):
            data = (try? encoder.encode(ReportWithDigest(report: report, sha256: sha256))) ?? Data()
        case let .error(file, sha256, message, exitCode, provenance):
            let line = ErrorLine(file: file, sha256: sha256, error: message, exitCode: exitCode,
                                 docsentryVersion: provenance?.docsentryVersion, rulesSHA256: provenance?.rulesSHA256)
            data = (try? encoder.encode(line)) ?? Data()
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a record from one JSON line.
    ///
    /// - Throws: a message saying what is wrong with the line (the caller adds the file and line number).
    public init(jsonLine line: some DataProtocol) throws(AuditRecordError) {
        let data = Data(line)
        let decoder = JSONDecoder()
        let header: RecordHeader
        do {
            header = try decoder.decode(RecordHeader.self, from: data)
        } catch {
            throw AuditRecordError(detail: Self.explain(error))
        }
        if let message = header.error {
            let provenance = header.docsentryVersion.map { Provenance(docsentryVersion: $0, rulesSHA256: header.rulesSHA256 ?? "", ocrModel: nil) }
            self = .error(file: header.file, sha256: header.sha256, message: message, exitCode: header.exitCode ?? 65, provenance: provenance)
            return
        }
        do {
            self = .report(try decoder.decode(Report.self, from: data), sha256: header.sha256)
        } catch {
            throw AuditRecordError(detail: Self.explain(error))
        }
    }

    static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "no \"\(path)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON: \(context.debugDescription)" : "bad \"\(path)\": \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    /// Encodes the report's own keys, then `sha256` into the same object.
    struct ReportWithDigest: Encodable {
        let report: Report
        let sha256: String
        enum Keys: String, CodingKey { case sha256 }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(sha256, forKey: .sha256)
        }
    }

    struct ErrorLine: Codable {
        let file: String
        let sha256: String
        let error: String
        let exitCode: Int32
        let docsentryVersion: String?
        let rulesSHA256: String?
        enum CodingKeys: String, CodingKey {
            case file, sha256, error
            case exitCode = "exit_code"
            case docsentryVersion = "docsentry_version"
            case rulesSHA256 = "rules_sha256"
        }
    }

    struct RecordHeader: Decodable {
        let file: String
        let sha256: String
        let error: String?
        let exitCode: Int32?
        let docsentryVersion: String?
        let rulesSHA256: String?
        enum CodingKeys: String, CodingKey {
            case file, sha256, error
            case exitCode = "exit_code"
            case docsentryVersion = "docsentry_version"
            case rulesSHA256 = "rules_sha256"
        }
    }
}

/// What is wrong with a line that should be an audit record.
public struct AuditRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public let detail: String
    public var description: String { detail }
}

/// How a record counts in an audit's summary: its verdict (nil for an error record), the rules of its
/// `warn` and `fail` findings, its issuing state, and why it could not be read.
public struct RecordDigest: Sendable, Equatable {
    public let file: String
    public let verdict: Verdict?
    public let findingRules: [String]
    public let issuingState: String?
    /// For error records the error; for `unreadable` reports the reason.
    public let problem: String?
    public let exitCode: Int32?

    public init(_ record: AuditRecord) {
        file = record.file
        switch record {
        case let .report(report, _):
            verdict = report.verdict
            var seen = Set<String>()
            findingRules = report.findings.filter { $0.severity != .info }.map(\.rule).filter { seen.insert($0).inserted }
            issuingState = report.document?.issuingState
            problem = report.verdict == .unreadable ? (report.reason ?? "no MRZ could be read") : nil
            exitCode = nil
        case let .error(_, _, message, code, _):
            verdict = nil
            findingRules = []
            issuingState = nil
            problem = message
            exitCode = code
        }
    }
}
