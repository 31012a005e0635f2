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
        ["mrvb-pasted-character-0000", "td3-pasted-character-0000", "td1-pasted-two-sides-low-res-0000", "td1-non-mrz-character-0000"]
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
