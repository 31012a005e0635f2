/// One check digit of a document as the standard defines it: the characters it covers, where they stand, and the
/// digit printed for them.
///
/// The validator judges these; `docsentry explain` shows them as tables. One definition for both, so that what a
/// trainee is shown is what DocSentry checked.
public struct CheckDigitComputation: Sendable, Equatable {
    /// The rule id: `mrz.check-digit.date-of-birth`.
    public let rule: String
    /// What the digit protects, in words: "date of birth".
    public let what: String
    /// The fields involved: the covered field(s) and the check digit.
    public let fields: [MRZFieldName]
    /// The covered characters in order, and each one's place on the MRZ.
    public let characters: [Character]
    public let positions: [MRZPosition]
    /// The digit printed, and where.
    public let printed: Character
    public let printedPosition: MRZPosition
    /// Set when the standard accepts the printed filler without computing: the TD3 optional-data check digit `<`
    /// over optional data that is all fillers (Doc 9303 Part 4 §4.2.2).
    public let fillerAccepted: Bool

    /// The digit the characters call for: nil when one of them is outside the MRZ alphabet.
    public var expected: Character? { CheckDigit.character(for: characters) }

    /// Whether the printed digit is the right one (or an accepted filler).
    public var passes: Bool { fillerAccepted || expected == printed }
}

/// Recomputes every check digit of an MRZ and compares it with the one printed.
///
/// ICAO Doc 9303 Part 3 §4.9 (the algorithm), Parts 4-7 §4.2.2 (which digits each format has and what the
/// composite covers), Part 5/6 note j (long document numbers), Part 4 §4.2.2 (the TD3 optional-data check digit
/// may be `<` when the optional data is all fillers).
public enum CheckDigitValidator {
    public static func validate(_ document: MRZDocument) -> Assessment {
        var assessment = Assessment()
        for computation in computations(document) {
            judge(computation, into: &assessment)
        }
        if !document.format.hasCompositeCheckDigit {
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

    /// Every check digit of the document's format, in the order the format prints them, the composite last.
    public static func computations(_ document: MRZDocument) -> [CheckDigitComputation] {
        let layout = MRZLayout.of(document.format)
        var result = layout.checkDigits.compactMap { fieldComputation($0, document) }
        if document.format.hasCompositeCheckDigit, let composite = compositeComputation(layout, document) {
            result.append(composite)
        }
        return result
    }

    private static func fieldComputation(_ spec: MRZCheckDigitSpec, _ document: MRZDocument) -> CheckDigitComputation? {
        guard let field = document[spec.field], let digit = document[spec.checkDigit] else { return nil }
        var characters = Array(field.raw)
        var positions = field.columns.map { MRZPosition(line: field.line, column: $0) }
        var printed = Character(digit.raw)
        var position = MRZPosition(digit)
        var fields = [spec.field, spec.checkDigit]

        if spec.field == .documentNumber, let long = document.longDocumentNumber, let optional = document[.optionalData] {
            characters += Array(long.continuation)
            positions += (0..<long.continuation.count).map { MRZPosition(line: optional.line, column: optional.column + $0) }
            printed = Character(long.checkDigit)
            position = MRZPosition(line: long.checkDigitLine, column: long.checkDigitColumn)
            fields.append(.optionalData)
        }
        let fillerAccepted = spec.checkDigit == .optionalDataCheckDigit && printed == "<" && field.raw.allSatisfy { $0 == "<" }
        return CheckDigitComputation(rule: ruleID(spec.checkDigit), what: spec.field.description, fields: fields,
                                     characters: characters, positions: positions, printed: printed,
                                     printedPosition: position, fillerAccepted: fillerAccepted)
    }

    private static func compositeComputation(_ layout: MRZLayout, _ document: MRZDocument) -> CheckDigitComputation? {
        guard let digit = document[.compositeCheckDigit], let text = try? MRZText(lines: document.lines) else { return nil }
        var characters: [Character] = []
        var positions: [MRZPosition] = []
        for span in layout.compositeCoverage {
            characters += Array(text.substring(line: span.line, columns: span.columns))
            positions += span.columns.map { MRZPosition(line: span.line + 1, column: $0 + 1) }
        }
        return CheckDigitComputation(rule: ruleID(.compositeCheckDigit), what: "composite of document number, dates and optional data",
                                     fields: [.compositeCheckDigit], characters: characters, positions: positions,
                                     printed: Character(digit.raw), printedPosition: MRZPosition(digit), fillerAccepted: false)
    }

    private static func judge(_ computation: CheckDigitComputation, into assessment: inout Assessment) {
        if computation.fillerAccepted {
            assessment.passed(computation.rule, "optional data empty; check digit < allowed (Doc 9303 Part 4 §4.2.2)")
            return
        }
        guard let expected = computation.expected else { return }
        if computation.printed == expected {
            assessment.passed(computation.rule)
            return
        }
        let covered = String(computation.characters)
        let printed = computation.printed
        let printedText = printed == "<" ? "< (filler)" : String(printed)
        assessment.failed(Finding(
            rule: computation.rule, severity: .fail,
            message: "check digit of the \(computation.what) is \(printedText), but \(covered) gives \(expected): the field or its check digit was altered or misprinted",
            fields: computation.fields, position: computation.printedPosition,
            evidence: [Evidence("characters", covered), Evidence("printed", String(printed)),
                       Evidence("expected", String(expected))]))
    }
}
