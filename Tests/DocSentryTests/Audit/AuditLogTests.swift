import DocSentry
import Foundation
import Testing

@Suite struct AuditLogTests {
    func line(_ file: String, sha: String, verdict: Verdict = .pass) -> String {
        let report = Report(file: file, verdict: verdict, mode: .audit, referenceDate: CalendarDate(iso: "2011-01-01")!,
                            mrz: nil, document: nil, checks: [], findings: [], timingsMs: ["validate": 1])
        return AuditRecord.report(report, sha256: sha).jsonLine()
    }

    @Test func writerAppendsWholeLinesAndResumeCutsAnUnfinishedLastLine() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/out.jsonl"
        let writer = try AuditOutputFile(path: path, append: false)
        try writer.append(line("a", sha: "1"))
        try writer.append(line("b", sha: "2"))
        try writer.write(String(line("c", sha: "3").prefix(40)))   // a crash in the middle of a write
        let earlier = try Auditor.Earlier.load(path)
        #expect(earlier.keys.count == 2)
        #expect(earlier.tally.count(.pass) == 2)
        #expect(earlier.judgedWith == "--mode audit --reference-date 2011-01-01")
        #expect(folder.read("out.jsonl").hasSuffix("}\n"), "the unfinished line is cut off")
        let again = try AuditOutputFile(path: path, append: true)
        try again.append(line("c", sha: "3"))
        #expect(try AuditResults([path]).count == 3)
    }

    @Test func aBadLineIsReportedWithFileAndLineNumber() throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.jsonl", line("a", sha: "1") + "\nnot json\n")
        #expect(throws: AuditError.self) { try AuditResults([path]) }
        do {
            _ = try AuditResults([path])
        } catch {
            #expect(error.description.hasPrefix(path + ":2: not an audit record"))
        }
    }

    @Test func resultsKeepTheLastRecordPerFileSortedByFile() throws {
        let folder = TemporaryFolder()
        let path = folder.write("r.jsonl", [line("b", sha: "1"), line("a", sha: "1"), line("b", sha: "2", verdict: .reject)].joined(separator: "\n") + "\n")
        let results = try AuditResults([path])
        var seen: [(String, String)] = []
        try results.forEach { record, _ in seen.append((record.file, record.sha256)) }
        #expect(seen.map(\.0) == ["a", "b"])
        #expect(seen.map(\.1) == ["1", "2"])
        #expect(try results.tally().count(.reject) == 1)
    }

    @Test func mergeDeduplicatesPrefersReportsAndRefusesChangedFiles() throws {
        let folder = TemporaryFolder()
        let one = folder.write("1.jsonl", [line("a", sha: "1"), AuditRecord.error(file: "c", sha256: "3", message: "c: io", exitCode: 66,
                                                                                       provenance: Provenance(rulesSHA256: "", ocrModel: nil)).jsonLine()].joined(separator: "\n") + "\n")
        let two = folder.write("2.jsonl", [line("b", sha: "2"), line("a", sha: "1"), line("c", sha: "3", verdict: .review)].joined(separator: "\n") + "\n")
        let merged = try AuditMerge.merge([one, two], into: folder.path + "/m.jsonl")
        #expect(merged.count == 3)
        #expect(try merged.tally().count(.review) == 1)
        #expect(try merged.tally().errors == 0)
        #expect(folder.read("m.jsonl").split(separator: "\n").count == 3)

        let changed = folder.write("3.jsonl", line("a", sha: "9") + "\n")
        #expect(throws: AuditError.mergeConflict(file: "a", firstSource: one, firstSHA256: "1", secondSource: changed, secondSHA256: "9")) {
            try AuditMerge.merge([one, changed], into: folder.path + "/m2.jsonl")
        }
        #expect(throws: AuditError.self) { try AuditMerge.merge([one], into: one) }
    }
}

@Suite struct AuditCSVTests {
    @Test func quotingFollowsRFC4180AndFormulasAreDefused() {
        #expect(AuditCSV.line(["a", "b,c", "say \"hi\"", "two\nlines", ""]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
        #expect(AuditCSV.line(["=HYPERLINK(\"x\")", "+1", "-2", "@SUM", "ok"]) == "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM,ok\r\n")
    }

    @Test func aRowHasEveryColumn() throws {
        let report = Fixtures.inspector().inspect(try MRZText(lines: Vectors.td3), file: "a,b.txt")
        let row = AuditCSV.row(.report(report, sha256: "ff"))
        #expect(row.count == AuditCSV.columns.count)
        let cell = Dictionary(uniqueKeysWithValues: zip(AuditCSV.columns, row))
        #expect(cell["verdict"] == "reject")
        #expect(cell["format"] == "TD3")
        #expect(cell["document_number"] == "L898902C3")
        #expect(cell["date_of_birth"] == "1974-08-12")
        #expect(cell["given_names"] == "ANNA MARIA")
        #expect(cell["findings"]!.split(separator: ";").contains("specimen.issuer"))
        let error = AuditCSV.row(.error(file: "x", sha256: "", message: "x: bad", exitCode: 65))
        #expect(error.count == AuditCSV.columns.count)
        #expect(error.last == "x: bad")
    }
}
