import DocSentry
import Foundation
import Testing

@Suite struct AuditInputsTests {
    /// A folder with scans (by bytes, whatever their names), MRZ text, and files that are neither.
    func archive() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("b/scan.png", AuditSamples.pngSignature)
        folder.write("a/photo.dat", AuditSamples.jpegSignature)          // a JPEG without a JPEG name
        folder.write("a/z.txt", AuditSamples.mrzTexts[2].text)            // MRZ text
        folder.write("a/notes.txt", "Bring the stamp.\n")                  // text, not MRZ: skipped
        folder.write("c/report.pdf", AuditSamples.pdf)                     // PDF with its own name: skipped
        folder.write("c/fake.jpg", AuditSamples.pdf)                       // PDF saved as .jpg: audited, to report it
        folder.write("c/empty.png", [UInt8]())                             // empty "scan": audited, to report it
        folder.write("top.tif", [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0])
        return folder
    }

    @Test func findsDocumentsByContentSortedAndCountsTheRest() throws {
        let folder = archive()
        let plan = try AuditPlan.collect(roots: [folder.path])
        #expect(plan.documents.map(\.relativePath) == ["a/photo.dat", "a/z.txt", "b/scan.png", "c/empty.png", "c/fake.jpg", "top.tif"])
        #expect(plan.documents.map(\.kind) == [.image, .mrzText, .image, .image, .image, .image])
        #expect(plan.documents[0].file == folder.path + "/a/photo.dat")
        #expect(plan.skipped == 2)
    }

    @Test func patternsApplyToThePathBelowTheRoot() throws {
        let folder = archive()
        let plan = try AuditPlan.collect(roots: [folder.path + "/"], filter: PathFilter(include: ["*.png", "a/**"], exclude: ["c/**"]))
        #expect(plan.documents.map(\.relativePath) == ["a/photo.dat", "a/z.txt", "b/scan.png"])
        #expect(plan.documents[2].file == folder.path + "/b/scan.png", "no double slash from a trailing one")
        #expect(plan.filteredOut == 4)
    }

    @Test func shardsSplitTheDocumentsWithoutOverlap() throws {
        let folder = TemporaryFolder()
        for i in 0..<40 { folder.write("d\(i % 3)/\(i).png", AuditSamples.pngSignature) }
        let whole = try AuditPlan.collect(roots: [folder.path]).documents.map(\.relativePath)
        var union: [String] = []
        for k in 0..<3 {
            let part = try AuditPlan.collect(roots: [folder.path], shard: try Shard(index: k, count: 3))
            #expect(part.otherShards == 40 - part.documents.count)
            union += part.documents.map(\.relativePath)
        }
        #expect(union.sorted() == whole.sorted())
        #expect(Set(union).count == 40)
    }

    @Test func aFileGivenDirectlyIsTakenAndAMissingRootIsAnError() throws {
        let folder = archive()
        let plan = try AuditPlan.collect(roots: [folder.path + "/a/z.txt", folder.path + "/b"])
        #expect(plan.documents.map(\.relativePath) == ["z.txt", "scan.png"])
        #expect(throws: AuditError.inputMissing(path: folder.path + "/nope")) {
            try AuditPlan.collect(roots: [folder.path + "/nope"])
        }
    }

    @Test func symbolicLinksToFoldersAreNotFollowedAndFIFOsAreNotRead() throws {
        let folder = archive()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.png", withDestinationPath: folder.path + "/b/scan.png")
        #expect(mkfifo(folder.path + "/pipe.png", 0o600) == 0)
        let plan = try AuditPlan.collect(roots: [folder.path])
        #expect(plan.documents.map(\.relativePath).contains("link.png"))
        #expect(!plan.documents.map(\.relativePath).contains { $0.hasPrefix("loop/") || $0 == "pipe.png" })
    }
}
