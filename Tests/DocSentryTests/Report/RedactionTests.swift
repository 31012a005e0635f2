@testable import DocSentry
import Foundation
import Testing

/// `Redaction` on reports as the image pipeline makes them: the raw OCR read, corrections and findings that quote
/// characters, spellings the engine got wrong.
@Suite struct RedactionTests {
    /// The specimen's report as if it had been read from a scan: the engine read `ERIKSS0N` and `L89B902C3`, and
    /// corrected both.
    static func scannedReport() throws -> Report {
        let text = try MRZText(lines: Vectors.td3)
        var report = Fixtures.inspector().inspect(text, file: "scan.png")
        let read = ["P<UTOERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L89B902C36UTO7408122F1204159ZE184226B<<<<<10"]
        let corrections = [
            Correction(line: 1, column: 12, read: "0", chosen: "O", reason: .characterClass, confidence: 0.4),
            Correction(line: 2, column: 4, read: "B", chosen: "8", reason: .checkDigit, confidence: 0.8),
            Correction(line: 2, column: 44, read: "O", chosen: "0", reason: .characterClass, confidence: 0.5),
        ]
        report.ocr = OCRDetails(model: "eng", read: read, confidences: read.map { $0.map { _ in 0.9 } }, corrections: corrections)
        report.findings.append(Finding(
            rule: "ocr.check-digit-repair", severity: .warn,
            message: "the check digit passes only if the 'B' read here is taken as '8': confirm these characters on the document",
            position: MRZPosition(line: 2, column: 4), evidence: [Evidence("read", "B"), Evidence("chosen", "8"), Evidence("confidence", "0.80")]))
        report.findings.append(Finding(rule: "list.lost-stolen", severity: .fail,
                                       message: "document L89B9O2C3 is listed as stolen", evidence: [Evidence("listed as", "L89B9O2C3")]))
        return report
    }

    static func everything(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test func theRawReadCorrectionsAndQuotedCharactersAreMasked() throws {
        let redacted = Redaction.redact(try Self.scannedReport())
        let json = try Self.everything(redacted)
        for secret in ["ERIKSSON", "ERIKSS0N", "ANNA", "MARIA", "L898902C3", "L89B902C3", "L89B9O2C3", "740812", "1974-08-12", "ZE184226B"] {
            #expect(!json.contains(secret), "\(secret) leaked")
        }
        let ocr = try #require(redacted.ocr)
        #expect(ocr.read == ["P<UTO********<<****<*****<<<<<<<<<<<<<<<<<<<", "*********6UTO******2F1204159*********<<<<<10"])
        #expect(ocr.confidences == (try Self.scannedReport()).ocr?.confidences, "confidences are no personal data")
        #expect(ocr.corrections[0].read == "*" && ocr.corrections[0].chosen == "*")
        #expect(ocr.corrections[1].read == "*" && ocr.corrections[1].chosen == "*")
        #expect(ocr.corrections[2].read == "O" && ocr.corrections[2].chosen == "0", "the composite check digit is not personal")
        let repair = try #require(redacted.findings.first { $0.rule == "ocr.check-digit-repair" })
        #expect(repair.message.hasPrefix("the check digit passes only if the '*' read here is taken as '*'"))
        #expect(repair.evidence.map(\.value) == ["*", "*", "0.80"])
        #expect(redacted.redacted)
        #expect(redacted.mrz?.map(\.count) == [44, 44])
    }

    /// Forensic findings on a personal field quote the character seen printed, which may be no MRZ character.
    @Test func charactersAForensicFindingQuotesOnAPersonalFieldAreMasked() throws {
        var report = try Self.scannedReport()
        report.findings.append(Finding(
            rule: "forensics.non-mrz-character", severity: .fail,
            message: "the print here looks like 'Ö', which the MRZ does not allow (only A-Z, 0-9 and <); it was read as 'O'",
            position: MRZPosition(line: 1, column: 9),
            evidence: [Evidence("read", "O"), Evidence("printed", "Ö"), Evidence("shape_margin", "0.12")]))
        let redacted = Redaction.redact(report)
        let finding = try #require(redacted.findings.last)
        #expect(finding.message == "the print here looks like '*', which the MRZ does not allow (only A-Z, 0-9 and <); it was read as '*'")
        #expect(finding.evidence.map(\.value) == ["*", "*", "0.12"])
    }

    @Test func aReportWhoseMRZCannotBeParsedKeepsNoMRZCharacter() throws {
        var report = try Self.scannedReport()
        report.mrz = ["P<UTOERIKSSON<<ANNA", "L898902C36UTO7408122F"]
        let redacted = Redaction.redact(report)
        #expect(redacted.mrz == ["*<***********<<****", "*********************"], "every character but the fillers")
        #expect(redacted.ocr?.read.allSatisfy { $0.allSatisfy { $0 == "*" || $0 == "<" } } == true)
    }

    @Test func twoLetterNamesAreMaskedAsWordsOnly() {
        var secrets = Secrets()
        secrets.add(field: "LI<<WU<<<<")
        #expect(secrets.scrub("holder name 'LI' (LI WU), line 1, column 11") == "holder name '**' (** **), line 1, column 11")
    }
}
