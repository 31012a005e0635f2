import Foundation
import Testing

/// `docsentry audit` end to end: folders in, JSON Lines, CSV and HTML out, exit codes, SIGINT and --resume,
/// shards and merge.
@Suite(.serialized) struct AuditCommandTests {
    static let specimens: [(String, [String])] = [
        ("td1.txt", ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]),
        ("td2.txt", ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]),
        ("td3.txt", td3),
        ("mrva.txt", ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX7408122F96121096ZE184226B<<<<<<"]),
        ("austria.txt", ["IDAUT10000999<6<<<<<<<<<<<<<<<", "7109094F1112315AUT<<<<<<<<<<<4", "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<"]),
    ]

    /// A fresh folder under the system's temporary folder.
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "/docsentry-audit-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ path: String, _ text: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// An archive of MRZ text files: the five specimens twice, a note, and a lowercase MRZ (an error record).
    static func textArchive() -> String {
        let root = folder()
        for (index, (name, lines)) in (specimens + specimens).enumerated() {
            write("\(root)/archive/day\(index % 2)/\(index)-\(name)", lines.joined(separator: "\n") + "\n")
        }
        write("\(root)/archive/notes.md", "# scans of the day\n")
        write("\(root)/archive/day1/bad.txt", td3.joined(separator: "\n").lowercased())
        return root
    }

    /// The lines of a file (LF or CRLF).
    static func lines(_ path: String) -> [String] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .split(whereSeparator: \.isNewline).map(String.init)
    }

    /// The records of a JSON Lines file, each without `timings_ms`, as canonical JSON: a set to compare runs by.
    static func recordSet(_ paths: String...) throws -> Set<String> {
        var set = Set<String>()
        for path in paths {
            for line in lines(path) {
                var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                object.removeValue(forKey: "timings_ms")
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                set.insert(String(decoding: data, as: UTF8.self))
            }
        }
        return set
    }

    @Test func auditsAFolderStreamsRecordsAndExitsWithTheWeightiestVerdict() throws {
        let root = Self.textArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out.jsonl"
        let result = try CLI.run(["audit", root + "/archive", "--out", out, "--reference-date", "2011-01-01", "--csv", root + "/t.csv"])
        #expect(result.status == 20)
        #expect(result.stdout.isEmpty, "with --out the summary goes to standard error")
        #expect(result.stderr.contains("audit: 11 documents"))
        #expect(result.stderr.contains("1 file skipped"))
        #expect(result.stderr.contains("could not be read (1):"))
        #expect(result.stderr.contains("bad.txt: line 1, column 1"))
        let records = try Self.lines(out).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.count == 11)
        for record in records {
            #expect((record["sha256"] as? String)?.count == 64)
            #expect((record["file"] as? String)?.hasPrefix(root + "/archive/day") == true)
        }
        let error = records.first { $0["error"] != nil }!
        #expect(Set(error.keys) == ["file", "sha256", "error", "exit_code", "docsentry_version", "rules_sha256"])
        #expect(error["exit_code"] as? Int == 65)
        let report = records.first { ($0["file"] as? String)?.hasSuffix("-td3.txt") == true }!
        #expect(report["schema_version"] as? Int == 1)
        #expect(report["mode"] as? String == "audit", "audits judge in audit mode by default")
        for key in ["verdict", "document", "checks", "findings", "timings_ms", "mrz"] { #expect(report[key] != nil, "\(key)") }

        let csv = Self.lines(root + "/t.csv")
        #expect(csv.count == 12)
        #expect(csv[0].hasPrefix("file,sha256,verdict,reason,format,document_code,issuing_state,document_number"))
    }

    @Test func withoutOutTheSummaryIsPrintedAndQuietPrintsNothing() throws {
        let root = Self.textArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plain = try CLI.run(["audit", root + "/archive/day0", "--reference-date", "2011-01-01"])
        #expect(plain.status == 20)
        #expect(plain.stdout.contains("reject 5"))
        #expect(plain.stdout.contains("most common findings"))
        let quiet = try CLI.run(["audit", root + "/archive/day0", "--reference-date", "2011-01-01", "--quiet"])
        #expect(quiet.status == 20)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let filtered = try CLI.run(["audit", root + "/archive", "--include", "*austria.txt", "--exclude", "day1/**",
                                    "--reference-date", "2011-01-01"])
        #expect(filtered.status == 20)
        #expect(filtered.stdout.hasPrefix("audit: 1 document ·"), "\(filtered.stdout)")
    }

    @Test func usageAndInputErrorsHaveTheirExitCodes() throws {
        let root = Self.textArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try CLI.run(["audit", root + "/none"]).status == 66)
        #expect(try CLI.run(["audit", root, "--resume"]).status == 64)
        #expect(try CLI.run(["audit", root, "--shard", "3/3"]).status == 64)
        #expect(try CLI.run(["audit", root, "--jobs", "0"]).status == 64)
        let out = root + "/exists.jsonl"
        Self.write(out, "")
        let exists = try CLI.run(["audit", root + "/archive", "--out", out])
        #expect(exists.status == 64)
        #expect(exists.stderr.contains("--resume"))
        #expect(try CLI.run(["audit", root + "/archive", "--out", out, "--force", "-q", "--reference-date", "2011-01-01"]).status == 20)
        let other = try CLI.run(["audit", root + "/archive", "--out", out, "--resume", "-q", "--reference-date", "2012-01-01"])
        #expect(other.status == 64, "resuming with another reference date would mix verdicts")
        #expect(other.stderr.contains("--reference-date 2011-01-01"))
    }

    @Test func shardsCoverTheArchiveOnceAndMergeGivesTheWholeAudit() throws {
        let root = Self.textArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let common = ["--reference-date", "2011-01-01", "--quiet"]
        _ = try CLI.run(["audit", root + "/archive", "--out", root + "/all.jsonl"] + common)
        var parts: [String] = []
        for k in 0..<3 {
            let part = root + "/shard-\(k).jsonl"
            _ = try CLI.run(["audit", root + "/archive", "--shard", "\(k)/3", "--out", part] + common)
            parts.append(part)
        }
        let counts = parts.map { Self.lines($0).count }
        #expect(counts.reduce(0, +) == 11, "\(counts)")
        #expect(try Self.recordSet(parts[0], parts[1], parts[2]) == Self.recordSet(root + "/all.jsonl"))

        let merged = try CLI.run(["audit", "merge", root + "/merged.jsonl"] + parts + [parts[0],
                                  "--csv", root + "/m.csv", "--html", root + "/m.html"])
        #expect(merged.status == 20)
        #expect(merged.stderr.contains("merged 11 documents from 4 files"))
        #expect(Self.lines(root + "/merged.jsonl").count == 11, "a document in two inputs is written once")
        #expect(try Self.recordSet(root + "/merged.jsonl") == Self.recordSet(root + "/all.jsonl"))
        #expect(Self.lines(root + "/m.csv").count == 12)
        let html = String(decoding: FileManager.default.contents(atPath: root + "/m.html")!, as: UTF8.self)
        #expect(html.components(separatedBy: "<article class=\"doc reject").count - 1 == 10)
        #expect(html.components(separatedBy: "<article class=\"doc error").count - 1 == 1)
        #expect(html.contains("<input type=\"radio\" name=\"verdict\" id=\"v-reject\"> reject (10)"))
        #expect(!html.contains("<script"))

        // The same path with other bytes in another shard's output: the scan changed, the merge refuses.
        var changed = Self.lines(parts[0])[0]
        let sha = try JSONSerialization.jsonObject(with: Data(changed.utf8)) as! [String: Any]
        changed = changed.replacingOccurrences(of: sha["sha256"] as! String, with: String(repeating: "0", count: 64))
        Self.write(root + "/changed.jsonl", changed + "\n")
        let conflict = try CLI.run(["audit", "merge", root + "/m2.jsonl", parts[0], root + "/changed.jsonl"])
        #expect(conflict.status == 65)
        #expect(conflict.stderr.contains("different content"))
    }

    /// The curated scans of TestImages/generated, audited as a folder: one record per scan (the answer keys
    /// beside them are skipped), the unreadable ones say why, and the HTML shows every scan that is not pass.
    @Test func auditsTheGeneratedTestImages() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let images = CLI.root + "/TestImages/generated"
        let keys = try FileManager.default.contentsOfDirectory(atPath: images).filter { $0.hasSuffix(".json") }
        try #require(!keys.isEmpty, "TestImages/generated has no answer keys")
        let result = try CLI.run(["audit", images, "--mode", "checkpoint", "--reference-date", "2026-11-25",
                                  "--out", root + "/g.jsonl", "--html", root + "/g.html", "--csv", root + "/g.csv"])
        #expect(result.status == 20, "\(result.stderr)")
        #expect(result.stderr.contains("\(keys.count) files skipped"), "the answer keys")
        var verdicts: [String: String] = [:]
        for line in Self.lines(root + "/g.jsonl") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            verdicts[((object["file"] as! String) as NSString).lastPathComponent] = object["verdict"] as? String
            if object["verdict"] as? String == "unreadable" { #expect((object["reason"] as? String)?.isEmpty == false) }
        }
        #expect(verdicts.count == keys.count)
        for key in keys {
            let answer = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: images + "/" + key)!) as! [String: Any]
            let file = answer["file"] as! String
            #expect(verdicts[file] != nil, "\(file) has a record")
            if answer["expected_verdict"] as? String == "unreadable" { #expect(verdicts[file] == "unreadable", "\(file)") }
        }
        let html = String(decoding: FileManager.default.contents(atPath: root + "/g.html")!, as: UTF8.self)
        let notPass = verdicts.values.filter { $0 != "pass" }.count
        #expect(html.components(separatedBy: "src=\"data:image/jpeg;base64,").count - 1 == notPass)
        #expect(Self.lines(root + "/g.csv").count == keys.count + 1)
    }

    /// The target: an audit interrupted with SIGINT and resumed gives the same records as one run
    /// through, apart from timings and order.
    @Test func interruptedAndResumedEqualsUninterrupted() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scans = root + "/scans"
        let generated = try CLI.run(["generate", "--out", scans, "--count", "8", "--seed", "606", "--forgery", "mixed"])
        try #require(generated.status == 0, "generate: \(generated.stderr)")
        for (name, lines) in Self.specimens.prefix(2) { Self.write("\(scans)/text/\(name)", lines.joined(separator: "\n")) }
        let total = 10   // 8 PNG scans (their JSON answer keys are skipped) and 2 MRZ text files
        let options = ["--ocr-model", "eng", "--reference-date", "2024-06-01"]

        let whole = try CLI.run(["audit", scans, "--out", root + "/whole.jsonl", "--jobs", "2", "--html", root + "/r.html"] + options)
        #expect(Self.lines(root + "/whole.jsonl").count == total)
        #expect(whole.stderr.contains("8 files skipped"), "\(whole.stderr)")

        // One worker, SIGINT once a few records are written.
        let part = root + "/part.jsonl"
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["audit", scans, "--out", part, "--jobs", "1"] + options
        var environment = ProcessInfo.processInfo.environment
        environment["DOCSENTRY_RULES"] = CLI.root + "/Rules"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(300)
        while Self.lines(part).count < 2 && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        process.interrupt()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted:"))
        #expect(stderr.contains("--resume"))
        let done = Self.lines(part).count
        #expect(done >= 2 && done < total, "interrupted after \(done) of \(total)")

        let resumed = try CLI.run(["audit", scans, "--out", part, "--resume", "--jobs", "2"] + options)
        #expect(resumed.status == whole.status)
        #expect(resumed.stderr.contains("\(done) already in the output"), "\(resumed.stderr)")
        #expect(Self.lines(part).count == total, "nothing done twice")
        #expect(try Self.recordSet(part) == Self.recordSet(root + "/whole.jsonl"))

        // The HTML report of the whole run is self-contained, with a thumbnail per scan that is not pass.
        let html = String(decoding: FileManager.default.contents(atPath: root + "/r.html")!, as: UTF8.self)
        let notPass = try Self.lines(root + "/whole.jsonl").filter { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["image"] != nil && object["verdict"] as? String != "pass"
        }.count
        #expect(html.components(separatedBy: "src=\"data:image/jpeg;base64,").count - 1 == notPass)
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    }
}
