import DocSentry
import Foundation
import Testing

/// `AuditJob`: an audit with its reports run from the library as the command line runs it.
@Suite struct AuditJobTests {
    static func archive() -> TemporaryFolder {
        let folder = TemporaryFolder()
        for (name, text) in AuditSamples.mrzTexts { folder.write("scans/\(name)", text) }
        folder.write("scans/notes.md", "# nothing to audit\n")
        return folder
    }

    @Test func reportsAreWrittenFromTheRecordsAndTheTemporaryRecordsRemoved() throws {
        let folder = Self.archive()
        var request = AuditJob.Request(inputs: [folder.path + "/scans"])
        request.jobs = 2
        request.csv = folder.path + "/audit.csv"
        request.html = folder.path + "/audit.html"
        request.description = "an embedding program's audit"
        let temporaries = { Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("docsentry-audit-\(ProcessInfo.processInfo.processIdentifier)-") }) }
        let before = try temporaries()
        var result: AuditJob.Result?
        do {
            let job = try AuditJob(request, inspector: Fixtures.inspector())
            #expect(job.plan.documents.count == 5)
            #expect(job.plan.skipped == 1)
            result = try job.run()
        }
        let done = try #require(result)
        #expect(!done.interrupted)
        #expect(done.tally.documents == 5)
        #expect(done.summary.render().hasPrefix("audit: 5 documents · 5 inspected"))
        #expect(folder.read("audit.csv").split(separator: "\r\n").count == 6)
        #expect(folder.read("audit.html").contains("an embedding program&#39;s audit --mode checkpoint --reference-date 2011-01-01"))
        #expect(try temporaries() == before, "the records written for the reports are removed with the job")
    }

    @Test func resumingWithOtherOptionsOrOverAnInputIsRefusedBeforeAnyDocument() throws {
        let folder = Self.archive()
        var request = AuditJob.Request(inputs: [folder.path + "/scans"])
        request.output = folder.path + "/audit.jsonl"
        _ = try AuditJob(request, inspector: Fixtures.inspector()).run()
        #expect(throws: AuditError.outputExists(path: request.output!)) { try AuditJob(request, inspector: Fixtures.inspector()) }

        request.resume = true
        let resumed = try AuditJob(request, inspector: Fixtures.inspector()).run()
        #expect(resumed.summary.earlier == 5 && resumed.summary.inspected == 0)
        #expect(throws: AuditError.resumeMismatch(path: request.output!, earlier: "--mode checkpoint --reference-date 2011-01-01",
                                                  now: "--mode checkpoint --reference-date 2012-01-01")) {
            try AuditJob(request, inspector: Fixtures.inspector("2012-01-01"))
        }
        request.redact = true
        #expect(throws: AuditError.resumeMismatch(path: request.output!, earlier: "no --redact", now: "--redact")) {
            try AuditJob(request, inspector: Fixtures.inspector())
        }

        var overInput = AuditJob.Request(inputs: [folder.path + "/scans"])
        overInput.csv = folder.path + "/scans/td1.txt"
        #expect(throws: AuditError.outputIsInput(option: "--csv", path: overInput.csv!, input: overInput.csv!)) {
            try AuditJob(overInput, inspector: Fixtures.inspector())
        }
    }
}
