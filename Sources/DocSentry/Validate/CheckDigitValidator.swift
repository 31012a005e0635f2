/// Recomputes every check digit of an MRZ and compares it with the one printed.
///
/// ICAO Doc 9303 Part 3 §4.9 (the algorithm), Parts 4-7 §4.2.2 (which digits each format has and what the
/// composite covers), Part 5/6 note j (long document numbers), Part 4 §4.2.2 (the TD3 optional-data check digit
/// may be `<` when the optional data is all fillers).
public enum CheckDigitValidator {
    public static func validate(_ document: MRZDocument) -> Assessment {
        var assessment = Assessment()
        let layout = MRZLayout.of(document.format)
        for spec in layout.checkDigits {
            checkField(spec, document, &assessment)
        }
        if document.format.hasCompositeCheckDigit {
            checkComposite(layout, document, &assessment)
        } else {
            assessment.notPerformed(ruleID(.compositeCheckDigit),
                                    because: "\(document.format) has no composite check digit (Doc 9303 Part 7)")
        }
        return assessment
    }

    /// The rule id of a check digit: `mrz.check-digit.date-of-birth`.
    public static func ruleID(_ checkDigit: MRZFieldName) -> String {
        switch checkDigit {
        case .documentNumberCheckDigit: "mrz.check-digit.document-number"
        case .dateOfBirthCheckDigit: "mrz.check-digit.date-of-birth"
        case .dateOfExpiryCheckDigit: "mrz.check-digit.date-of-expiry"
        case .optionalDataCheckDigit: "mrz.check-digit.optional-data"
        default: "mrz.check-digit.composite"
        }
    }

    private static func checkField(_ spec: MRZCheckDigitSpec, _ document: MRZDocument, _ assessment: inout Assessment) {
        guard let field = document[spec.field], let digit = document[spec.checkDigit] else { return }
        let rule = ruleID(spec.checkDigit)
        var covered = field.raw
        var printed = Character(digit.raw)
        var position = MRZPosition(digit)
        var fields = [spec.field, spec.checkDigit]

        if spec.field == .documentNumber, let long = document.longDocumentNumber {
            covered = field.raw + long.continuation
            printed = Character(long.checkDigit)
            position = MRZPosition(line: long.checkDigitLine, column: long.checkDigitColumn)
            fields.append(.optionalData)
        }
        if spec.checkDigit == .optionalDataCheckDigit, printed == "<", field.raw.allSatisfy({ $0 == "<" }) {
            assessment.passed(rule, "optional data empty; check digit < allowed (Doc 9303 Part 4 §4.2.2)")
            return
        }
        compare(rule: rule, covered: covered, printed: printed, position: position, fields: fields,
                what: spec.field.description, into: &assessment)
    }

    private static func checkComposite(_ layout: MRZLayout, _ document: MRZDocument, _ assessment: inout Assessment) {
        guard let digit = document[.compositeCheckDigit] else { return }
        let text = try? MRZText(lines: document.lines)
        guard let text else { return }
        let covered = layout.compositeCoverage.map { text.substring(line: $0.line, columns: $0.columns) }.joined()
        compare(rule: ruleID(.compositeCheckDigit), covered: covered, printed: Character(digit.raw),
                position: MRZPosition(digit), fields: [.compositeCheckDigit],
                what: "composite of document number, dates and optional data", into: &assessment)
    }

    private static func compare(rule: String, covered: String, printed: Character, position: MRZPosition,
                                fields: [MRZFieldName], what: String, into assessment: inout Assessment) {
        guard let expected = CheckDigit.character(for: covered) else { return }
        if printed == expected {
            assessment.passed(rule)
            return
        }
        let printedText = printed == "<" ? "< (filler)" : String(printed)
        assessment.failed(Finding(
            rule: rule, severity: .fail,
            message: "check digit of the \(what) is \(printedText), but \(covered) gives \(expected): the field or its check digit was altered or misprinted",
            fields: fields, position: position,
            evidence: [Evidence("characters", covered), Evidence("printed", String(printed)),
                       Evidence("expected", String(expected))]))
    }
}
