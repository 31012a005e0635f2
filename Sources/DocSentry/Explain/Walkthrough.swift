import Foundation

/// What DocSentry did with one document and why, laid out for a person learning the MRZ: the format and how it
/// was recognised, every field with its place, every check digit computed step by step, every finding with its
/// plain-language explanation and the rule behind it, and for scans how the characters were read and corrected.
///
/// `docsentry explain` prints it (`WalkthroughText`) or writes it as a page (`WalkthroughHTML`); the course pack
/// shows it for each exercise a trainee gets wrong. Built from the report DocSentry made, never from a second
/// judgement: what a trainee is shown is what the checkpoint decided.
public struct Walkthrough: Sendable {
    public let report: Report
    /// The MRZ as parsed, nil when none was read.
    public let document: MRZDocument?
    public let format: FormatReasoning?
    public let fields: [FieldPlacement]
    public let checkDigits: [CheckDigitTable]
    public let findings: [ExplainedFinding]
    /// For scans: every character the correction changed, in MRZ order.
    public let corrections: [Correction]
    /// For scans: the positions read with less confidence than the policy's threshold.
    public let doubtful: [MRZPosition]
    public let lowConfidenceThreshold: Double
    /// For scans: the page and the located MRZ, for the HTML page.
    public let scan: ScanPicture?
    /// Why the verdict is what it is, in one sentence.
    public let verdictReason: String
    /// The explanation of an unreadable scan (`image.no-mrz`), for reports without an MRZ.
    public let unreadable: RuleExplanation?
    /// What the summary line and the field table call the states: `RKS (Kosovo)`.
    public let issuingState: String
    public let nationality: String

    public init(report: Report, rules: RuleSet, scan: ScanPicture? = nil) {
        self.report = report
        self.scan = scan
        lowConfidenceThreshold = rules.policy.lowConfidenceThreshold
        let document = report.mrz.flatMap { try? MRZText(lines: $0) }.map(MRZParser.parse)
        self.document = document
        issuingState = rules.countryLabel(report.document?.issuingState ?? "")
        nationality = rules.countryLabel(report.document?.nationality ?? "")
        if let document {
            format = FormatReasoning(document, rules: rules)
            fields = FieldPlacement.all(of: document, summary: report.document, rules: rules)
            checkDigits = CheckDigitValidator.computations(document).map(CheckDigitTable.init)
        } else {
            format = nil
            fields = []
            checkDigits = []
        }
        let shown = report.findings.enumerated().filter { _, finding in
            // Corrections have their own section; a rule's summary note beside its positioned findings says nothing more.
            if finding.rule == "ocr.correction" { return false }
            if finding.severity == .info, finding.position == nil,
                report.findings.contains(where: { $0.rule == finding.rule && $0.position != nil }) { return false }
            return true
        }
        findings = shown.sorted { ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset) }
            .map { ExplainedFinding($0.element, rules: rules) }
        corrections = (report.ocr?.corrections ?? []).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        var doubtful: [MRZPosition] = []
        for (line, row) in (report.ocr?.confidences ?? []).enumerated() {
            for (column, confidence) in row.enumerated() where confidence < rules.policy.lowConfidenceThreshold {
                doubtful.append(MRZPosition(line: line + 1, column: column + 1))
            }
        }
        self.doubtful = doubtful
        unreadable = report.verdict == .unreadable ? rules.explanations["image.no-mrz"] : nil
        verdictReason = Self.reason(report)
    }

    /// The verdict rule applied to this report: any `fail` is reject, any `warn` review, else pass.
    static func reason(_ report: Report) -> String {
        let fails = report.findings.filter { $0.severity == .fail }.count
        let warns = report.findings.filter { $0.severity == .warn }.count
        func count(_ n: Int, _ what: String) -> String { "\(n) \(what) finding\(n == 1 ? "" : "s")" }
        switch report.verdict {
        case .reject: return "\(count(fails, "fail")): any fail makes the verdict REJECT."
        case .review: return "\(count(warns, "warn")) and no fail: a warning asks a person to look, so REVIEW."
        case .pass: return "No fail or warn finding: PASS. Passing checks prove the MRZ is consistent, not that the document is genuine; look at the document too."
        case .unreadable: return "No MRZ could be read (\(report.reason ?? "no reason given")): UNREADABLE, rescan or type the MRZ in."
        }
    }
}

