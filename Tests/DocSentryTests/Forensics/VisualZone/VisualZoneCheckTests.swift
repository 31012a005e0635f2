@testable import DocSentry
import Foundation
import Testing

/// The visual zone against the MRZ: the date forms and national-character names a visual zone prints are matched
/// to the MRZ's values (no OCR here), and on a generated scan whose visual zone prints another surname the check
/// names the field with both values. Genuine scans staying quiet: `PrintForensicsTests.genuineScansStayQuiet`.
@Suite struct VisualZoneCheckTests {
    /// Read text whose every character has `confidence` and no alternative.
    static func read(_ text: String, confidence: Double) -> VisualZoneText {
        let box = FrameBox(uMin: 0, uMax: 0, vMin: 0, vMax: 0)
        return VisualZoneText(characters: text.map { VisualZoneText.Character(value: $0, confidence: confidence, alternatives: [], box: box) },
                              box: box)
    }

    @Test(arguments: [
        ("12 AUG 1974", "740812"), ("12.08.1974", "740812"), ("12/08/1974", "740812"), ("12 08 1974", "740812"),
        ("12-08-1974", "740812"), ("12 AOÛT/AUG 1974", "740812"), ("03 MAR 85", "850303"), ("08/12/1974", "740812"),
    ])
    func aPrintedDateIsTheMRZsInEachForm(_ printed: String, _ mrz: String) throws {
        let dates = PrintedDates.find(in: printed)
        #expect(dates.count == 1, "\(printed): \(dates)")
        let date = try #require(dates.first)
        #expect(PrintedDates.compare(date, withMRZ: mrz, read: VisualZoneText(printed)) == .same)
    }

    @Test func aDateAlteredInOnePartIsPlacedByWhereItStandsAmongThePagesDates() {
        func dates(_ texts: [String]) -> [PrintedDate] { texts.compactMap { PrintedDates.find(in: $0).first } }
        // Birth 08 AUG 1995 in the MRZ; the page prints 1991, issue 2025, expiry 2030: the earliest is the birth date.
        let page = dates(["08 AUG 1991", "25 MAR 2030", "26 MAR 2025"])
        #expect(VisualZoneComparison.alteredInOnePart(.dateOfBirth, raw: "950808", among: page, excluding: []) == 0)
        #expect(VisualZoneComparison.alteredInOnePart(.dateOfBirth, raw: "950808", among: page, excluding: [0]) == nil, "confirmed elsewhere")
        // Two parts differ: no longer the same date altered.
        #expect(VisualZoneComparison.alteredInOnePart(.dateOfBirth, raw: "950807", among: dates(["08 JUL 1991", "26 MAR 2025"]), excluding: []) == nil)
        // An expiry extended in the visual zone (2028 printed 2030) is the latest date; an issue date sharing the
        // expiry's day and month ten years before it is not an altered expiry.
        #expect(VisualZoneComparison.alteredInOnePart(.dateOfExpiry, raw: "280920", among: dates(["12 MAY 1980", "20 SEP 2030", "21 SEP 2018"]), excluding: []) == 1)
        #expect(VisualZoneComparison.alteredInOnePart(.dateOfExpiry, raw: "300325", among: dates(["12 MAY 1980", "25 MAR 2020"]), excluding: []) == nil)
        // A two-digit year on the page leaves the order unknown.
        #expect(VisualZoneComparison.alteredInOnePart(.dateOfBirth, raw: "950808", among: dates(["08 AUG 91", "26 MAR 2025"]), excluding: []) == nil)
    }

    @Test func anotherDateIsDifferentOnlyWhereReadSurely() throws {
        let date = try #require(PrintedDates.find(in: "12 AUG 1975").first)
        #expect(PrintedDates.compare(date, withMRZ: "740812", read: Self.read("12 AUG 1975", confidence: 0.95)) == .different)
        #expect(PrintedDates.compare(date, withMRZ: "740812", read: Self.read("12 AUG 1975", confidence: 0.3)) == .uncertain)
        // A part the issuer does not know (`<` in the MRZ, Doc 9303 Part 3 §4.8) is not compared.
        #expect(PrintedDates.compare(date, withMRZ: "75<<12", read: VisualZoneText("12 AUG 1975")) != .different)
    }

