@testable import DocSentry
import Testing

/// A correction that makes a stale check digit pass by overruling what the engine read sure of is evidence.
@Suite struct OverruledReadTests {
    /// The ICAO TD1 specimen with its date of expiry altered (120415 -> 120416) and its own check digit
    /// recomputed, the composite left as printed: as the forger's document reads.
    var forgedLines: [String] {
        var lines = Vectors.td1
        let digit = CheckDigit.character(for: "120416")!
        lines[1] = "7408122F120416\(digit)UTO<<<<<<<<<<<6"
        return lines
    }

    /// The forged document "corrected": one optional-data character of line 1 changed so that the stale composite
    /// passes, and the correction that did it.
    func correctedForgery(readConfidence: Double) throws -> CorrectedMRZ {
        let lines = forgedLines
        for chosen in MRZCharacter.alphabet where chosen != "1" {
            var changed = lines
            var characters = Array(changed[0])
            characters[20] = chosen
            changed[0] = String(characters)
            let document = MRZParser.parse(try MRZText(lines: changed))
            guard CheckDigitValidator.validate(document).checks.allSatisfy({ $0.status != .failed }) else { continue }
            var printed = Array(lines[0])
            printed[20] = "1"
            #expect(CheckDigitValidator.validate(MRZParser.parse(try MRZText(lines: [String(printed), lines[1], lines[2]]))).checks
                .contains { $0.status == .failed })
            return CorrectedMRZ(text: try MRZText(lines: changed), confidences: changed.map { Array(repeating: 0.99, count: $0.count) },
                                corrections: [Correction(line: 1, column: 21, read: "1", chosen: String(chosen), reason: .glyphShape,
                                                         confidence: readConfidence)])
        }
        Issue.record("no character makes the composite pass")
        throw MRZTextError.empty
    }

    @Test func aSureReadOverruledToMakeTheCompositePassIsReported() throws {
        let read = try correctedForgery(readConfidence: 0.99)
        let overrules = OverruledRead.overrules(in: read) { _ in 0.02 }
        let overrule = try #require(overrules.first)
        #expect(overrule.checks == ["mrz.check-digit.composite"])
        let finding = OverruledRead.finding(overrule)
        #expect(finding.severity == .warn)
        #expect(finding.position == MRZPosition(line: 1, column: 21))
        #expect(finding.evidence.contains(Evidence("read", "1")))
        #expect(finding.message.contains("composite"))
    }

    @Test func aChangeThePrintShowsClearlyOrADoubtedReadIsARepair() throws {
        #expect(OverruledRead.overrules(in: try correctedForgery(readConfidence: 0.99)) { _ in 0.4 }.isEmpty)
        #expect(OverruledRead.overrules(in: try correctedForgery(readConfidence: 0.6)) { _ in 0.02 }.isEmpty)
        #expect(!OverruledRead.overrules(in: try correctedForgery(readConfidence: 0.99)) { _ in nil }.isEmpty,
                "with no print to compare, the sure read stands")
    }

    @Test func lookAlikesAndReadsTheGrammarForbidsAreNotReported() throws {
        // The specimen number read with an O for its 0 (a look-alike), and a letter read in the date of birth.
        let lines = Vectors.td1
        let read = CorrectedMRZ(
            text: try MRZText(lines: lines), confidences: lines.map { Array(repeating: 0.99, count: $0.count) },
            corrections: [Correction(line: 1, column: 11, read: "O", chosen: "0", reason: .glyphShape, confidence: 0.99),
                          Correction(line: 2, column: 3, read: "B", chosen: "0", reason: .characterClass, confidence: 0.99)])
        #expect(OverruledRead.overrules(in: read) { _ in nil }.isEmpty)
    }
}