/// A place in a rules file, for a person who wants to read or change what it says.
public struct SourceLine: Sendable, Equatable, CustomStringConvertible {
    /// The file, named from the rules folder: `Rules/policy.yaml` (never the machine's absolute path, which means
    /// nothing to a trainee reading a course pack on another computer).
    public let path: String
    public let line: Int
    public var description: String { "\(path):\(line)" }

    /// `file` inside the rules folder `directory`, named from that folder: `Rules/explanations/en.yaml`.
    init(_ file: String, line: Int, rulesDirectory directory: String) {
        let folder = (directory as NSString).standardizingPath
        let standard = (file as NSString).standardizingPath
        let name = (folder as NSString).lastPathComponent
        path = standard.hasPrefix(folder + "/") ? name + "/" + standard.dropFirst(folder.count + 1) : (standard as NSString).lastPathComponent
        self.line = line
    }
}

/// Why the lines are the format they are: their count and length, and the first letter of the document code.
public struct FormatReasoning: Sendable, Equatable {
    public let format: MRZFormat
    public let documentCode: String
    /// The recognition in a sentence: "2 lines of 44 characters, document code beginning with P: ...".
    public let why: String
    /// What `document-codes.yaml` says the document code means, when it knows it.
    public let documentCodeMeaning: String?
    /// The other shapes, so that a trainee sees what this one is not.
    public static let otherShapes = "3 lines of 30: TD1 card (Part 5) · 2 lines of 36: TD2 card (Part 6), or MRV-B visa when the code begins with V (Part 7 §7) · 2 lines of 44: TD3 passport (Part 4), or MRV-A visa when the code begins with V (Part 7 §4)"

    init(_ document: MRZDocument, rules: RuleSet) {
        format = document.format
        documentCode = document.documentCode
        let shape = "\(document.format.lineCount) lines of \(document.format.lineLength) characters"
        let first = document.documentCode.first.map(String.init) ?? "?"
        switch document.format {
        case .td1:
            why = "\(shape): only TD1, the identity-card size, has three lines (ICAO Doc 9303 Part 5)."
        case .td2:
            why = "\(shape) and a document code beginning with \(first), not V: TD2, a card or travel document of size 2 (ICAO Doc 9303 Part 6)."
        case .td3:
            why = "\(shape) and a document code beginning with \(first), not V: TD3, a passport book (ICAO Doc 9303 Part 4)."
        case .mrvA:
            why = "\(shape) and a document code beginning with V: MRV-A, a visa of format A (ICAO Doc 9303 Part 7 §4)."
        case .mrvB:
            why = "\(shape) and a document code beginning with V: MRV-B, a visa of format B (ICAO Doc 9303 Part 7 §7)."
        }
        documentCodeMeaning = rules.documentCodes.first {
            $0.code == document.documentCode && ($0.formats.isEmpty || $0.formats.contains(document.format))
        }?.meaning
    }
}

/// One field as the walk-through draws it: a key letter under each of its characters, and what it holds.
public struct FieldPlacement: Sendable, Equatable {
    public let name: MRZFieldName
    /// The letter drawn under the field's characters: upper case for a field, lower case for its check digit.
    public let key: Character
    public let line: Int
    public let columns: ClosedRange<Int>
    public let printed: String
    /// The value for a person: a date as a date, a state with its name, the sex in words.
    public let reading: String
    /// What the field holds, in a few words.
    public let about: String

    static func all(of document: MRZDocument, summary: DocumentSummary?, rules: RuleSet) -> [FieldPlacement] {
        document.fields.map { field in
            FieldPlacement(name: field.name, key: key(field.name), line: field.line, columns: field.columns,
                           printed: field.raw, reading: reading(field, document, summary, rules), about: about(field.name))
        }
    }

