@testable import DocSentry
import Foundation
import Testing

/// The print forensics on generated scans: a pasted character or one outside the MRZ alphabet is named at its
/// line and column; genuine scans, clean and degraded, stay quiet.
@Suite struct PrintForensicsTests {
    static let folder = Fixtures.testImages + "/generated"
    static let forensicRules = Set(PrintForensics.ruleIDs)

    static func key(_ name: String) throws -> AnswerKey {
        try AnswerKey.decode(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".json")))
    }

    static func inspect(_ name: String) throws -> Report {
        let scanner = try ScanReader(model: .bundledMRZ)
        return try Fixtures.inspector("2026-11-25").inspect(fileAt: folder + "/" + name + ".png", with: scanner)
    }

    static var printForgeries: [String] {
        ["mrvb-pasted-character-0000", "td3-pasted-character-0000", "td3-pasted-other-typeface-0000", "td3-pasted-typeface-alone-0000",
         "td1-pasted-two-sides-low-res-0000",
         "td1-non-mrz-character-0000"]
    }

    @Test(arguments: printForgeries)
    func aPrintForgeryIsNamedAtItsCharacter(_ name: String) throws {
        let key = try Self.key(name)
        let forgery = try #require(key.forgeries.first { $0.kind == .pastedCharacter || $0.kind == .nonMRZCharacters })
        let report = try Self.inspect(name)
        let findings = report.findings.filter { Self.forensicRules.contains($0.rule) }
        #expect(report.verdict != .pass)
        #expect(findings.contains { $0.position == MRZPosition(line: forgery.line!, column: forgery.column!) && $0.severity >= .warn },
                "\(name): \(findings.map { "\($0.rule) \($0.position!)" })")
        for finding in findings {
            let box = try #require(finding.pageBox)
            #expect(box.count == 4 && box[2] > 0 && box[3] > 0)
            #expect(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= Double(key.imageWidth) + 1 && box[1] + box[3] <= Double(key.imageHeight) + 1)
        }
    }

    /// Every readable genuine fixture, clean or degraded (low resolution, two sides, rotation, glare, crop, noise); the
    /// visual zone's comparison runs on them too (`ScanReader`'s default) and must stay as quiet.
    static var genuine: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            let base = String(name.dropLast(5))
            guard let key = try? key(base), key.readable, key.forgeries.isEmpty else { return nil }
            return base
        }
    }

    @Test func genuineScansStayQuiet() throws {
        #expect(Self.genuine.count >= 20)
        for name in Self.genuine {
            let report = try Self.inspect(name)
            let findings = report.findings.filter {
                Self.forensicRules.contains($0.rule) || $0.rule == OverruledRead.ruleID || $0.rule.hasPrefix("viz.mismatch")
            }
            #expect(findings.isEmpty, "\(name): \(findings.map(\.message))")
        }
    }

    @Test func theOCRBPageBoxOfACellLiesOnTheMRZ() throws {
        let name = "td3-pasted-character-0000"
        let key = try Self.key(name)
        let report = try Self.inspect(name)
        let finding = try #require(report.findings.first { Self.forensicRules.contains($0.rule) })
        let box = try #require(finding.pageBox)
        let corners = key.mrzBox.corners
        let xs = corners.map { $0[0] }, ys = corners.map { $0[1] }
        // The pasted character's cell is inside the MRZ's cell box, on line 2 of 2 (the lower half).
        #expect(box[0] >= xs.min()! - 2 && box[0] + box[2] <= xs.max()! + 2)
        #expect(box[1] >= (ys.min()! + ys.max()!) / 2 - 2 && box[1] + box[3] <= ys.max()! + 4)
    }

    /// A sharp capital with ink, measured against its line as `deviation` says.
    static func measured(_ character: Character, top: Double = 0, bottom: Double = 0, height: Double = 0, stroke: Double = 0,
                         width: Double = 0, shape: Double = 0) -> CellDeviation {
        let ink = PrintedCell.Ink(left: 2, top: 0, right: 8, bottom: 36, area: 100, strokeWidth: 4)
        let cell = PrintedCell(line: 1, column: 4, lineLength: 44, character: character, left: 0, pitch: 10, capitalTop: 0,
                               baseline: 36, ink: ink, conformity: 0.8)
        var deviation = CellDeviation(cell: cell)
        (deviation.top, deviation.bottom, deviation.height) = (top, bottom, height)
        (deviation.stroke, deviation.width, deviation.conformity) = (stroke, width, shape)
        return deviation
    }

    @Test func aCharacterSomewhatOffInSeveralMeasuresIsReportedWhereNoneAloneWouldBe() throws {
        // A character pasted from another typeface: a little off in every measure, under 4.5 spreads in each.
        let pasted = Self.measured("V", top: -3.3, bottom: -0.2, height: 2.1, stroke: -2.6, width: 3.9, shape: -3.9)
        let finding = try #require(PrintForensics.geometryFinding(pasted, scanCapitalHeight: 20))
        #expect(finding.rule == PrintForensics.typefaceRule && finding.severity == .warn)
        #expect(finding.position == MRZPosition(line: 2, column: 5))
        #expect(finding.evidence.first?.name == "combined_spreads")
        #expect(PrintForensics.geometryFinding(pasted, scanCapitalHeight: 6) == nil, "not on 6-px print, where every cell is off")
        var blurred = pasted
        blurred.lineBlur = PrintForensics.sharpPrintBlur + 1
        #expect(PrintForensics.geometryFinding(blurred, scanCapitalHeight: 20) == nil, "nor on a blurred line")
        // Each measure counts up to 4 spreads: one far out (with its own test) and the rest quiet does not add up.
        #expect(PrintForensics.geometryFinding(Self.measured("V", width: 30, shape: 2), scanCapitalHeight: 20) == nil)
        // A better likeness than the neighbours' never counts against a character.
        #expect(PrintForensics.geometryFinding(Self.measured("V", top: -3, stroke: -3, width: 3, shape: 9), scanCapitalHeight: 20) == nil)
    }

    /// Under the combined threshold a character counts when it stands alone on its line: no other character
    /// within `loneFactor` of it. (Combined here: top 3, stroke 3, shape 3, width 2, clipped: 5.8 spreads.)
    @Test func aCharacterAloneOnItsLineCountsFromFewerSpreads() throws {
        var pasted = Self.measured("V", top: -3, stroke: -3, width: 2, shape: -3)
        let combined = try #require(pasted.combined(clip: PrintForensics.combinedClip))
        #expect(combined >= PrintForensics.loneCombinedSpreads && combined < PrintForensics.combinedSpreads)
        #expect(PrintForensics.geometryFinding(pasted, scanCapitalHeight: 20) == nil, "without the line's other characters")
        pasted.nextOnLine = 3.0
        let finding = try #require(PrintForensics.geometryFinding(pasted, scanCapitalHeight: 20))
        #expect(finding.rule == PrintForensics.typefaceRule && finding.severity == .warn)
        #expect(finding.evidence.contains(Evidence("next_on_line_spreads", "3.0")))
        pasted.nextOnLine = 4.0
        #expect(PrintForensics.geometryFinding(pasted, scanCapitalHeight: 20) == nil, "a line whose characters drift together")
        pasted.nextOnLine = 1
        pasted.lineBlur = PrintForensics.sharpPrintBlur + 1
        #expect(PrintForensics.geometryFinding(pasted, scanCapitalHeight: 20) == nil, "nor on a blurred line")
    }

    @Test func anMIsNeverHeavierThanItsGlyphButAnyCharacterMayBeLighter() {
        #expect(PrintForensics.geometryFinding(Self.measured("M", stroke: 7), scanCapitalHeight: 20) == nil)
        #expect(PrintForensics.geometryFinding(Self.measured("M", stroke: -5), scanCapitalHeight: 20)?.rule == PrintForensics.typefaceRule)
        #expect(PrintForensics.geometryFinding(Self.measured("K", stroke: 5), scanCapitalHeight: 20)?.rule == PrintForensics.typefaceRule)
        #expect(PrintForensics.geometryFinding(Self.measured("K", stroke: 3.5), scanCapitalHeight: 20) == nil)
    }

    @Test func onPrintTooCoarseToMeasureADoubtIsOnlyNoted() throws {
        let name = "td3-pasted-character-0000"
        let forgery = try #require(try Self.key(name).forgeries.first)
        let scanner = try ScanReader(model: .bundledMRZ, visualZone: false)
        var region = try scanner.locator.locate(try scanner.decoder.decode(fileAt: Self.folder + "/" + name + ".png").raster)
        let text = try #require(scanner.reader.read(region)).corrected.text
        let grids = PrintMeasurer.lineGrids(region, text: text)
        let at = MRZPosition(line: forgery.line!, column: forgery.column!)
        let sharp = try #require(PrintForensics.findings(region, text: text, grids: grids).first { $0.position == at })
        #expect(sharp.severity == .warn)
        // The same measures, as if the scan's capitals were 6 px high.
        region.characterHeight = 6
        let coarse = try #require(PrintForensics.findings(region, text: text, grids: grids).first { $0.position == at })
        #expect(coarse.severity == .info && coarse.rule == sharp.rule)
        #expect(coarse.message.hasPrefix(sharp.message) && coarse.message.contains("6 px high, too coarse"))
    }

    @Test func aLowercaseLForAnLCountsOnlyWhenItsFootIsClear() {
        func finding(_ read: Character, printed: Character, margin: Double) -> Finding? {
            var deviation = Self.measured(read)
            deviation.foreign = (printed, margin)
            return PrintForensics.alphabetFinding(deviation)
        }
        #expect(finding("L", printed: "l", margin: 0.15) == nil, "noise makes a genuine L look this much like an l")
        #expect(finding("L", printed: "l", margin: 0.25)?.severity == .fail)
        #expect(finding("K", printed: "k", margin: 0.15)?.severity == .warn, "other lowercase letters count from 0.06")
    }

    @Test func aBlankCellIsAFailInsideALineAndADoubtAtItsEnd() {
        func blank(column: Int) -> Finding? {
            let cell = PrintedCell(line: 0, column: column, lineLength: 44, character: "<", left: 0, pitch: 10, capitalTop: 0,
                                   baseline: 36, ink: nil, conformity: nil)
            return PrintForensics.alphabetFinding(CellDeviation(cell: cell))
        }
        #expect(blank(column: 20)?.severity == .fail)
        #expect(blank(column: 43)?.severity == .warn)
        #expect(blank(column: 20)?.position == MRZPosition(line: 1, column: 21))
    }
}
