/// Masks personal data in a report: names, document number, date of birth, optional data.
///
/// Reports carry personal data because their user asked for it; `--redact` is for reports that travel further
/// (a ticket, a training slide). Masked characters become `*`; the MRZ keeps its shape so positions still match.
public enum Redaction {
    static let personalFields: [MRZFieldName] = [.name, .documentNumber, .dateOfBirth, .optionalData, .optionalData2]

    public static func redact(_ report: Report, document: MRZDocument?) -> Report {
        var report = report
        report.redacted = true
        guard let document else { return report }
        var secrets: [String] = []
        var lines = document.lines.map { Array($0) }
        for name in personalFields {
            guard let field = document[name] else { continue }
            for offset in 0..<field.raw.count where lines[field.line - 1][field.column - 1 + offset] != "<" {
                lines[field.line - 1][field.column - 1 + offset] = "*"
            }
            secrets.append(field.value)
        }
        if let long = document.longDocumentNumber { secrets.append(document.documentNumber + long.continuation) }
        secrets += document.name.primaryIdentifier + document.name.secondaryIdentifier
        secrets += [document.documentNumber, report.document?.dateOfBirth].compactMap { $0 }
        if let raw = document[.dateOfBirth]?.raw { secrets.append(raw) }
        secrets = secrets.filter { $0.count >= 3 }.sorted { $0.count > $1.count }

        func scrub(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: String(repeating: "*", count: $1.count)) }
        }
        report.mrz = lines.map { String($0) }
        if let summary = report.document {
            report.document = summary.redacted(scrub)
        }
        let personal = Set(personalFields.map(\.rawValue))
        report.findings = report.findings.map { finding in
            // What the visual zone prints of a personal field is masked whole: it need not be the MRZ's value.
            let masked = VisualZoneCheck.isReading(of: finding) && !personal.isDisjoint(with: finding.fields)
            return Finding(rule: finding.rule, severity: finding.severity, message: scrub(finding.message),
                           fieldNames: finding.fields, position: finding.position,
                           evidence: finding.evidence.map { evidence in
                               masked && VisualZoneCheck.readingEvidence.contains(evidence.name)
                                   ? Evidence(evidence.name, String(repeating: "*", count: evidence.value.count))
                                   : Evidence(evidence.name, scrub(evidence.value))
                           },
                           lowConfidence: finding.lowConfidence, pageBox: finding.pageBox)
        }
        report.checks = report.checks.map { Check(rule: $0.rule, status: $0.status, detail: $0.detail.map(scrub)) }
        return report
    }
}

extension DocumentSummary {
    func redacted(_ scrub: (String) -> String) -> DocumentSummary {
        DocumentSummary(
            format: format, documentCode: documentCode, issuingState: issuingState, documentNumber: scrub(documentNumber),
            nationality: nationality, sex: sex, surname: scrub(surname), givenNames: scrub(givenNames),
            namePossiblyTruncated: namePossiblyTruncated, dateOfBirth: dateOfBirth.map { _ in "****-**-**" },
            dateOfExpiry: dateOfExpiry,
            fields: fields.mapValues { PrintedField(printed: scrub($0.printed), value: scrub($0.value), line: $0.line, column: $0.column) })
    }

    init(format: MRZFormat, documentCode: String, issuingState: String, documentNumber: String, nationality: String,
         sex: String, surname: String, givenNames: String, namePossiblyTruncated: Bool, dateOfBirth: String?,
         dateOfExpiry: String?, fields: [String: PrintedField]) {
        self.format = format
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.sex = sex
        self.surname = surname
        self.givenNames = givenNames
        self.namePossiblyTruncated = namePossiblyTruncated
        self.dateOfBirth = dateOfBirth
        self.dateOfExpiry = dateOfExpiry
        self.fields = fields
    }
}
