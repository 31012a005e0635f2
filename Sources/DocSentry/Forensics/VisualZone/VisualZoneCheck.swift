import Foundation

/// Compares the visual zone with the MRZ (Doc 9303 Part 3 §7: "data comparison with the corresponding VIZ page
/// data"): document number, name, dates of birth and expiry, sex and nationality.
///
/// Why: a competent forger changes one zone and recomputes the check digits, so the MRZ alone stays consistent;
/// only the other zone shows the change. A value the visual zone prints differently, read surely, is a `fail`
/// with both values and where the VIZ prints it; a value not found (or read too unsurely to compare) is `info`.
///
/// Deciding "differently" against OCR noise: a printed value that is the MRZ's (allowing look-alikes, national
/// characters, truncation) confirms it. Otherwise the value for the field is the one under the field's caption;
/// it contradicts the MRZ only where a character that disagrees was read surely (confident, and the MRZ's
/// character not among the engine's alternatives): one doubtful digit is an OCR slip, not a forgery. Where no
/// caption can be read, the page's layout may still place a name (the surname's value above the given names'):
/// a contradiction found that way is `warn`, for a person to compare.
public enum VisualZoneCheck {
    /// The fields compared, each with its rule id `viz.mismatch.<field>`.
    public enum Field: String, CaseIterable, Sendable {
        case documentNumber = "document-number"
        case name
        case dateOfBirth = "date-of-birth"
        case dateOfExpiry = "date-of-expiry"
        case sex
        case nationality

        public var ruleID: String { VisualZoneCheck.mismatchRulePrefix + rawValue }

        var words: String {
            switch self {
            case .documentNumber: "document number"
            case .name: "name"
            case .dateOfBirth: "date of birth"
            case .dateOfExpiry: "date of expiry"
            case .sex: "sex"
            case .nationality: "nationality"
            }
        }
    }

    /// The rule ids of mismatches: this, then the field (`viz.mismatch.date-of-birth`).
    public static let mismatchRulePrefix = "viz.mismatch."
    /// A value of the MRZ found nowhere in the visual zone (or read too unsurely to compare).
    public static let notFoundRuleID = "viz.not-found"
    public static let ruleIDs = Field.allCases.map(\.ruleID) + [notFoundRuleID]

    /// Evidence entries that hold what was read in the visual zone (masked whole by `--redact` for personal fields).
    public static let readingEvidence: Set<String> = ["visual_zone", "mrz"]

    /// Whether a finding is one of this check's.
    public static func isReading(of finding: Finding) -> Bool { finding.rule.hasPrefix("viz.") }

    /// What was found for one field.
    struct Outcome {
        enum Kind: Equatable {
            case confirmed
            case contradicted(Severity)
            case uncertain
            case notFound
        }

        var kind: Kind
        /// The value (index into `VisualZoneScan.values`) the outcome rests on.
        var value: Int?
        /// What the visual zone prints there (as read) and what the MRZ says.
        var printed = ""
        var machineReadable = ""
        /// How the value was placed: its caption as read, or the layout.
        var basis = ""
        /// For names: which identifier (`surname`, `given names`).
        var part: String?

        static let notFound = Outcome(kind: .notFound)
    }