    /// The key letters: T type, I issuer, N name, D number, C citizenship, B birth, S sex, E expiry, O and P optional.
    public static func key(_ name: MRZFieldName) -> Character {
        switch name {
        case .documentCode: "T"
        case .issuingState: "I"
        case .name: "N"
        case .documentNumber: "D"
        case .documentNumberCheckDigit: "d"
        case .nationality: "C"
        case .dateOfBirth: "B"
        case .dateOfBirthCheckDigit: "b"
        case .sex: "S"
        case .dateOfExpiry: "E"
        case .dateOfExpiryCheckDigit: "e"
        case .optionalData: "O"
        case .optionalDataCheckDigit: "o"
        case .optionalData2: "P"
        case .compositeCheckDigit: "#"
        }
    }

    static func about(_ name: MRZFieldName) -> String {
        switch name {
        case .documentCode: "what the document is: P passport, V visa, A, C or I a card"
        case .issuingState: "the state or organisation that issued it (Part 3 §5 code)"
        case .name: "surname, then <<, then given names; < between parts, fillers to the end"
        case .documentNumber: "the number the issuer gave the document, fillers after it"
        case .documentNumberCheckDigit: "check digit over the document number"
        case .nationality: "the holder's nationality (Part 3 §5 code)"
        case .dateOfBirth: "YYMMDD; fillers for parts unknown"
        case .dateOfBirthCheckDigit: "check digit over the date of birth"
        case .sex: "F, M, or < when not specified"
        case .dateOfExpiry: "YYMMDD, the last day the document is valid"
        case .dateOfExpiryCheckDigit: "check digit over the date of expiry"
        case .optionalData: "the issuer's choice: a personal number, or fillers"
        case .optionalDataCheckDigit: "check digit over the optional data (passports only)"
        case .optionalData2: "more optional data of the issuer (TD1 line 2)"
        case .compositeCheckDigit: "check digit over number, dates and optional data together"
        }
    }

    private static func reading(_ field: MRZField, _ document: MRZDocument, _ summary: DocumentSummary?, _ rules: RuleSet) -> String {
        switch field.name {
        case .documentCode:
            return field.raw
        case .issuingState, .nationality:
            return rules.countryLabel(field.value)
        case .name:
            let name = document.name
            return name.givenNames.isEmpty ? name.surname : "\(name.surname), \(name.givenNames)"
        case .documentNumber:
            return document.documentNumber.isEmpty ? "(none)" : document.documentNumber
        case .dateOfBirth:
            return summary?.dateOfBirth ?? "\(field.raw) (not a full date)"
        case .dateOfExpiry:
            return summary?.dateOfExpiry ?? "\(field.raw) (not a date)"
        case .sex:
            switch field.raw {
            case "F": return "F (female)"
            case "M": return "M (male)"
            case "<": return "< (not specified)"
            default: return "\(field.raw) (not allowed)"
            }
        case .optionalData, .optionalData2:
            return field.value.isEmpty ? "(empty)" : field.value
        default:
            return field.raw
        }
    }
}

/// One check digit computed the way a person does it on paper: each character's value times its weight, the
/// products added, the sum's last digit compared with the digit printed (ICAO Doc 9303 Part 3 §4.9).
public struct CheckDigitTable: Sendable, Equatable {
    public let computation: CheckDigitComputation
    /// Per covered character: its value (digits as they are, A=10 ... Z=35, < = 0), the weight 7, 3 or 1, the
    /// product. Nil values where a character is outside the MRZ alphabet.
    public let values: [Int?]
    public let weights: [Int]
    public let products: [Int?]
    /// The sum of the products, nil when a character has no value.
    public let sum: Int?

    public init(_ computation: CheckDigitComputation) {
        self.computation = computation
        values = computation.characters.map(MRZCharacter.checkValue)
        weights = computation.characters.indices.map { CheckDigit.weights[$0 % 3] }
        products = zip(values, weights).map { value, weight in value.map { $0 * weight } }
        sum = products.contains(nil) ? nil : products.reduce(0) { $0 + $1! }
    }

