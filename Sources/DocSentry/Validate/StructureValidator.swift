/// Checks what ICAO Doc 9303 says each field may hold: the document code for the format, the characters of
/// each field, the sex, and the name's syntax.
public enum StructureValidator {
    public static func validate(_ document: MRZDocument) -> Assessment {
        var assessment = Assessment()
        checkDocumentCode(document, &assessment)
        checkFieldCharacters(document, &assessment)
        checkSex(document, &assessment)
        checkName(document, &assessment)
        return assessment
    }

    /// Doc 9303 Part 4 §4.2.2 (TD3: `P`), Part 5 note k and Part 6 (TD1/TD2: `A`, `C` or `I`; second character
    /// not `V`; not `AI` on TD1; not `AC` on TD2), Part 7 (visas: `V`).
    static func checkDocumentCode(_ document: MRZDocument, _ assessment: inout Assessment) {
        guard let field = document[.documentCode] else { return }
        let code = Array(field.raw)
        let first = code[0]
        let second = code[1]
        let rule = "mrz.document-code.format"
        func fail(_ why: String) {
            assessment.failed(Finding(
                rule: rule, severity: .fail, message: "document code \(field.raw) \(why)",
                fields: [.documentCode], position: MRZPosition(field), evidence: [Evidence("printed", field.raw)]))
        }
        let allowed = document.format.documentCodeFirstLetters.contains(first)
        switch document.format {
        case .td3:
            guard allowed else { return fail("does not start with P, as a TD3 passport's must (Doc 9303 Part 4 §4.2.2)") }
        case .mrvA, .mrvB:
            guard allowed else { return fail("does not start with V, as a visa's must (Doc 9303 Part 7)") }
        case .td1, .td2:
            guard allowed else {
                return fail("does not start with A, C or I, as a \(document.format) card's must (Doc 9303 Part \(document.format == .td1 ? 5 : 6))")
            }
            if second == "V" { return fail("has V as second character, which Doc 9303 forbids on cards") }
            if document.format == .td1, first == "A", second == "I" { return fail("is AI, which Doc 9303 Part 5 note k forbids") }
            if document.format == .td2, first == "A", second == "C" { return fail("is AC, which Doc 9303 Part 6 forbids on TD2") }
        }
        guard MRZCharacter.isLetter(second) || second == "<" else {
            return fail("has a digit as second character")
        }
        assessment.passed(rule)
    }

    /// Every field's characters against its class: letters in codes and names, digits in dates and check
    /// digits (Doc 9303 Parts 4-7 §4.2.2 data structures).
    static func checkFieldCharacters(_ document: MRZDocument, _ assessment: inout Assessment) {
        let layout = MRZLayout.of(document.format)
        var failed = false
        for spec in layout.fields where spec.name != .sex {
            guard let field = document[spec.name] else { continue }
            for (offset, character) in field.raw.enumerated() where !spec.characterClass.allows(character) {
                // A long document number puts its check digit's `<` legally in the check-digit position.
                if spec.name == .documentNumberCheckDigit, character == "<" { continue }
                failed = true
                let expected = spec.characterClass == .letterOrFiller ? "letters and <" : "digits and <"
                assessment.note(Finding(
                    rule: "mrz.field.characters", severity: .fail,
                    message: "\(spec.name) holds '\(character)', but only \(expected) belong there",
                    fields: [spec.name], position: MRZPosition(line: field.line, column: field.column + offset),
                    evidence: [Evidence("printed", field.raw), Evidence("character", String(character))]))
            }
        }
        if failed {
            assessment.failed(Finding(rule: "mrz.field.characters", severity: .info,
                                      message: "characters out of place in their fields (see the findings above)"))
        } else {
            assessment.passed("mrz.field.characters")
        }
    }

    /// Doc 9303 Part 4 note p: the MRZ sex is `F`, `M` or `<`. `X` belongs in the VIZ only; documents with `X`
    /// in the MRZ exist, so it is a conformance deviation, not proof of forgery.
    static func checkSex(_ document: MRZDocument, _ assessment: inout Assessment) {
        guard let field = document[.sex] else { return }
        switch field.raw {
        case "F", "M", "<":
            assessment.passed("mrz.sex")
        case "X":
            assessment.failed(Finding(
                rule: "mrz.sex.x", severity: .warn,
                message: "sex is X in the MRZ; Doc 9303 wants < there (X only in the visual zone): a conformance deviation",
                fields: [.sex], position: MRZPosition(field), evidence: [Evidence("printed", "X")]))
        default:
            assessment.failed(Finding(
                rule: "mrz.sex", severity: .fail,
                message: "sex is '\(field.raw)'; the MRZ allows F, M or <",
                fields: [.sex], position: MRZPosition(field), evidence: [Evidence("printed", field.raw)]))
        }
    }

    /// Doc 9303 Part 3 §4.6 and Part 4 §4.2.3: primary identifier first, `<<` before the secondary identifier,
    /// single `<` between components, no digits; a letter in the last position means "possibly truncated".
    static func checkName(_ document: MRZDocument, _ assessment: inout Assessment) {
        guard let field = document[.name] else { return }
        let rule = "mrz.name.syntax"
        if field.raw.first == "<" {
            assessment.failed(Finding(
                rule: rule, severity: .warn,
                message: "the name starts with a filler: no primary identifier is printed",
                fields: [.name], position: MRZPosition(line: field.line, column: field.column),
                evidence: [Evidence("printed", field.raw)]))
        } else if let range = trimmedName(field.raw).range(of: "<<<") {
            let column = field.column + trimmedName(field.raw).distance(from: trimmedName(field.raw).startIndex, to: range.lowerBound)
            assessment.failed(Finding(
                rule: rule, severity: .warn,
                message: "three or more fillers inside the name: components are separated by one <, identifiers by <<",
                fields: [.name], position: MRZPosition(line: field.line, column: column, length: 3),
                evidence: [Evidence("printed", field.raw)]))
        } else if document.name.primaryIdentifier.isEmpty {
            assessment.failed(Finding(rule: rule, severity: .warn, message: "the name field is empty",
                                      fields: [.name], position: MRZPosition(field), evidence: []))
        } else {
            assessment.passed(rule)
        }
        if document.name.possiblyTruncated {
            assessment.note(Finding(
                rule: "mrz.name.possibly-truncated", severity: .info,
                message: "the name fills its field to the last position, so it may be truncated (Doc 9303 Part 4 §4.2.3.4)",
                fields: [.name], position: MRZPosition(line: field.line, column: field.column + field.raw.count - 1),
                evidence: [Evidence("printed", field.raw)]))
        }
    }

    private static func trimmedName(_ raw: String) -> Substring {
        var text = Substring(raw)
        while text.last == "<" { text = text.dropLast() }
        return text
    }
}
