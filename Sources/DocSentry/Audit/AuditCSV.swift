import Foundation

/// The flat table of an audit (`--csv`): one row per document, one column per MRZ field, the verdict, the
/// reason, the rules of the `warn`/`fail` findings (`;`-separated) and the error.
///
/// RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted and their quotes
/// doubled. A cell that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, tab or CR:
/// a file name can) gets a leading `'`, so opening the table never runs anything.
public enum AuditCSV {
    public static let columns = [
        "file", "sha256", "verdict", "reason", "format", "document_code", "issuing_state", "document_number",
        "nationality", "date_of_birth", "sex", "date_of_expiry", "surname", "given_names", "findings", "error",
    ]

    /// The row for one record.
    public static func row(_ record: AuditRecord) -> [String] {
        switch record {
        case let .report(report, sha256):
            let d = report.document
            let rules = RecordDigest(record).findingRules.joined(separator: ";")
            return [report.file, sha256, report.verdict.rawValue, report.reason ?? "", d?.format.rawValue ?? "",
                    d?.documentCode ?? "", d?.issuingState ?? "", d?.documentNumber ?? "", d?.nationality ?? "",
                    d?.dateOfBirth ?? "", d?.sex ?? "", d?.dateOfExpiry ?? "", d?.surname ?? "", d?.givenNames ?? "",
                    rules, ""]
        case let .error(file, sha256, message, _, _):
            return [file, sha256, "error", "", "", "", "", "", "", "", "", "", "", "", "", message]
        }
    }

    /// One CSV line (with its CRLF).
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes the table of `results` (sorted by file) to `path` (whole or not at all: `AtomicOutputFile`).
    public static func write(_ results: AuditResults, to path: String) throws(AuditError) {
        let out = try AtomicOutputFile(path: path)
        var buffer = line(columns)
        try results.forEach { record, _ throws(AuditError) in
            buffer += line(row(record))
            if buffer.utf8.count > 1 << 16 {
                try out.write(buffer)
                buffer = ""
            }
        }
        try out.write(buffer)
        try out.commit()
    }
}
