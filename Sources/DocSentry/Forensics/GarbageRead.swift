/// Tells a garbage read from a forgery: an MRZ read that breaks the ICAO grammar in many places at once.
///
/// A forger changes a field or two and leaves the rest of the MRZ as printed, so a forgery fails one or two checks
/// (a check digit and the composite; two dates; a code). A scan read wrong (cropped by a character, blurred, warped)
/// breaks everything after the fault: fields out of their character classes, unknown codes, impossible dates, check
/// digits failing. Such a read is no evidence about the document; the verdict asks for a rescan (`review`), never
/// `reject`.
public enum GarbageRead {
    /// The rule id of the finding that says so.
    public static let ruleID = "ocr.garbage-read"

    /// The parts of the grammar a failing finding belongs to, by rule id; rules outside the grammar (lists, policy,
    /// validity) are not counted.
    enum GrammarPart: String, CaseIterable {
        case characterClasses = "character classes"
        case codes = "codes"
        case dates = "calendar dates"
        case checkDigits = "check digits"
    }

    static func part(of rule: String) -> GrammarPart? {
        switch rule {
        case "mrz.field.characters", "mrz.document-code.format", "mrz.sex", "mrz.name.syntax": .characterClasses
        case "code.issuing-state", "code.nationality": .codes
        case "date.birth.calendar", "date.expiry.calendar": .dates
        default: rule.hasPrefix("mrz.check-digit.") ? .checkDigits : nil
        }
    }

    /// Grammar failures from which a read counts as garbage: more than any single forgery the generator or a
    /// competent forger makes (at most two failing findings on every generated forgery), in at least two parts
    /// of the grammar.
    static let minimumFailures = 4
    static let minimumParts = 2

    /// For an OCR read: when `findings` break the grammar in many places, every `fail` becomes `warn` and a
    /// finding says why; otherwise `findings` unchanged.
    public static func judge(_ findings: [Finding], document: MRZDocument? = nil) -> [Finding] {
        var findings = doubtingSureReads(findings)
        if let document { findings = doubtingLookAlikeCodes(findings, document: document) }
        let failures = findings.filter { $0.severity >= .warn }.compactMap { finding in part(of: finding.rule).map { (finding, $0) } }
        let parts = Set(failures.map(\.1))
        guard failures.count >= minimumFailures, parts.count >= minimumParts else { return findings }
        var judged = findings.map { finding in
            var finding = finding
            if finding.severity == .fail { finding.severity = .warn }
            return finding
        }
        let named = GrammarPart.allCases.filter(parts.contains).map(\.rawValue).joined(separator: ", ")
        judged.append(Finding(
            rule: ruleID, severity: .warn,
            message: "the MRZ as read breaks the ICAO grammar in \(failures.count) places (\(named)): a misread or cut-off scan, not evidence of fraud; rescan the document or read the MRZ by hand",
            evidence: [Evidence("grammar_failures", String(failures.count)), Evidence("parts", named),
                       Evidence("rules", failures.map(\.0.rule).joined(separator: ", "))]))
        return judged
    }

    /// For an OCR read: an unknown issuing state or nationality one character from the document's other code, which
    /// is known, where the two characters are ones OCR-B prints alike (`LookAlikes.letters`), is far likelier a
    /// misread than a forgery, so it is a doubt (`warn`: review, rescan), not proof (`fail`). A forger gains nothing
    /// from a code no reader accepts; a genuine Spanish card compressed as JPEG had its nationality `ESP` read `BSP`
    /// beside the issuing state `ESP`.
    static func doubtingLookAlikeCodes(_ findings: [Finding], document: MRZDocument) -> [Finding] {
        let codes = [("code.issuing-state", document.issuingState, document.nationality),
                     ("code.nationality", document.nationality, document.issuingState)]
        let failing = Set(findings.filter { $0.severity == .fail && part(of: $0.rule) == .codes }.map(\.rule))
        return findings.map { finding in
            guard finding.severity == .fail,
                  let (_, read, other) = codes.first(where: { $0.0 == finding.rule }),
                  let otherRule = codes.first(where: { $0.0 != finding.rule })?.0, !failing.contains(otherRule),
                  read.count == other.count, !other.isEmpty
            else { return finding }
            let differing = zip(read, other).filter { $0 != $1 }
            guard differing.count == 1, let (printed, known) = differing.first,
                  LookAlikes.letters[printed]?.contains(known) == true || LookAlikes.letters[known]?.contains(printed) == true
            else { return finding }
            return Finding(rule: finding.rule, severity: .warn,
                           message: finding.message + " (only a doubt: '\(read)' is '\(other)', the document's other code, with '\(printed)' for '\(known)', which OCR-B prints alike; rescan or read it by hand)",
                           fieldNames: finding.fields, position: finding.position,
                           evidence: finding.evidence + [Evidence("look_alike_of", other)],
                           lowConfidence: finding.lowConfidence, pageBox: finding.pageBox)
        }
    }

    /// For an OCR read in which the engine was shown wrong where it was sure (a check digit passes only when a
    /// character it read at 0.9 or more is changed: `OverruledRead`): an unknown issuing state or nationality, and a
    /// visual zone contradicting the MRZ, rest on the same engine's sure reads of the MRZ, so they are a doubt
    /// (`warn`: review), not proof (`fail`). Genuine documents on warped, blurred pages had their NZL read VZL at
    /// 0.98 (two 1s read T beside it), and NLD read VCD with an H of the document number read R at 0.99, which the
    /// visual zone then "contradicted".
    static func doubtingSureReads(_ findings: [Finding]) -> [Finding] {
        guard findings.contains(where: { $0.rule == OverruledRead.ruleID && $0.severity >= .warn }) else { return findings }
        return findings.map { finding in
            guard part(of: finding.rule) == .codes || finding.rule.hasPrefix(VisualZoneCheck.mismatchRulePrefix),
                  finding.severity == .fail else { return finding }
            return Finding(rule: finding.rule, severity: .warn,
                           message: finding.message + " (only a doubt: on this scan the OCR engine misread characters it was sure of, see \(OverruledRead.ruleID))",
                           fieldNames: finding.fields, position: finding.position, evidence: finding.evidence,
                           lowConfidence: finding.lowConfidence, pageBox: finding.pageBox)
        }
    }
}
