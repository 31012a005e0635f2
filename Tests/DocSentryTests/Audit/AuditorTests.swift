import DocSentry
import Foundation
import Testing

@Suite struct AuditorTests {
    /// Many MRZ text files (no OCR needed), some broken.
    func textArchive(count: Int) -> TemporaryFolder {
        let folder = TemporaryFolder()
        for i in 0..<count {
            let sample = AuditSamples.mrzTexts[i % AuditSamples.mrzTexts.count]
            folder.write("batch\(i % 4)/\(i)-\(sample.name)", sample.text)
        }
        folder.write("broken/lower.txt", Vectors.td3.joined(separator: "\n").lowercased())   // MRZ-like, not an MRZ
        return folder
    }

    func records(_ path: String) throws -> [String: AuditRecord] {
        var records: [String: AuditRecord] = [:]
        try AuditLog.read(path) { record, _, _, _ in records[record.file] = record }
        return records
    }

    @Test(arguments: [1, 3])
    func everyDocumentGetsOneRecordAndBadFilesDoNotStopTheBatch(jobs: Int) throws {
        let folder = textArchive(count: 40)
        let plan = try AuditPlan.collect(roots: [folder.path])
        let out = try AuditOutputFile(path: folder.path + "/out.jsonl", append: false)
        let auditor = Auditor(inspector: Fixtures.inspector(mode: .audit), documents: plan.documents,
                              configuration: .init(jobs: jobs, makeScanner: AuditSamples.noScanner), output: out)
        let outcome = try auditor.run()
        #expect(!outcome.interrupted)
        #expect(outcome.inspected == 41)
        #expect(outcome.tally.documents == 41)
        #expect(outcome.tally.errors == 1)
        #expect(outcome.tally.count(.reject) == 40)
        let records = try records(folder.path + "/out.jsonl")
        #expect(records.count == 41)
        guard case let .error(_, sha256, message, code, _) = records[folder.path + "/broken/lower.txt"] else {
            Issue.record("no error record for the lowercase MRZ"); return
        }
        #expect(code == 65)
        #expect(message.contains("lowercase"))
        #expect(sha256 == FileDigest.sha256(Array(folder.read("broken/lower.txt").utf8)))
        #expect(auditor.progress().done == 41)
    }

    @Test func resumeSkipsWhatIsDoneAndRedoesChangedFiles() throws {
        let folder = textArchive(count: 10)
        let path = folder.path + "/out.jsonl"
        let plan = try AuditPlan.collect(roots: [folder.path])
        let inspector = Fixtures.inspector(mode: .audit)
        let first = Auditor(inspector: inspector, documents: Array(plan.documents.prefix(5)),
                            configuration: .init(jobs: 2, makeScanner: AuditSamples.noScanner),
                            output: try AuditOutputFile(path: path, append: false))
        _ = try first.run()
        // A scan replaced under the same name is inspected again.
        folder.write("batch0/0-td1.txt", AuditSamples.mrzTexts[1].text)
        let earlier = try Auditor.Earlier.load(path)
        let second = Auditor(inspector: inspector, documents: plan.documents,
                             configuration: .init(jobs: 2, makeScanner: AuditSamples.noScanner),
                             output: try AuditOutputFile(path: path, append: true), earlier: earlier)
        let outcome = try second.run()
        #expect(outcome.earlier == 4)
        #expect(outcome.inspected == 7)
        let results = try AuditResults([path])
        #expect(results.count == 11)
        var td2 = false
        try results.forEach { record, _ in
            if record.file.hasSuffix("batch0/0-td1.txt"), case let .report(report, _) = record { td2 = report.document?.format == .td2 }
        }
        #expect(td2, "the later record stands")
    }

    @Test func stopTakesNoNewDocuments() throws {
        let folder = textArchive(count: 200)
        let plan = try AuditPlan.collect(roots: [folder.path])
        let auditor = Auditor(inspector: Fixtures.inspector(), documents: plan.documents,
                              configuration: .init(jobs: 2, makeScanner: AuditSamples.noScanner), output: nil)
        auditor.stop()
        let outcome = try auditor.run()
        #expect(outcome.interrupted)
        #expect(outcome.inspected == 0)
    }

    @Test func noOCREngineStopsTheAuditWithItsError() throws {
        let folder = TemporaryFolder()
        folder.write("a.txt", AuditSamples.mrzTexts[0].text)
        folder.write("b.png", AuditSamples.pngSignature + [UInt8](repeating: 0, count: 30))
        let plan = try AuditPlan.collect(roots: [folder.path])
        let auditor = Auditor(inspector: Fixtures.inspector(), documents: plan.documents,
                              configuration: .init(jobs: 1, makeScanner: AuditSamples.noScanner), output: nil)
        #expect(throws: AuditError.ocrUnavailable(.modelMissing(path: "none", hint: "text-only test"))) { try auditor.run() }
    }
}

@Suite struct FileInspectionTests {
    @Test func textFilesAreMRZAndOtherFilesGoToTheImagePipeline() throws {
        let folder = TemporaryFolder()
        let inspector = Fixtures.inspector()
        let text = folder.write("td3.txt", AuditSamples.mrzTexts[2].text)
        let report = try inspector.inspect(file: text, scanner: AuditSamples.noScanner)
        #expect(report.verdict == .reject)
        #expect(report.file == text)
        #expect(report.mrz == Vectors.td3)

        let missing = folder.path + "/none.png"
        #expect(throws: FileInspectionError.missing(file: missing)) { try inspector.inspect(file: missing, scanner: AuditSamples.noScanner) }
        #expect(FileInspectionError.missing(file: "x").exitCode == 66)
        #expect(throws: FileInspectionError.isFolder(file: folder.path)) { try inspector.inspect(file: folder.path, scanner: AuditSamples.noScanner) }

        let lower = folder.write("lower.txt", "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n")
        do {
            _ = try inspector.inspect(file: lower, scanner: AuditSamples.noScanner)
            Issue.record("lowercase MRZ text accepted")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.hasPrefix(lower + ": line 1, column 1"))
        }

        let image = folder.write("scan.png", AuditSamples.pngSignature)
        #expect(throws: FileInspectionError.ocrUnavailable(.modelMissing(path: "none", hint: "text-only test"))) {
            try inspector.inspect(file: image, scanner: AuditSamples.noScanner)
        }
    }

    @Test func kindIsFoundFromTheBytes() {
        let folder = TemporaryFolder()
        #expect(DocumentKind.of(fileAt: folder.write("x.bin", AuditSamples.jpegSignature)) == .image)
        #expect(DocumentKind.of(fileAt: folder.write("x.txt", AuditSamples.mrzTexts[0].text)) == .mrzText)
        #expect(DocumentKind.of(fileAt: folder.write("x.pdf", AuditSamples.pdf)) == nil)
        #expect(DocumentKind.of(fileAt: folder.write("x.jpeg", AuditSamples.pdf)) == .image)
        #expect(DocumentKind.of(fileAt: folder.write("empty", [UInt8]())) == nil)
    }

    @Test func sha256OfAFileMatchesTheBytes() {
        let folder = TemporaryFolder()
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder.write("big.bin", bytes)
        #expect(FileDigest.sha256(ofFileAt: path) == FileDigest.sha256(bytes))
        #expect(FileDigest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileDigest.sha256(ofFileAt: folder.path + "/none") == nil)
    }
}