    /// The sum modulo 10: the digit the characters call for.
    public var remainder: Int? { sum.map { $0 % 10 } }
    public var passes: Bool { computation.passes }
}

/// A finding with what a person needs to understand it: the plain-language explanation, where the rule is written
/// and where the policy weighs it.
public struct ExplainedFinding: Sendable, Equatable {
    public let finding: Finding
    public let explanation: RuleExplanation?
    /// `rules.yaml` and the rule's line; nil for DocSentry's own checks.
    public let rule: SourceLine?
    /// `policy.yaml` and the line that sets the rule's severity per mode, when it does.
    public let policy: SourceLine?
    /// The explanation's own place, for a trainer who wants to change the text.
    public let text: SourceLine?

    init(_ finding: Finding, rules: RuleSet) {
        self.finding = finding
        explanation = rules.explanations[finding.rule]
        rule = rules.definition(of: finding.rule).map { SourceLine($0.path, line: $0.line, rulesDirectory: rules.directory) }
        policy = rules.policyLine(of: finding.rule).map { SourceLine($0.path, line: $0.line, rulesDirectory: rules.directory) }
        text = explanation.map { SourceLine($0.file, line: $0.line, rulesDirectory: rules.directory) }
    }

    /// Where the rule comes from, in words: a file and line, or DocSentry's own checks.
    public var origin: String {
        var parts = [rule.map(\.description) ?? "a check built into DocSentry"]
        if let policy { parts.append("severities per mode \(policy)") }
        if let text { parts.append("explanation \(text)") }
        return parts.joined(separator: " · ")
    }
}

/// The scan behind a walk-through: the page, and the located MRZ with its character cells.
public struct ScanPicture: Sendable {
    public let page: Raster
    /// The MRZ band deskewed and upright, as the recogniser read it; nil when no MRZ was read.
    public let crop: Raster?
    /// The text lines inside `crop`; each spans exactly its line's character cells.
    public let lineBoxes: [MRZRegion.LineBox]

    public init(page: Raster, crop: Raster?, lineBoxes: [MRZRegion.LineBox]) {
        self.page = page
        self.crop = crop
        self.lineBoxes = lineBoxes
    }

    /// The cell of a 1-based line and column inside `crop` (x, y, width, height), for a format's line length.
    public func cell(line: Int, column: Int, lineLength: Int) -> (x: Double, y: Double, width: Double, height: Double)? {
        guard line >= 1, line <= lineBoxes.count, lineLength > 0 else { return nil }
        let box = lineBoxes[line - 1]
        let pitch = Double(box.columns.count) / Double(lineLength)
        return (Double(box.columns.lowerBound) + Double(column - 1) * pitch, Double(box.rows.lowerBound), pitch, Double(box.rows.count))
    }
}

extension Inspector {
    /// Inspects one file (a scan or a text file of MRZ lines) and explains the result.
    ///
    /// - Throws: `FileInspectionError` when the file gives no report (missing, not an image, no OCR engine).
    public func explain(file path: String, scanner: () throws(RecognizeError) -> ScanReader) throws(FileInspectionError) -> Walkthrough {
        var captured: DebugImages?
        let report = try inspect(file: path, scanner: scanner, debug: { captured = $0 })
        var scan: ScanPicture?
        if let captured, let page = captured.page {
            let read = report.mrz != nil
            scan = ScanPicture(page: page, crop: read ? captured.crop : nil, lineBoxes: read ? captured.region?.lineBoxes ?? [] : [])
        }
        return Walkthrough(report: report, rules: ruleSet, scan: scan)
    }

    /// Inspects MRZ text (typed, or from a swipe reader) and explains the result.
    public func explain(_ text: MRZText, file: String) -> Walkthrough {
        Walkthrough(report: inspect(text, file: file), rules: ruleSet)
    }
}
