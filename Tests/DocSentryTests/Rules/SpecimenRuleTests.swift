@testable import DocSentry
import Testing

/// A published specimen's document number is a copied specimen whatever issuer the document names.
@Suite struct SpecimenRuleTests {
    func inspect(state: String, number: String, nationality: String) throws -> Report {
        let lines = MRZComposer.compose(MRZFields(
            format: .td3, documentCode: "P<", issuingState: state, primaryIdentifier: ["HANSEN"], secondaryIdentifier: ["ANNA"],
            documentNumber: number, nationality: nationality, dateOfBirth: "740812", sex: "F", dateOfExpiry: "320415"))
        return Fixtures.inspector("2026-01-01").inspect(try MRZText(lines: lines), file: "mrz")
    }

    @Test func theICAOSpecimenNumberUnderAnotherIssuerIsRejectedNamingTheSpecimen() throws {
        let report = try inspect(state: "NOR", number: "L898902C3", nationality: "NOR")
        #expect(report.verdict == .reject)
        let finding = try #require(report.findings.first { $0.rule == "specimen.document-number.other-issuer" })
        #expect(finding.severity == .fail)
        #expect(finding.message.contains("UTO L898902C3"))
        #expect(finding.evidence.contains { $0.name == "specimen" && $0.value.hasPrefix("UTO L898902C3 (") })
        #expect(!report.findings.contains { $0.rule == "specimen.document-number" })
    }

    @Test func aSpecimenNumberReadWithLookAlikesIsStillTheSpecimen() throws {
        // The French visa specimen F00000000 printed in a Norwegian passport, read with an O for one 0.
        let report = try inspect(state: "NOR", number: "F000O0000", nationality: "NOR")
        #expect(report.findings.contains { $0.rule == "specimen.document-number.other-issuer" && $0.message.contains("FRA F00000000") })
    }

    @Test func theSpecimensOwnIssuerIsTheSameIssuerRuleOnly() throws {
        let report = try inspect(state: "UTO", number: "L898902C3", nationality: "UTO")
        #expect(report.findings.contains { $0.rule == "specimen.document-number" })
        #expect(!report.findings.contains { $0.rule == "specimen.document-number.other-issuer" })
    }

    @Test func anOrdinaryNumberIsNoSpecimen() throws {
        let report = try inspect(state: "NOR", number: "L898902C4", nationality: "NOR")
        #expect(!report.findings.contains { $0.rule.hasPrefix("specimen.") })
        #expect(report.verdict == .pass)
    }
}
