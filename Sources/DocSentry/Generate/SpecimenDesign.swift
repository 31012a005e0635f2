/// One specimen before it is drawn: the content, the MRZ lines and visual zone as they will be printed (forgeries
/// applied), and what DocSentry must answer for it.
public struct SpecimenDesign: Sendable {
    public var content: SpecimenContent
    /// The MRZ lines exactly as printed, which for a forgery may break the standard.
    public var lines: [String]
    /// The visual zone exactly as printed.
    public var visualZone: VisualZone
    public var forgeries: [ForgeryRecord] = []
    /// Characters printed differently from the rest of the MRZ.
    public var printAnomalies: [PrintAnomaly] = []
    /// Rule ids DocSentry must report as failed (severity fail or warn) when it reads the MRZ correctly.
    public var expectedRules: [String] = []
    /// The verdict from the MRZ as printed: check digits, structure, dates and rules, nothing else.
    public var expectedVerdict: Verdict = .pass
    /// The verdict once the visual-zone cross-check and print forensics also run.
    public var expectedVerdictWithForensics: Verdict = .pass
    /// True when the front of a card must be shown with its back (the visual zone a forgery altered is on the
    /// front of a TD1 card, whose MRZ is on the back: Doc 9303 Part 5 §3.1).
    public var requiresFrontSide = false

    public init(content: SpecimenContent) {
        self.content = content
        lines = MRZComposer.compose(content.fields)
        visualZone = content.visualZone
    }

    public var format: MRZFormat { content.format }

    /// The characters of `field` as printed (fillers included), or nil when the format has no such field.
    func text(of field: MRZFieldName) -> String? {
        guard let spec = MRZLayout.of(format).spec(field) else { return nil }
        return String(Array(lines[spec.line])[spec.columns])
    }

    /// Replaces the character at 0-based `line` and `column`.
    mutating func replace(line: Int, column: Int, with character: Character) {
        var characters = Array(lines[line])
        characters[column] = character
        lines[line] = String(characters)
    }

    /// Writes the check digit `field` should have over its field (the long-number scheme is not handled here:
    /// forgeries that recompute a digit only choose short numbers).
    mutating func recomputeCheckDigit(of field: MRZFieldName) {
        let layout = MRZLayout.of(format)
        guard let check = layout.checkDigits.first(where: { $0.field == field }),
            let digitSpec = layout.spec(check.checkDigit), let covered = text(of: field),
            let digit = CheckDigit.character(for: covered)
        else { return }
        replace(line: digitSpec.line, column: digitSpec.columns.lowerBound, with: digit)
    }

    /// Writes the composite check digit over what it covers (Doc 9303 Parts 4-6 §4.2.2); visas have none.
    mutating func recomputeComposite() {
        let layout = MRZLayout.of(format)
        guard format.hasCompositeCheckDigit, let spec = layout.spec(.compositeCheckDigit),
            let digit = CheckDigit.character(for: compositeCoverage)
        else { return }
        replace(line: spec.line, column: spec.columns.lowerBound, with: digit)
    }

    /// The characters the composite check digit covers.
    var compositeCoverage: String {
        MRZLayout.of(format).compositeCoverage.map { String(Array(lines[$0.line])[$0.columns]) }.joined()
    }

    /// Whether the printed check digit of `field` agrees with the field.
    func checkDigitHolds(for field: MRZFieldName) -> Bool {
        let layout = MRZLayout.of(format)
        guard let check = layout.checkDigits.first(where: { $0.field == field }),
            let printed = text(of: check.checkDigit), let covered = text(of: field)
        else { return true }
        return CheckDigit.character(for: covered).map(String.init) == printed
    }

    /// Whether the printed composite check digit agrees; true for visas, which have none.
    var compositeHolds: Bool {
        guard format.hasCompositeCheckDigit, let printed = text(of: .compositeCheckDigit) else { return true }
        return CheckDigit.character(for: compositeCoverage).map(String.init) == printed
    }

    /// Recomposes every line from `content.fields` (all check digits right) and takes the visual zone from
    /// `content`.
    mutating func recompose() {
        lines = MRZComposer.compose(content.fields)
        visualZone = content.visualZone
    }
}

/// How a pasted character differs from the MRZ's own print.
public enum PastedCharacterStyle: Sendable, Equatable {
    /// Re-rendered larger (factor > 1) or smaller (< 1) than its neighbours.
    case scaled(Double)
    /// Moved up (negative) or down (positive) from the line's baseline, in pixels at the rendering resolution.
    case baselineShift(pixels: Double)
    /// Printed in another typeface.
    case typeface(String)
}

/// One MRZ character printed differently from the rest: 0-based line and column.
public struct PrintAnomaly: Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let style: PastedCharacterStyle
}
