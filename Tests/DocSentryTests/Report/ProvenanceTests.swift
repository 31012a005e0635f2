import DocSentry
import Foundation
import Testing

/// The rules folder's digest: the same for the same files wherever the folder is, different for any change.
@Suite struct ProvenanceTests {
    static func copyOfRules() throws -> String {
        let folder = NSTemporaryDirectory() + "/docsentry-rules-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: folder)
        return folder
    }

    @Test func anyChangeOfTheRulesFolderChangesItsDigest() throws {
        let shipped = ProvenanceDigest.rulesFolder(Fixtures.rulesDirectory)
        #expect(shipped.count == 64)
        let copy = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        #expect(ProvenanceDigest.rulesFolder(copy) == shipped, "the folder's place is not part of it")

        var seen: Set<String> = [shipped]
        let csv = copy + "/lost-stolen.csv"
        try (String(contentsOfFile: csv, encoding: .utf8) + " ").write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(seen.insert(ProvenanceDigest.rulesFolder(copy)).inserted, "a changed byte")
        try FileManager.default.moveItem(atPath: copy + "/README.md", toPath: copy + "/README.txt")
        #expect(seen.insert(ProvenanceDigest.rulesFolder(copy)).inserted, "a renamed file")
        try Data().write(to: URL(fileURLWithPath: copy + "/extra.yaml"))
        #expect(seen.insert(ProvenanceDigest.rulesFolder(copy)).inserted, "an added empty file")
    }

    @Test func inspectorsStampTheirReports() throws {
        let inspector = Fixtures.inspector()
        let report = inspector.inspect(try MRZText(lines: Vectors.td3), file: "mrz")
        #expect(report.docsentryVersion == DocSentryVersion.current)
        #expect(report.rulesSHA256 == ProvenanceDigest.rulesFolder(Fixtures.rulesDirectory))
        #expect(report.ocrModel == nil)
    }
}
