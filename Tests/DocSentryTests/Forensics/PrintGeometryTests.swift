import DocSentry
import Foundation
import Testing

/// MRZ print geometry on generated scans: characters that are not OCR-B capitals (a lowercase letter, a hyphen or
/// a comma left in a name) stand out from their neighbours, genuine print does not.
@Suite(.serialized) struct PrintGeometryTests {
    /// Runs the whole image pipeline on a generated document.
    static func inspect(_ request: SpecimenRequest, in folder: TemporaryFolder, scanner: ScanReader) throws -> (Report, AnswerKey) {
        let specimen = try SpecimenGenerator.generate(request, fileName: "scan.png")
        let path = folder.write("scan-\(request.index).png", specimen.png)
        let report = try Fixtures.inspector("2026-11-25").inspect(fileAt: path, with: scanner)
        return (report, specimen.answerKey)
    }

    @Test func charactersOutsideTheMRZAlphabetStandOutAndGenuinePrintDoesNot() throws {
        let folder = TemporaryFolder()
        let scanner = try ScanReader()
        var forged = 0, found = 0
        for index in 0..<14 {
            let request = SpecimenRequest(seed: 9_303, index: index, format: index % 2 == 0 ? .td3 : .td1, forgery: .nonMRZCharacters,
                                          dotsPerInch: 300)
            let (report, key) = try Self.inspect(request, in: folder, scanner: scanner)
            let record = try #require(key.forgeries.first)
            // National characters (an umlaut's dots are apart from the letter) are not measured this way.
            guard ["lowercase", "punctuation"].contains(record.variant), let line = record.line, let column = record.column else { continue }
            forged += 1
            let hits = report.findings.filter { $0.rule == PrintGeometry.ruleID }
            if hits.contains(where: { $0.position?.line == line && $0.position?.column == column }) { found += 1 }
            #expect(hits.allSatisfy { $0.severity == .warn })
        }
        try #require(forged >= 6, "only \(forged) lowercase or punctuation forgeries generated")
        #expect(Double(found) >= 0.5 * Double(forged), "found \(found) of \(forged)")

        for index in 0..<8 {
            let format: MRZFormat = [.td1, .td2, .td3, .mrvA][index % 4]
            let (report, _) = try Self.inspect(SpecimenRequest(seed: 9_304, index: index, format: format, dotsPerInch: 300),
                                               in: folder, scanner: scanner)
            #expect(!report.findings.contains { $0.rule == PrintGeometry.ruleID }, "\(format) genuine \(index): \(report.findings.map(\.message))")
        }
    }
}
