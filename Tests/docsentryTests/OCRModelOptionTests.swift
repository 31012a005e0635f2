import Foundation
import Testing

/// `--ocr-model`: the shipped MRZ model is the default and reads the curated scans; `eng` and a path to any
/// `.traineddata` can be chosen; a missing or broken model file is a one-line error with exit code 69.
@Suite struct OCRModelOptionTests {
    static let images = CLI.root + "/TestImages/generated"

    /// The curated scans with the answer key's MRZ lines, for those the key calls readable and undegraded.
    static func cleanScans() throws -> [(file: String, lines: [String], verdict: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: images).filter { $0.hasSuffix(".json") }.sorted()
        return try names.compactMap { name in
            let key = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: images + "/" + name))) as! [String: Any]
            guard key["readable"] as? Bool == true, (key["degradations"] as? [Any])?.isEmpty == true,
                  key["mrz_text_valid"] as? Bool == true else { return nil }
            // What the MRZ, its print and the visual zone show: a pasted character is caught by the print
            // forensics, a visual zone that contradicts a consistent MRZ by the visual-zone comparison.
            let kinds = (key["forgeries"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            let verdict = kinds.contains("pasted_character") || kinds.contains("visual_zone_mismatch")
                ? key["expected_verdict_with_forensics"] as! String : key["expected_verdict"] as! String
            return (images + "/" + (key["file"] as! String), key["mrz_lines"] as! [String], verdict)
        }
    }

    static func reports(_ output: String) throws -> [String: [String: Any]] {
        var reports: [String: [String: Any]] = [:]
        for line in output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            reports[object["file"] as! String] = object
        }
        return reports
    }

    @Test func theShippedModelIsTheDefaultAndReadsTheCleanTestImages() throws {
        let scans = try Self.cleanScans()
        try #require(scans.count >= 8, "TestImages/generated has \(scans.count) clean readable scans")
        let result = try CLI.run(["check", "--format", "json", "--reference-date", "2026-11-25"] + scans.map(\.file))
        let reports = try Self.reports(result.stdout)
        for scan in scans {
            let report = try #require(reports[scan.file], "\(scan.file) has a report")
            #expect((report["ocr"] as? [String: Any])?["model"] as? String == "mrz")
            #expect(report["mrz"] as? [String] == scan.lines, "\(scan.file)")
            // Genuine scans pass; forged ones are caught (reject, or review where a look-alike could explain a
            // failed check digit).
            let verdict = report["verdict"] as? String
            #expect(scan.verdict == "pass" ? verdict == "pass" : verdict != "pass", "\(scan.file): \(verdict ?? "none")")
        }
    }

    @Test func stockEnglishAndATrainersOwnFileCanBeChosen() throws {
        let scan = try #require(try Self.cleanScans().first { $0.file.contains("td3-genuine") })
        let english = try CLI.run(["check", "--format", "json", "--reference-date", "2026-11-25", "--ocr-model", "eng", scan.file])
        #expect(english.status == 0, "\(english.stderr)")
        #expect((try Self.reports(english.stdout)[scan.file]?["ocr"] as? [String: Any])?["model"] as? String == "eng")

        // A trainer's model under another name, anywhere on disk.
        let folder = NSTemporaryDirectory() + "/docsentry-model-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let own = folder + "/trainer.traineddata"
        try FileManager.default.copyItem(atPath: CLI.root + "/Models/mrz.traineddata", toPath: own)
        let trained = try CLI.run(["check", "--format", "json", "--reference-date", "2026-11-25", "--ocr-model", own, scan.file])
        #expect(trained.status == 0, "\(trained.stderr)")
        let report = try #require(try Self.reports(trained.stdout)[scan.file])
        #expect((report["ocr"] as? [String: Any])?["model"] as? String == own)
        #expect(report["mrz"] as? [String] == scan.lines)
    }

    @Test func aMissingOrBrokenModelFileIsAOneLineErrorNamingIt() throws {
        let scan = CLI.root + "/TestImages/generated/td3-genuine-0000.png"
        let folder = NSTemporaryDirectory() + "/docsentry-model-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let model = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Models/mrz.traineddata"))
        let truncated = folder + "/truncated.traineddata", garbage = folder + "/garbage.traineddata"
        FileManager.default.createFile(atPath: truncated, contents: model.prefix(model.count / 2))
        FileManager.default.createFile(atPath: garbage, contents: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }))
        for (path, says) in [(folder + "/none.traineddata", "not found"), (truncated, "could not be loaded"), (garbage, "could not be loaded")] {
            let result = try CLI.run(["check", scan, "--ocr-model", path])
            #expect(result.status == 69, "\(path): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(path) && lines[0].contains(says), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
