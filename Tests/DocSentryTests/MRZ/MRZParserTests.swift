import DocSentry
import Testing

/// The ICAO Doc 9303 specimens parse field by field (Parts 4-7 §4.2.2) and every check digit validates.
@Suite struct MRZParserTests {
    func fields(_ lines: [String]) -> [MRZFieldName: String] {
        Dictionary(uniqueKeysWithValues: Vectors.document(lines).fields.map { ($0.name, $0.raw) })
    }

    @Test func td3Specimen() {
        let document = Vectors.document(Vectors.td3)
        #expect(document.format == .td3)
        #expect(fields(Vectors.td3) == [
            .documentCode: "P<", .issuingState: "UTO", .name: "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            .documentNumber: "L898902C3", .documentNumberCheckDigit: "6", .nationality: "UTO",
            .dateOfBirth: "740812", .dateOfBirthCheckDigit: "2", .sex: "F", .dateOfExpiry: "120415",
            .dateOfExpiryCheckDigit: "9", .optionalData: "ZE184226B<<<<<", .optionalDataCheckDigit: "1",
            .compositeCheckDigit: "0",
        ])
        #expect(document.name.primaryIdentifier == ["ERIKSSON"])
        #expect(document.name.secondaryIdentifier == ["ANNA", "MARIA"])
        #expect(!document.name.possiblyTruncated)
        #expect(document[.dateOfBirth]?.line == 2 && document[.dateOfBirth]?.column == 14)
    }

    @Test func td1Specimen() {
        let document = Vectors.document(Vectors.td1)
        #expect(document.format == .td1)
        #expect(fields(Vectors.td1) == [
            .documentCode: "I<", .issuingState: "UTO", .documentNumber: "D23145890", .documentNumberCheckDigit: "7",
            .optionalData: "<<<<<<<<<<<<<<<", .dateOfBirth: "740812", .dateOfBirthCheckDigit: "2", .sex: "F",
            .dateOfExpiry: "120415", .dateOfExpiryCheckDigit: "9", .nationality: "UTO", .optionalData2: "<<<<<<<<<<<",
            .compositeCheckDigit: "6", .name: "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ])
        #expect(document.longDocumentNumber == nil)
    }

    @Test func td2Specimen() {
        #expect(Vectors.document(Vectors.td2).format == .td2)
        #expect(fields(Vectors.td2) == [
            .documentCode: "I<", .issuingState: "UTO", .name: "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            .documentNumber: "D23145890", .documentNumberCheckDigit: "7", .nationality: "UTO", .dateOfBirth: "740812",
            .dateOfBirthCheckDigit: "2", .sex: "F", .dateOfExpiry: "120415", .dateOfExpiryCheckDigit: "9",
            .optionalData: "<<<<<<<", .compositeCheckDigit: "6",
        ])
    }

    @Test func mrvASpecimen() {
        #expect(Vectors.document(Vectors.mrvA).format == .mrvA)
        #expect(fields(Vectors.mrvA) == [
            .documentCode: "V<", .issuingState: "UTO", .name: "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            .documentNumber: "L8988901C", .documentNumberCheckDigit: "4", .nationality: "XXX", .dateOfBirth: "740812",
            .dateOfBirthCheckDigit: "2", .sex: "F", .dateOfExpiry: "961210", .dateOfExpiryCheckDigit: "9",
            .optionalData: "6ZE184226B<<<<<<",
        ])
    }

    @Test func mrvBSpecimen() {
        #expect(Vectors.document(Vectors.mrvB).format == .mrvB)
        #expect(fields(Vectors.mrvB)[.optionalData] == "<<<<<<<<")
        #expect(fields(Vectors.mrvB)[.dateOfExpiry] == "961210")
    }

    @Test(arguments: [Vectors.td3, Vectors.td3New, Vectors.td1, Vectors.td2, Vectors.mrvA, Vectors.mrvB,
                      Vectors.td1Long, Vectors.td1Austria, Vectors.td3Czech, Vectors.mrvBFrance])
    func everyCheckDigitOfTheVectorsValidates(lines: [String]) {
        let assessment = CheckDigitValidator.validate(Vectors.document(lines))
        #expect(assessment.findings.isEmpty, "\(assessment.findings.map(\.message))")
        #expect(assessment.checks.allSatisfy { $0.status != .failed })
    }

    /// Doc 9303 Part 5 note j: a 10-character number continues in the optional data, check digit after it.
    @Test func td1LongDocumentNumber() {
        let document = Vectors.document(Vectors.td1Long)
        #expect(document.documentNumber == "1234567890")
        #expect(document.longDocumentNumber == LongDocumentNumber(continuation: "0", checkDigit: "7", checkDigitLine: 1, checkDigitColumn: 17))
        #expect(CheckDigitValidator.validate(document).checks.contains(Check(rule: "mrz.check-digit.document-number", status: .passed)))
    }

    /// The same scheme on TD2 (Part 6 note j), built by the composer and read back by the parser.
    @Test func td2LongDocumentNumberRoundTrips() {
        let fields = MRZFields(format: .td2, documentCode: "I<", issuingState: "UTO", primaryIdentifier: ["TEST"],
                               secondaryIdentifier: ["LONG"], documentNumber: "AB12345678901", nationality: "UTO",
                               dateOfBirth: "800101", sex: "M", dateOfExpiry: "300101")
        let lines = MRZComposer.compose(fields)
        #expect(lines[1].hasPrefix("AB1234567<UTO"))
        let document = Vectors.document(lines)
        #expect(document.documentNumber == "AB12345678901")
        #expect(CheckDigitValidator.validate(document).findings.isEmpty)
    }

    /// Doc 9303 Part 4 §4.2.3.4: a letter in the last position means "possibly truncated".
    @Test func truncatedName() {
        let lines = ["P<UTOPAPANDROPOULOUS<<JONATHON<WARREN<TREVOR", Vectors.td3[1]]
        let document = Vectors.document(lines)
        #expect(document.name.possiblyTruncated)
        #expect(document.name.secondaryIdentifier == ["JONATHON", "WARREN", "TREVOR"])
    }

    @Test func germanyIsDWithFillers() {
        let document = Vectors.document(["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"])
        #expect(document.issuingState == "D")
        #expect(document.nationality == "D")
    }

    @Test func composerIsTheParsersInverse() {
        for lines in [Vectors.td3, Vectors.td1, Vectors.td2, Vectors.mrvB] {
            let document = Vectors.document(lines)
            let fields = MRZFields(
                format: document.format, documentCode: document.documentCode, issuingState: document[.issuingState]!.raw,
                primaryIdentifier: document.name.primaryIdentifier, secondaryIdentifier: document.name.secondaryIdentifier,
                documentNumber: document.documentNumber, nationality: document[.nationality]!.raw,
                dateOfBirth: document[.dateOfBirth]!.raw, sex: document.sex, dateOfExpiry: document[.dateOfExpiry]!.raw,
                optionalData: document[.optionalData]?.raw ?? "", optionalData2: document[.optionalData2]?.raw ?? "")
            var composed = MRZComposer.compose(fields)
            if document.format == .td3 { composed[1] = String(composed[1].dropLast(2)) + String(lines[1].suffix(2)) }
            #expect(composed == lines)
        }
    }
}
