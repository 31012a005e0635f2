@testable import DocSentry
import Testing

/// A read that breaks the grammar everywhere is a rescan (`review`), never a `reject`; a forgery that breaks one
/// or two checks is still rejected.
@Suite struct GarbageReadTests {
    func sure(_ lines: [String]) -> [[Double]] { lines.map { Array(repeating: 0.99, count: $0.count) } }

    /// The ICAO specimen passport as a scan whose crop lost the first character of both lines: the reader
    /// places what it saw on the grid, one cell to the left, and the last cell is empty.
    var croppedRead: [String] {
        Vectors.td3New.map { String($0.dropFirst()) + "<" }
    }

    @Test func aReadCutOffByOneCharacterIsReviewNotReject() throws {
        let text = try MRZText(lines: croppedRead)
        let asTyped = Fixtures.inspector("2020-01-01").inspect(text, file: "typed")
        #expect(asTyped.verdict == .reject, "as text the same lines fail for real")
        let read = Fixtures.inspector("2020-01-01").inspect(text, file: "scan", confidences: sure(croppedRead))
        #expect(read.verdict == .review)
        let finding = try #require(read.findings.first { $0.rule == GarbageRead.ruleID })
        #expect(finding.severity == .warn)
        #expect(!read.findings.contains { $0.severity == .fail })
    }

    @Test func anAlteredFieldWithItsCheckDigitLeftIsStillRejected() throws {
        // Date of birth 740812 -> 750812: its check digit and the composite fail, nothing else.
        var lines = Vectors.td3New
        lines[1] = lines[1].replacingOccurrences(of: "7408122", with: "7508122")
        let read = Fixtures.inspector("2020-01-01").inspect(try MRZText(lines: lines), file: "scan", confidences: sure(lines))
        #expect(read.verdict == .reject)
        #expect(!read.findings.contains { $0.rule == GarbageRead.ruleID })
    }

    @Test func anUnknownCodeIsADoubtWhenTheEngineWasShownWrongWhereItWasSure() {
        let code = Finding(rule: "code.issuing-state", severity: .fail, message: "'VZL' is not a known code")
        let overrule = Finding(rule: OverruledRead.ruleID, severity: .warn, message: "read T at 0.98, the check wants 1")
        #expect(GarbageRead.judge([code]) == [code], "a sure read of an unknown code stays a fail")
        let judged = GarbageRead.judge([overrule, code])
        #expect(judged.count == 2 && judged[0] == overrule)
        #expect(judged[1].rule == code.rule && judged[1].severity == .warn && judged[1].message.hasPrefix(code.message))
        #expect(Verdict.from(findings: judged) == .review)
        let visualZone = Finding(rule: "viz.mismatch.document-number", severity: .fail, message: "the visual zone prints NH139S38R")
        #expect(GarbageRead.judge([overrule, visualZone])[1].severity == .warn, "a contradiction of a shaky MRZ read is a doubt too")
        #expect(GarbageRead.judge([visualZone]) == [visualZone])
    }

    /// A genuine Spanish card (generated, JPEG-compressed, seed 9704 document 0026) whose nationality `ESP` was read
    /// `BSP`, E and B being alike in OCR-B: from a scan a doubt, the document's issuing state being `ESP`; typed, or
    /// two characters off, or not a look-alike, still an unknown code that rejects.
    @Test func anUnknownCodeALookAlikeOfTheOtherCodeIsADoubt() throws {
        let read = ["I<ESP84617S5K49<<<<<<<<<<<<<<<", "9701274F3111138BSP7221295875<0", "FERREIRA<<MIRIAM<CLAIRE<<<<<<<"]
        let inspector = Fixtures.inspector("2026-11-25")
        let scan = inspector.inspect(try MRZText(lines: read), file: "scan", confidences: sure(read))
        #expect(scan.verdict == .review)
        let finding = try #require(scan.findings.first { $0.rule == "code.nationality" })
        #expect(finding.severity == .warn && finding.evidence.contains(Evidence("look_alike_of", "ESP")))
        #expect(inspector.inspect(try MRZText(lines: read), file: "typed").verdict == .reject, "typed text means what it says")
        for nationality in ["BSQ", "XSP"] {
            let lines = [read[0], read[1].replacingOccurrences(of: "BSP", with: nationality), read[2]]
            let other = inspector.inspect(try MRZText(lines: lines), file: "scan", confidences: sure(lines))
            #expect(other.findings.first { $0.rule == "code.nationality" }?.severity == .fail, "\(nationality)")
        }
    }

    @Test func failuresInOnePartOfTheGrammarAreNotGarbage() {
        let checks = ["mrz.check-digit.document-number", "mrz.check-digit.date-of-birth", "mrz.check-digit.date-of-expiry",
                      "mrz.check-digit.composite"].map { Finding(rule: $0, severity: .fail, message: "fails") }
        #expect(GarbageRead.judge(checks) == checks)
        let mixed = checks.dropLast() + [Finding(rule: "code.nationality", severity: .fail, message: "unknown")]
        #expect(GarbageRead.judge(Array(mixed)).contains { $0.rule == GarbageRead.ruleID })
    }
}
