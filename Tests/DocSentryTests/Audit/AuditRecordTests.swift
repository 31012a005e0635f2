import DocSentry
import Foundation
import Testing

@Suite struct AuditRecordTests {
    func report(_ lines: [String] = Vectors.td3, file: String = "scans/a.txt") throws -> Report {
        Fixtures.inspector().inspect(try MRZText(lines: lines), file: file)
    }

    func object(_ line: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    @Test func aReportRecordIsTheCheckObjectPlusItsSHA256() throws {
        let report = try report()
        let line = AuditRecord.report(report, sha256: "ab12").jsonLine()
        #expect(!line.contains("\n"))
        var fields = try object(line)
        #expect(fields.removeValue(forKey: "sha256") as? String == "ab12")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let check = String(decoding: try encoder.encode(report), as: UTF8.self)
        let withoutDigest = String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        let checkObject = String(decoding: try JSONSerialization.data(withJSONObject: try object(check), options: [.sortedKeys]), as: UTF8.self)
        #expect(withoutDigest == checkObject)
        #expect(line.contains(",\"sha256\":\"ab12\",\"timings_ms\":"), "keys stay sorted")
    }

    @Test func anErrorRecordHasFileSHA256ErrorAndExitCode() throws {
        let line = AuditRecord.error(file: "x/\"q\".png", sha256: "00", message: "x/\"q\".png: broken", exitCode: 65).jsonLine()
        let fields = try object(line)
        #expect(Set(fields.keys) == ["file", "sha256", "error", "exit_code"])
        #expect(fields["exit_code"] as? Int == 65)
        #expect(fields["file"] as? String == "x/\"q\".png")
    }

    @Test func recordsReadBackAsWritten() throws {
        let report = try report()
        let back = try AuditRecord(jsonLine: Array(AuditRecord.report(report, sha256: "cafe").jsonLine().utf8))
        guard case let .report(read, sha256) = back else { Issue.record("not a report"); return }
        #expect(sha256 == "cafe")
        #expect(read.verdict == report.verdict)
        #expect(read.findings == report.findings)
        #expect(read.file == "scans/a.txt")
        let error = try AuditRecord(jsonLine: Array(AuditRecord.error(file: "f", sha256: "", message: "m", exitCode: 66).jsonLine().utf8))
        guard case let .error(file, _, message, code, _) = error else { Issue.record("not an error"); return }
        #expect(file == "f" && message == "m" && code == 66)
    }

    @Test func aLineThatIsNoRecordSaysWhy() {
        #expect(throws: AuditRecordError.self) { try AuditRecord(jsonLine: Array("{\"file\": 3}".utf8)) }
        do {
            _ = try AuditRecord(jsonLine: Array("{\"file\":\"a\"}".utf8))
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("sha256"))
        }
    }

    @Test func digestCountsWarnAndFailRulesOnceAndUnreadableReasons() throws {
        let digest = RecordDigest(.report(try report(), sha256: ""))
        #expect(digest.verdict == .reject)
        #expect(digest.findingRules.contains("specimen.document-number"))
        #expect(Set(digest.findingRules).count == digest.findingRules.count)
        #expect(digest.issuingState == "UTO")
        let unreadable = Fixtures.inspector().unreadable(file: "u.png", reason: "no MRZ found")
        #expect(RecordDigest(.report(unreadable, sha256: "")).problem == "no MRZ found")
    }
}

@Suite struct AuditTallyTests {
    func digest(_ verdict: Verdict?, file: String = "f", code: Int32 = 65) -> RecordDigest {
        if let verdict {
            let report = Report(file: file, verdict: verdict, reason: verdict == .unreadable ? "why" : nil, mode: .audit,
                                referenceDate: CalendarDate(iso: "2011-01-01")!, mrz: nil, document: nil, checks: [],
                                findings: [], timingsMs: [:])
            return RecordDigest(.report(report, sha256: ""))
        }
        return RecordDigest(.error(file: file, sha256: "", message: "\(file): bad", exitCode: code))
    }

    @Test func exitStatusFollowsTheReadmeTable() {
        func status(_ digests: [RecordDigest]) -> Int32 {
            var tally = AuditTally()
            digests.forEach { tally.add($0) }
            return tally.exitStatus
        }
        #expect(status([]) == 0)
        #expect(status([digest(.pass)]) == 0)
        #expect(status([digest(.pass), digest(.unreadable)]) == 30)
        #expect(status([digest(.unreadable), digest(nil, file: "b", code: 66), digest(nil, file: "a", code: 65)]) == 65)
        #expect(status([digest(nil), digest(.review), digest(.unreadable)]) == 10)
        #expect(status([digest(.review), digest(.reject), digest(nil)]) == 20)
    }

    @Test func problemsAreCountedAllButKeptOnlyUpToALimit() {
        var tally = AuditTally()
        for i in 0..<(AuditTally.keptProblems + 50) { tally.add(digest(nil, file: "f\(i)")) }
        #expect(tally.problemCount == AuditTally.keptProblems + 50)
        #expect(tally.problems.count == AuditTally.keptProblems)
        #expect(tally.errors == AuditTally.keptProblems + 50)
    }

    @Test func progressLineAndSummaryText() {
        var tally = AuditTally()
        [digest(.pass), digest(.reject), digest(.unreadable), digest(nil, file: "x.png")].forEach { tally.add($0) }
        let progress = AuditProgress(total: 10, done: 4, earlier: 0, tally: tally, elapsed: 2)
        #expect(progress.line() == "4/10 40% · 2.0 docs/s · ETA 3s · pass 1 review 0 reject 1 unreadable 1 error 1")
        let text = AuditSummary(tally: tally, inspected: 4, earlier: 0, planned: 10, skipped: 3, seconds: 2, jobs: 2,
                                interrupted: true, output: "out.jsonl").render()
        #expect(text.contains("pass 1 · review 0 · reject 1 · unreadable 1 · error 1"))
        #expect(text.contains("3 files skipped"))
        #expect(text.contains("could not be read (2):\n  f: why\n  x.png: bad"))
        #expect(text.contains("interrupted: 6 of 10 documents not done; run the same command with --resume to finish out.jsonl"))
        #expect(AuditFormat.duration(3725) == "1h02m")
        #expect(AuditFormat.duration(65) == "1m05s")
    }
}