    @Test(arguments: [
        ("MÜLLER", ["MUELLER"]), ("MÜLLER", ["MULLER"]), ("BJØRNSTAD", ["BJOERNSTAD"]), ("D'AMBROSIO", ["DAMBROSIO"]),
        ("ANNE-MARIE", ["ANNE", "MARIE"]), ("NUÑEZ", ["NUNEZ"]), ("SCHUURMANS", ["SCHUURMAN5"]),
    ])
    func aNationalSpellingIsTheMRZsTransliteration(_ printed: String, _ components: [String]) {
        #expect(VisualZoneNames.compare(VisualZoneText(printed), components: components, possiblyTruncated: false) == .same)
    }

    @Test func anotherNameIsDifferentAndAPieceOfTheNameIsNot() {
        #expect(VisualZoneNames.compare(VisualZoneText("NAKAMURA"), components: ["TAMM"], possiblyTruncated: false) == .different)
        #expect(VisualZoneNames.compare(Self.read("NAKAMURA", confidence: 0.4), components: ["TAMM"], possiblyTruncated: false) == .uncertain)
        // Blur cut the print into pieces: part of the right name, not another one.
        #expect(VisualZoneNames.compare(VisualZoneText("SCMU"), components: ["SCHUURMANS"], possiblyTruncated: false) == .uncertain)
        // A long name the MRZ truncated (Doc 9303 Part 4 §4.2.3) is the same name.
        #expect(VisualZoneNames.compare(VisualZoneText("WOLFESCHLEGELSTEINHAUSEN"), components: ["WOLFESCHLEGELST"], possiblyTruncated: true) == .same)
    }

    @Test func transliterationGivesTheRecommendedAndTheShortForm() {
        #expect(Transliteration.machineReadable("MÜLLER") == "MUELLER")
        #expect(Transliteration.machineReadable("MÜLLER", simple: true) == "MULLER")
        #expect(Transliteration.machineReadable("GÅRDSØ") == "GAARDSOE")
    }

    static let mismatch = Fixtures.testImages + "/generated/td1-viz-mismatch-0000"

    @Test func aVisualZoneMismatchIsAFailWithBothValuesAndTurnedOffItIsNotLookedFor() throws {
        let key = try AnswerKey.decode(try Data(contentsOf: URL(fileURLWithPath: Self.mismatch + ".json")))
        let forgery = try #require(key.forgeries.first { $0.kind == .visualZoneMismatch })
        let inspector = Fixtures.inspector("2026-11-25")
        let report = try inspector.inspect(fileAt: Self.mismatch + ".png", with: try ScanReader())
        #expect(report.verdict == .reject)
        let finding = try #require(report.findings.first { $0.rule == VisualZoneCheck.Field.name.ruleID }, "\(report.findings.map(\.rule))")
        #expect(finding.severity == .fail)
        #expect(finding.evidence.contains(Evidence("visual_zone", try #require(forgery.altered))))
        #expect(finding.evidence.contains(Evidence("mrz", try #require(forgery.original))))
        #expect(finding.message.contains("'\(forgery.altered!)'") && finding.message.contains("'\(forgery.original!)'"), "\(finding.message)")
        // Redacted, neither zone's surname is left, in the message or the evidence.
        let redacted = try #require(Redaction.redact(report).findings.first { $0.rule == finding.rule })
        for text in [redacted.message] + redacted.evidence.map(\.value) {
            #expect(!text.contains(forgery.altered!) && !text.contains(forgery.original!), "\(text)")
        }
        let box = try #require(finding.pageBox)
        #expect(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= Double(key.imageWidth) && box[1] + box[3] <= Double(key.imageHeight))
        #expect(!report.findings.contains { $0.rule.hasPrefix("viz.mismatch") && $0.rule != finding.rule })

        // MRZ only (`--no-viz`): the MRZ is consistent in itself, so the document passes and no VIZ check is made.
        let mrzOnly = try inspector.inspect(fileAt: Self.mismatch + ".png", with: try ScanReader(visualZone: false))
        #expect(mrzOnly.verdict == key.expectedVerdict)
        #expect(!mrzOnly.checks.contains { $0.rule.hasPrefix("viz.") })
        #expect(!mrzOnly.findings.contains { $0.rule.hasPrefix("viz.") })
    }
}
