import DocSentry
import Foundation
import Testing

/// What a record says about how it was made (version, rules digest, OCR model), what `audit merge` and
/// `--resume` do with it, and outputs that never land on an input.
@Suite(.serialized) struct AuditTrailTests {
    /// The rules digest as the README defines it, computed here independently: for each regular file (below the
    /// folder too) sorted by its relative path, the path, a NUL, the length as 8 bytes little-endian, the content.
    static func rulesDigest(_ folder: String) throws -> String {
        var bytes: [UInt8] = []
        let paths = try #require(FileManager.default.subpaths(atPath: folder)).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        for name in paths.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let content = try #require(FileManager.default.contents(atPath: folder + "/" + name))
            bytes += Array(name.utf8) + [0]
            withUnsafeBytes(of: UInt64(content.count).littleEndian) { bytes += $0 }
            bytes += content
        }
        return FileDigest.sha256(bytes)
    }

    static func object(_ line: some StringProtocol) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    /// A copy of the shipped rules with one comment added: the same rules to a reader, another digest.
    static func editedRules(in root: String) throws -> String {
        let folder = root + "/rules-edited"
        try FileManager.default.copyItem(atPath: CLI.root + "/Rules", toPath: folder)
        let policy = folder + "/policy.yaml"
        try (String(contentsOfFile: policy, encoding: .utf8) + "# reviewed\n").write(toFile: policy, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func versionRulesAndModelAreInEveryReport() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == DocSentryVersion.current + "\n")

        let scan = CLI.root + "/TestImages/generated/td3-genuine-0000.png"
        let result = try CLI.run(["check", "--format", "json", "--reference-date", "2026-11-25", scan, "--mrz"] + td3)
        let reports = try result.stdout.split(separator: "\n").map(Self.object)
        #expect(reports.count == 2)
        for report in reports {
            #expect(report["docsentry_version"] as? String == DocSentryVersion.current)
            #expect(report["rules_sha256"] as? String == (try Self.rulesDigest(CLI.root + "/Rules")))
        }
        let model = try #require(reports.first { $0["file"] as? String == scan }?["ocr_model"] as? [String: Any])
        #expect(model["name"] as? String == "mrz")
        #expect(model["sha256"] as? String == FileDigest.sha256(ofFileAt: CLI.root + "/Models/mrz.traineddata"))
        #expect(reports.first { $0["file"] as? String == "mrz" }?["ocr_model"] == nil, "no OCR read the typed MRZ")
        let visualZone = try #require(reports.first { $0["file"] as? String == scan }?["visual_zone_model"] as? [String: Any])
        let stock = try OCREngine(model: .stockEnglish).identity
        #expect(visualZone["name"] as? String == "eng")
        #expect(visualZone["sha256"] as? String == stock.sha256 && stock.sha256.count == 64)
        #expect(reports.first { $0["file"] as? String == "mrz" }?["visual_zone_model"] == nil)
        let mrzOnly = try CLI.run(["check", "--format", "json", "--no-viz", "--reference-date", "2026-11-25", scan])
        #expect(try Self.object(mrzOnly.stdout)["visual_zone_model"] == nil, "--no-viz: no visual zone was read")

        let text = try CLI.run(["check", "-v", "--reference-date", "2026-11-25", "--mrz"] + td3)
        #expect(text.stdout.contains("made by docsentry \(DocSentryVersion.current), rules sha256 "))
    }

    @Test func mergeAndResumeRefuseRecordsMadeWithOtherRules() throws {
        let root = AuditCommandTests.textArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let edited = try Self.editedRules(in: root)
        let date = ["--reference-date", "2011-01-01", "--quiet"]
        _ = try CLI.run(["audit", root + "/archive/day0", "--out", root + "/a.jsonl"] + date)
        _ = try CLI.run(["audit", root + "/archive/day1", "--out", root + "/b.jsonl", "--rules", edited] + date)
        let a = try Self.object(AuditCommandTests.lines(root + "/a.jsonl")[0])
        let b = try Self.object(AuditCommandTests.lines(root + "/b.jsonl")[0])
        #expect(a["rules_sha256"] as? String != b["rules_sha256"] as? String)
        #expect(b["rules_sha256"] as? String == (try Self.rulesDigest(edited)))

        let refused = try CLI.run(["audit", "merge", root + "/m.jsonl", root + "/a.jsonl", root + "/b.jsonl"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("docsentry: records made with different rules: sha256 "))
        #expect(refused.stderr.contains("--allow-mixed"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: root + "/m.jsonl"))
        let mixed = try CLI.run(["audit", "merge", root + "/m.jsonl", root + "/a.jsonl", root + "/b.jsonl", "--allow-mixed"])
        #expect(mixed.status == 20, "\(mixed.stderr)")
        #expect(AuditCommandTests.lines(root + "/m.jsonl").count == 11)

        let resumed = try CLI.run(["audit", root + "/archive/day0", "--out", root + "/a.jsonl", "--resume", "--rules", edited] + date)
        #expect(resumed.status == 64)
        #expect(resumed.stderr.contains("its records were made with rules sha256 "), "\(resumed.stderr)")
        let redacted = try CLI.run(["audit", root + "/archive/day0", "--out", root + "/a.jsonl", "--resume", "--redact"] + date)
        #expect(redacted.status == 64, "a redacted run must not append to an unredacted audit")
        #expect(redacted.stderr.contains("--redact"))
    }

    @Test func mergeAndResumeRefuseRecordsWhoseVisualZoneWasReadOtherwise() throws {
        let root = NSTemporaryDirectory() + "/docsentry-viz-trail-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/scans", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: CLI.root + "/TestImages/generated/td3-genuine-0000.png", toPath: root + "/scans/a.png")
        let date = ["--reference-date", "2026-11-25", "--quiet"]
        _ = try CLI.run(["audit", root + "/scans", "--out", root + "/viz.jsonl"] + date)
        _ = try CLI.run(["audit", root + "/scans", "--out", root + "/no-viz.jsonl", "--no-viz"] + date)
        let refused = try CLI.run(["audit", "merge", root + "/m.jsonl", root + "/viz.jsonl", root + "/no-viz.jsonl"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("docsentry: records made with different visual-zone models: eng (sha256 "), "\(refused.stderr)")
        #expect(refused.stderr.contains("none (--no-viz"))
        let resumed = try CLI.run(["audit", root + "/scans", "--out", root + "/viz.jsonl", "--resume", "--no-viz"] + date)
        #expect(resumed.status == 64, "an MRZ-only run must not append to an audit that compared the visual zone")
        #expect(resumed.stderr.contains("visual-zone model eng (sha256 "), "\(resumed.stderr)")
        let again = try CLI.run(["audit", root + "/scans", "--out", root + "/viz.jsonl", "--resume"] + date)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func noOutputIsWrittenOverAnInput() throws {
        let root = AuditCommandTests.textArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/archive/day0/0-td1.txt"
        let before = try #require(FileManager.default.contents(atPath: input))
        for option in ["--csv", "--html", "--out"] {
            let result = try CLI.run(["audit", root + "/archive", option, input, "--force", "--reference-date", "2011-01-01"])
            #expect(result.status == 64, "\(option)")
            #expect(result.stderr == "docsentry: \(option) \(input): that file is an input (\(input)); inputs are never overwritten: write to another file\n")
            #expect(FileManager.default.contents(atPath: input) == before)
        }
        // A link is the same file under another name.
        try FileManager.default.linkItem(atPath: input, toPath: root + "/linked.csv")
        #expect(try CLI.run(["audit", root + "/archive", "--csv", root + "/linked.csv"]).status == 64)
        #expect(try CLI.run(["audit", root + "/archive", "--csv", root + "/x.out", "--html", root + "/x.out"]).status == 64)

        _ = try CLI.run(["audit", root + "/archive", "--out", root + "/a.jsonl", "--reference-date", "2011-01-01", "-q"])
        let records = try #require(FileManager.default.contents(atPath: root + "/a.jsonl"))
        let merge = try CLI.run(["audit", "merge", root + "/m.jsonl", root + "/a.jsonl", "--csv", root + "/a.jsonl"])
        #expect(merge.status == 64)
        #expect(merge.stderr.hasPrefix("docsentry: --csv \(root)/a.jsonl: that file is an input"))
        #expect(FileManager.default.contents(atPath: root + "/a.jsonl") == records)

        // Reports are written beside their target and renamed: no temporary file is left behind.
        let done = try CLI.run(["audit", "merge", root + "/m.jsonl", root + "/a.jsonl", "--csv", root + "/m.csv", "--html", root + "/m.html"])
        #expect(done.status == 20)
        let left = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
        #expect(AuditCommandTests.lines(root + "/m.csv").count == 12)
    }
}
