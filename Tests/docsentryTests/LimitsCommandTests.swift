import Foundation
import Testing

/// `--time-limit` and `--max-file-size`: a scan over either is answered for (unreadable, or a one-line error) and
/// the batch goes on.
@Suite(.serialized) struct LimitsCommandTests {
    static func archive() throws -> String {
        let root = AuditCommandTests.folder()
        for name in ["td3-genuine-0000.png", "td1-genuine-0000.png"] {
            try FileManager.default.copyItem(atPath: CLI.root + "/TestImages/generated/" + name, toPath: root + "/" + name)
        }
        AuditCommandTests.write(root + "/specimen.txt", td3.joined(separator: "\n") + "\n")
        return root
    }

    static func records(_ path: String) throws -> [String: [String: Any]] {
        var records: [String: [String: Any]] = [:]
        for line in AuditCommandTests.lines(path) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            records[((object["file"] as! String) as NSString).lastPathComponent] = object
        }
        return records
    }

    @Test func aScanOverTheTimeLimitIsUnreadableAndTheBatchGoesOn() throws {
        let root = try Self.archive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/../limits-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["audit", root, "--time-limit", "0.001", "--out", out, "--reference-date", "2011-01-01", "--jobs", "1"])
        #expect(result.status == 20, "the specimen text file is still judged: \(result.stderr)")
        let records = try Self.records(out)
        #expect(records.count == 3)
        for scan in ["td3-genuine-0000.png", "td1-genuine-0000.png"] {
            #expect(records[scan]?["verdict"] as? String == "unreadable")
            let reason = records[scan]?["reason"] as? String ?? ""
            #expect(reason.hasPrefix("over the time limit (1 ms of CPU time a document): stopped before "), "\(reason)")
            #expect(reason.contains("--time-limit"))
        }
        #expect(records["specimen.txt"]?["verdict"] as? String == "reject")

        let check = try CLI.run(["check", root + "/td3-genuine-0000.png", "--reference-date", "2026-11-25", "--time-limit", "30"])
        #expect(check.status == 0, "within the limit the scan is read: \(check.stdout)")
    }

    @Test func aFileOverTheSizeLimitIsAOneLineErrorAndTheBatchGoesOn() throws {
        let root = try Self.archive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scan = root + "/td3-genuine-0000.png"
        let check = try CLI.run(["check", scan, "--max-file-size", "100K"])
        #expect(check.status == 65)
        #expect(check.stderr.hasPrefix("docsentry: \(scan): the file is "))
        #expect(check.stderr.contains("over the 102400 bytes limit"))
        #expect(check.stderr.split(separator: "\n").count == 1)

        let out = root + "/../size-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let audit = try CLI.run(["audit", root, "--max-file-size", "100K", "--out", out, "--reference-date", "2011-01-01", "-q"])
        #expect(audit.status == 20)
        let records = try Self.records(out)
        #expect(records[scan.split(separator: "/").last.map(String.init)!]?["exit_code"] as? Int == 65)
        #expect(records["specimen.txt"]?["verdict"] as? String == "reject")

        for bad in ["12X", "0", "-5M", "M"] {
            let refused = try CLI.run(["check", scan, "--max-file-size", bad])
            #expect(refused.status == 64, "\(bad)")
            #expect(refused.stderr.contains("--max-file-size"))
        }
        #expect(try CLI.run(["check", scan, "--time-limit", "-1"]).status == 64)
    }
}
