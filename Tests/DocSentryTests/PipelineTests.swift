@testable import DocSentry
import Testing

@Suite struct PipelineTests {
    /// The Utopia TD3 specimen: all check digits valid, and reported as a known specimen.
    /// Which way up a band is read weighs the read and the locator's up/down evidence together: a blurred page
    /// (seed 6060 document 0018) read upright scored 60, upside down 67 once a garbage check passed by chance;
    /// the locator, 0.79 sure of upright, settles it. A coin toss counts for nothing.
    @Test func theLocatorsUpDownEvidenceCountsInChoosingWhichWayToRead() {
        #expect(Inspector.orientationScore(0.5) == 0)
        #expect(Inspector.orientationScore(1) == 15 && Inspector.orientationScore(0) == -15)
        #expect(60 + Inspector.orientationScore(0.79) > 67 + Inspector.orientationScore(0.21))
    }

    @Test func utopiaSpecimenIsAKnownSpecimen() throws {
        let report = Fixtures.inspector("2011-01-01").inspect(try MRZText(lines: Vectors.td3), file: "mrz")
        let checkDigits = report.checks.filter { $0.rule.hasPrefix("mrz.check-digit.") }
        #expect(checkDigits.count == 5)
        #expect(checkDigits.allSatisfy { $0.status == .passed })
        #expect(report.findings.contains { $0.rule == "specimen.document-number" && $0.severity == .fail })
        #expect(report.verdict == .reject)
        #expect(report.document?.dateOfBirth == "1974-08-12")
    }

    /// With its date of birth changed, the finding names the date-of-birth check digit.
    @Test func alteredDateOfBirthIsRejected() throws {
        let altered = Vectors.td3[1].replacingOccurrences(of: "7408122", with: "7508122")
        let report = Fixtures.inspector("2011-01-01", mode: .training).inspect(try MRZText(lines: [Vectors.td3[0], altered]), file: "mrz")
        #expect(report.verdict == .reject)
        let finding = try #require(report.findings.first { $0.rule == "mrz.check-digit.date-of-birth" })
        #expect(finding.fields == ["date_of_birth", "date_of_birth_check_digit"])
        #expect(finding.position == MRZPosition(line: 2, column: 20))
        #expect(finding.evidence.contains(Evidence("printed", "2")))
        #expect(finding.evidence.contains(Evidence("expected", "5")))
    }

    @Test func everyCheckHasAStatus() throws {
        let report = Fixtures.inspector().inspect(try MRZText(lines: Vectors.mrvB), file: "mrz")
        #expect(report.checks.contains(Check(rule: "mrz.check-digit.composite", status: .notPerformed,
                                             detail: "MRV-B has no composite check digit (Doc 9303 Part 7)")))
        let failedRules = Set(report.checks.filter { $0.status == .failed }.map(\.rule))
        #expect(failedRules == Set(report.findings.map(\.rule)).subtracting(["mrz.name.possibly-truncated"]))
    }

    /// Expired: fail at a checkpoint, warn in an audit (policy.yaml).
    @Test func policyDependsOnTheMode() throws {
        let germanID = ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"]
        let text = try MRZText(lines: germanID)
        let checkpoint = Fixtures.inspector("2026-11-25", mode: .checkpoint).inspect(text, file: "mrz")
        let audit = Fixtures.inspector("2026-11-25", mode: .audit).inspect(text, file: "mrz")
        #expect(checkpoint.findings.first { $0.rule == "date.expired" }?.severity == .fail)
        #expect(audit.findings.first { $0.rule == "date.expired" }?.severity == .warn)
        let valid = Fixtures.inspector("2015-01-01", mode: .checkpoint).inspect(text, file: "mrz")
        #expect(!valid.findings.contains { $0.rule.hasPrefix("code.") || $0.rule.hasPrefix("mrz.") })
    }

    @Test func unknownIssuerFails() throws {
        let lines = MRZComposer.compose(MRZFields(format: .td3, documentCode: "P<", issuingState: "YTO",
            primaryIdentifier: ["A"], secondaryIdentifier: ["B"], documentNumber: "X1234567", nationality: "QQQ",
            dateOfBirth: "740812", sex: "F", dateOfExpiry: "300101"))
        let report = Fixtures.inspector("2026-01-01").inspect(try MRZText(lines: lines), file: "mrz")
        #expect(Set(report.findings.map(\.rule)).isSuperset(of: ["code.issuing-state", "code.nationality"]))
        #expect(report.verdict == .reject)
    }

    @Test func redactionMasksPersonalData() throws {
        let text = try MRZText(lines: Vectors.td3)
        let report = Fixtures.inspector().inspect(text, file: "mrz")
        let redacted = Redaction.redact(report, document: MRZParser.parse(text))
        let everything = "\(redacted.mrz!) \(redacted.document!) \(redacted.findings) \(redacted.checks)"
        for secret in ["ERIKSSON", "ANNA", "L898902C3", "740812", "1974-08-12", "ZE184226B"] {
            #expect(!everything.contains(secret), "\(secret) leaked")
        }
        #expect(redacted.mrz?[1].count == 44)
        #expect(redacted.verdict == report.verdict)
    }
}
