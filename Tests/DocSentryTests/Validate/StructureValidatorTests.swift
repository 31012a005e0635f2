import DocSentry
import Testing

/// The edge cases peers get wrong (domain notes §3): each handled and tested.
@Suite struct StructureValidatorTests {
    func rules(_ lines: [String]) -> [String] {
        let document = Vectors.document(lines)
        return (StructureValidator.validate(document).findings + CheckDigitValidator.validate(document).findings).map(\.rule)
    }

    /// Doc 9303 Part 4 §4.2.2: the TD3 optional-data check digit may be `<` when the optional data is empty...
    @Test func td3OptionalCheckDigitFillerWhenEmpty() {
        let lines = MRZComposer.compose(MRZFields(format: .td3, documentCode: "P<", issuingState: "UTO",
            primaryIdentifier: ["A"], secondaryIdentifier: ["B"], documentNumber: "X1234567", nationality: "UTO",
            dateOfBirth: "740812", sex: "F", dateOfExpiry: "300101"))
        #expect(lines[1].dropLast().last == "<")
        #expect(rules(lines).isEmpty)
        let document = Vectors.document(lines)
        #expect(CheckDigitValidator.validate(document).checks.contains { $0.rule == "mrz.check-digit.optional-data" && $0.status == .passed })
    }

    /// ...or 0 (the new ICAO figure ends `<<<<<<<<18`).
    @Test func td3OptionalCheckDigitZeroWhenEmpty() {
        #expect(rules(Vectors.td3New).isEmpty)
    }

    /// ...but `<` is wrong when the optional data is not empty.
    @Test func td3OptionalCheckDigitFillerWhenNotEmptyFails() {
        var line = Array(Vectors.td3[1])
        line[42] = "<"
        #expect(rules([Vectors.td3[0], String(line)]).contains("mrz.check-digit.optional-data"))
    }

    /// Sex `X` in the MRZ: a conformance deviation (Part 4 note p), not a plain failure.
    @Test func sexX() {
        let lines = MRZComposer.compose(MRZFields(format: .td3, documentCode: "P<", issuingState: "UTO",
            primaryIdentifier: ["A"], secondaryIdentifier: ["B"], documentNumber: "X1234567", nationality: "UTO",
            dateOfBirth: "740812", sex: "X", dateOfExpiry: "300101"))
        let findings = StructureValidator.validate(Vectors.document(lines)).findings
        #expect(findings.map(\.rule) == ["mrz.sex.x"])
        #expect(findings[0].severity == .warn)
    }

    @Test func documentCodesPerFormat() {
        #expect(rules(["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", Vectors.td3[1]]) == ["mrz.document-code.format"])
        #expect(rules(["IVUTOD231458907<<<<<<<<<<<<<<<", Vectors.td1[1], Vectors.td1[2]]).contains("mrz.document-code.format"))
        #expect(rules(["AIUTOD231458907<<<<<<<<<<<<<<<", Vectors.td1[1], Vectors.td1[2]]).contains("mrz.document-code.format"))
        #expect(!rules(["ACUTOD231458907<<<<<<<<<<<<<<<", Vectors.td1[1], Vectors.td1[2]]).contains("mrz.document-code.format"))
        #expect(rules(["ACUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", Vectors.td2[1]]).contains("mrz.document-code.format"))
    }

    @Test func lettersInDatesAreFieldCharacterFindings() {
        var line = Array(Vectors.td3[1])
        line[15] = "O"
        let findings = StructureValidator.validate(Vectors.document([Vectors.td3[0], String(line)])).findings
        #expect(findings.contains { $0.rule == "mrz.field.characters" && $0.position == MRZPosition(line: 2, column: 16) })
    }

    @Test func nameSyntax() {
        #expect(rules(["P<UTO<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", Vectors.td3[1]]) == ["mrz.name.syntax"])
        #expect(rules(["P<UTOERIKSSON<<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<", Vectors.td3[1]]) == ["mrz.name.syntax"])
        // A single name (Part 4 example ARKFREITH) is legal.
        #expect(rules(["P<UTOARKFREITH<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", Vectors.td3[1]]).isEmpty)
    }
}
