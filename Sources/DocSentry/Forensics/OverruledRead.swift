import Foundation

/// Finds the corrections that made a check pass by overruling what the engine was sure of.
///
/// The corrector may change a character the engine read when the print or a check digit says so. A forger's
/// altered field with a stale check digit looks exactly like a misread that a change would "repair": the engine
/// reads the forger's character sure of it, and changing it makes the check pass. Such a change is evidence,
/// not a repair (real-scans.md: genuine documents are printed with wrong check digits too): it is reported as a
/// `warn` naming the character, what was read and what the check wanted, so a person looks at the document.
///
/// Not reported: a read the grammar does not allow where it stands (a letter in a date is no one's print); the
/// OCR-B look-alikes O/0 and I/1 (`MRZCharacter.digitTwins`), which engines swap whatever their confidence and by
/// which no forger changes a number's meaning; and a change the print itself shows clearly (`printMargin`): the
/// stock `eng` model reads OCR-B 9 as O and 5 as S at 0.9 and more, and the print is the better witness there.
/// A forger's character matches its own glyph, so the print never shows the change a stale check digit wants.
public enum OverruledRead {
    public static let ruleID = "ocr.correction-overrules-sure-read"

    /// The engine's confidence from which a read counts as sure.
    static let sureConfidence = 0.9
    /// How much better the print must match the chosen glyph than the one read for the change to rest on the print
    /// (correlation difference, `PrintForensics.printMargin`). The stock model's right changes of genuine documents
    /// on the benchmark set were shown by the print from 0.045 up, the forgers' pasted characters from 0.05 to 0.13
    /// with the MRZ model: 0.15 keeps those, and sends 4 of 89 genuine documents read with the stock model to review.
    static let printedChangeMargin = 0.15

    /// One correction that a passing check rests on, and the checks it made pass.
    public struct Overrule: Sendable, Equatable {
        public let correction: Correction
        /// Rule ids of the check digits that fail with the character as read and pass with the correction.
        public let checks: [String]
    }

    /// The corrections of `read` that overrule a sure, legal read, make at least one check digit pass, and that
    /// the print does not clearly show (`printMargin` under `printedChangeMargin`, or nil: not comparable).
    public static func overrules(in read: CorrectedMRZ, printMargin: (Correction) -> Double?) -> [Overrule] {
        overrules(in: read).filter { overrule in (printMargin(overrule.correction) ?? -1) < printedChangeMargin }
    }

    /// The corrections of `read` that overrule a sure, legal read and make at least one check digit pass.
    static func overrules(in read: CorrectedMRZ) -> [Overrule] {
        let corrected = MRZParser.parse(read.text)
        let layout = MRZLayout.of(corrected.format)
        let passing = Set(CheckDigitValidator.validate(corrected).checks.filter { $0.status == .passed }.map(\.rule))
        var result: [Overrule] = []
        for correction in read.corrections where correction.confidence >= sureConfidence {
            guard let readCharacter = correction.read.first, correction.read.count == 1,
                  let chosen = correction.chosen.first, !areTwins(readCharacter, chosen),
                  layout.characterClass(line: correction.line - 1, column: correction.column - 1).allows(readCharacter)
            else { continue }
            var lines = read.text.lines.map { Array($0) }
            lines[correction.line - 1][correction.column - 1] = readCharacter
            guard let asRead = try? MRZText(lines: lines.map { String($0) }) else { continue }
            let failingAsRead = CheckDigitValidator.validate(MRZParser.parse(asRead)).checks.filter { $0.status == .failed }.map(\.rule)
            let madeToPass = failingAsRead.filter(passing.contains)
            if !madeToPass.isEmpty { result.append(Overrule(correction: correction, checks: madeToPass)) }
        }
        return result
    }

    static func areTwins(_ a: Character, _ b: Character) -> Bool {
        MRZCharacter.digitTwins[a] == b || MRZCharacter.digitTwins[b] == a
    }

    /// The finding for one overrule.
    public static func finding(_ overrule: Overrule) -> Finding {
        let correction = overrule.correction
        let checks = overrule.checks.map { $0.replacingOccurrences(of: "mrz.check-digit.", with: "") }.joined(separator: ", ")
        return Finding(
            rule: ruleID, severity: .warn,
            message: "the engine read '\(correction.read)' here, \(Int((correction.confidence * 100).rounded()))% sure; the \(checks) check passes only if it is '\(correction.chosen)': a character changed after printing looks like this; confirm it on the document",
            position: MRZPosition(line: correction.line, column: correction.column),
            evidence: [Evidence("read", correction.read), Evidence("confidence", String(format: "%.2f", correction.confidence)),
                       Evidence("check_wants", correction.chosen), Evidence("checks", overrule.checks.joined(separator: ", ")),
                       Evidence("correction", correction.reason.rawValue)])
    }
}
