/// The DocSentry pipeline: MRZ text in, a report with a verdict out.
///
/// Reads like the stages it runs: parse, validate (structure, check digits, dates), cross-check against the
/// rules, then judge. Images enter through the decode, locate and recognise stages and join here with their
/// MRZ text.
public struct Inspector: Sendable {
    public let ruleSet: RuleSet
    public let mode: Mode
    /// The day the document is judged on; never read from the clock here.
    public let referenceDate: CalendarDate
    /// The codes of `ruleSet.countries`, for the recogniser's country-code correction (built once, not per scan).
    let countryCodes: Set<String>
    /// The rules folder's SHA-256 (`ProvenanceDigest.rulesFolder`), written into every report.
    public let rulesSHA256: String
    /// How long one scan may take (`--time-limit`); nil: no limit. See `inspect(fileAt:with:debug:)`.
    public var timeBudget: Duration?

    public init(ruleSet: RuleSet, mode: Mode, referenceDate: CalendarDate) {
        self.ruleSet = ruleSet
        self.mode = mode
        self.referenceDate = referenceDate
        countryCodes = Set(ruleSet.countries.keys)
        rulesSHA256 = ProvenanceDigest.rulesFolder(ruleSet.directory)
    }

    /// Inspects MRZ text (from a swipe reader, a person, or the recogniser).
    ///
    /// - Parameters:
    ///   - text: the checked MRZ lines.
    ///   - file: what to call the input in the report.
    ///   - earlier: checks, findings and timings of earlier stages (OCR corrections, image timings).
    ///   - confidences: for OCR input, the engine's confidence per line and character; findings on characters
    ///     under the policy's threshold are marked low-confidence (a rescan, not a reject).
    public func inspect(_ text: MRZText, file: String, earlier: Assessment = Assessment(),
                        timings: [String: Double] = [:], confidences: [[Double]]? = nil) -> Report {
        var timings = timings
        let clock = ContinuousClock()
        let start = clock.now

        let document = MRZParser.parse(text)
        var assessment = earlier
        assessment.merge(StructureValidator.validate(document))
        assessment.merge(CheckDigitValidator.validate(document))
        let dates = DateValidator.validate(document, context: dateContext(for: document))
        assessment.merge(dates.assessment)
        assessment.merge(RuleEvaluator(ruleSet: ruleSet).evaluate(.init(
            document: document, dateOfBirth: dates.dateOfBirth, dateOfExpiry: dates.dateOfExpiry,
            referenceDate: referenceDate)))

        var findings = assessment.findings
        if let confidences {
            findings = findings.map { markConfidence($0, document: document, confidences: confidences) }
        }
        findings = findings.map(applyPolicy)
        // A read that breaks the grammar everywhere is a rescan, not a forgery (OCR input only: typed text is
        // what its sender means).
        if confidences != nil { findings = GarbageRead.judge(findings, document: document) }
        timings["validate", default: 0] += milliseconds(clock.now - start)
        var report = Report(
            file: file, verdict: Verdict.from(findings: findings), mode: mode, referenceDate: referenceDate,
            mrz: text.lines, document: DocumentSummary(document, dateOfBirth: dates.dateOfBirth, dateOfExpiry: dates.dateOfExpiry),
            checks: assessment.checks, findings: findings, timingsMs: timings)
        report.rulesSHA256 = rulesSHA256
        return report
    }

    /// The report for an input where no MRZ could be read.
    public func unreadable(file: String, reason: String, earlier: Assessment = Assessment(), timings: [String: Double] = [:]) -> Report {
        var report = Report(file: file, verdict: .unreadable, reason: reason, mode: mode, referenceDate: referenceDate,
                            mrz: nil, document: nil, checks: earlier.checks, findings: earlier.findings, timingsMs: timings)
        report.rulesSHA256 = rulesSHA256
        return report
    }

    /// The issuer's maximum validity (from its profile, else the policy's default) and the policy's margin.
    func dateContext(for document: MRZDocument) -> DateContext {
        DateContext(
            referenceDate: referenceDate,
            maximumValidityYears: ruleSet.profile(for: document)?.maximumValidityYears
                ?? ruleSet.policy.defaultMaximumValidityYears,
            minimumRemainingValidityDays: ruleSet.policy.minimumRemainingValidityDays[mode] ?? 0)
    }

    /// Marks a finding low-confidence when a character it rests on was read with confidence under the policy's
    /// threshold: for a check digit, the field, the digit itself (and for the composite, everything it covers).
    func markConfidence(_ finding: Finding, document: MRZDocument, confidences: [[Double]]) -> Finding {
        var positions: [(line: Int, column: Int)] = []
        if finding.rule == CheckDigitValidator.ruleID(.compositeCheckDigit) {
            let layout = MRZLayout.of(document.format)
            positions = layout.compositeCoverage.flatMap { span in span.columns.map { (span.line, $0) } }
        }
        for name in finding.fields {
            guard let field = MRZFieldName(rawValue: name).flatMap({ document[$0] }) else { continue }
            positions += field.columns.map { (field.line - 1, $0 - 1) }
        }
        if let position = finding.position {
            positions += (0..<position.length).map { (position.line - 1, position.column - 1 + $0) }
        }
        let threshold = ruleSet.policy.lowConfidenceThreshold
        let uncertain = positions.filter { position in
            position.line < confidences.count && position.column < confidences[position.line].count
                && confidences[position.line][position.column] < threshold
        }
        guard !uncertain.isEmpty else { return finding }
        var marked = finding
        marked.lowConfidence = true
        return marked
    }

    /// The policy's severity for the mode; a `fail` on characters read with low confidence is only `warn`
    /// (rescan), since an OCR doubt is not evidence of fraud.
    func applyPolicy(_ finding: Finding) -> Finding {
        var finding = finding
        finding.severity = ruleSet.policy.severity(of: finding, in: mode)
        if finding.lowConfidence, finding.severity == .fail { finding.severity = .warn }
        return finding
    }
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}