    /// Runs the comparison on a page whose MRZ was located in `region` and read as `document`.
    ///
    /// - Parameter countries: the rules' country codes, for nationalities printed as codes or names.
    static func check(page: Raster, region: MRZRegion, document: MRZDocument, countries: [String: CountryCode],
                      reader: VisualZoneReader) -> Assessment {
        var assessment = Assessment()
        guard let engine = reader.loadedEngine() else {
            let reason = "the stock OCR model for the visual zone could not be loaded (\(reader.why ?? "unknown")): install tesseract-ocr-eng, or use --no-viz"
            for field in Field.allCases { assessment.notPerformed(field.ruleID, because: reason) }
            return assessment
        }
        guard let frame = VisualZoneFrame(region: region, unitsPerCapital: VisualZoneLayout.unitsPerCapital),
              let copy = VisualZoneLayout.workingCopy(of: page, frame: frame) else {
            return nothingFound(because: "the image shows no page above the MRZ")
        }
        let items = VisualZoneLayout.items(in: copy)
        let scan = VisualZoneScan(page: page, frame: frame, copy: copy, items: items, reader: reader, engine: engine)
        let comparison = VisualZoneComparison(scan: scan, document: document, countries: countries)
        var outcomes = comparison.outcomes()
        // A field not found under the captions may be printed without one: read the rest and compare again.
        if outcomes.contains(where: { $0.1.kind == .notFound }), scan.readUncaptioned() {
            outcomes = comparison.outcomes()
        }
        guard !scan.values.isEmpty else { return nothingFound(because: "no text was found above the MRZ") }
        return report(outcomes, scan: scan, document: document)
    }

    private static func nothingFound(because reason: String) -> Assessment {
        var assessment = Assessment()
        for field in Field.allCases { assessment.notPerformed(field.ruleID, because: reason) }
        assessment.note(Finding(rule: notFoundRuleID, severity: .info,
                                message: "\(reason): the visual zone was not compared with the MRZ"))
        return assessment
    }

    /// Checks and findings from the outcomes.
    static func report(_ outcomes: [(Field, Outcome)], scan: VisualZoneScan, document: MRZDocument) -> Assessment {
        var assessment = Assessment()
        var missing: [String] = []
        for (field, outcome) in outcomes {
            let box = outcome.value.map { scan.pageBox(of: $0) }
            switch outcome.kind {
            case .confirmed:
                assessment.passed(field.ruleID, "the visual zone prints the MRZ's \(outcome.part ?? field.words)")
            case let .contradicted(severity):
                let what = outcome.part ?? field.words
                let values = "'\(outcome.printed)', the MRZ '\(outcome.machineReadable)'"
                let message = severity == .fail
                    ? "the visual zone prints another \(what) than the MRZ, \(values): one of the two zones was altered (compare them on the document)"
                    : "the page's layout places '\(outcome.printed)' as the \(what) (its caption could not be read), the MRZ says '\(outcome.machineReadable)': compare the two zones on the document"
                var evidence = [Evidence("visual_zone", outcome.printed), Evidence("mrz", outcome.machineReadable)]
                if !outcome.basis.isEmpty { evidence.append(Evidence("placed_by", outcome.basis)) }
                if let value = outcome.value {
                    evidence.append(Evidence("read_confidence", String(format: "%.2f", scan.values[value].text.meanConfidence)))
                }
                let fields = mrzFields(field)
                let position = fields.first.flatMap { document[$0] }.map { MRZPosition($0) }
                assessment.failed(Finding(rule: field.ruleID, severity: severity, message: message, fields: fields,
                                          position: position, evidence: evidence, pageBox: box))
            case .uncertain:
                assessment.notPerformed(field.ruleID, because: "read in the visual zone, but not surely enough to compare")
                missing.append("\(outcome.part ?? field.words) (read unsurely)")
            case .notFound:
                assessment.notPerformed(field.ruleID, because: "not found in the visual zone")
                missing.append(outcome.part ?? field.words)
            }
        }
        if !missing.isEmpty {
            assessment.note(Finding(rule: notFoundRuleID, severity: .info,
                                    message: "not compared with the MRZ, not found in the visual zone: \(missing.joined(separator: ", "))"))
        }
        return assessment
    }

    static func mrzFields(_ field: Field) -> [MRZFieldName] {
        switch field {
        case .documentNumber: [.documentNumber]
        case .name: [.name]
        case .dateOfBirth: [.dateOfBirth]
        case .dateOfExpiry: [.dateOfExpiry]
        case .sex: [.sex]
        case .nationality: [.nationality]
        }
    }
}
