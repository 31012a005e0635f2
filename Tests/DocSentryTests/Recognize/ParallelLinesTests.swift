@testable import DocSentry
import Foundation
import Testing

/// `docsentry check` reads an MRZ's lines two at a time and loads its reader while it decodes the first scan: the
/// reads and reports must be those of the one-engine, one-thread pipeline an audit's workers use.
@Suite struct ParallelLinesTests {
    static let directory = Fixtures.testImages + "/generated/"

    /// Generated scans of three formats (a TD1's three lines: the first engine reads lines 1 and 3, the second
    /// line 2), one of them rotated and one of low resolution, whose engines' reads are compared character by
    /// character, confidences and alternatives included.
    @Test("two engines read what one reads", arguments: ["td1-genuine-two-sides-0000", "td3-low-resolution-0000", "mrvb-genuine-0000", "td1-rotation-90-0000"])
    func twoEnginesReadWhatOneReads(_ name: String) throws {
        let key = try AnswerKey.decode(Data(contentsOf: URL(fileURLWithPath: Self.directory + name + ".json")))
        let region = try MRZLocator().locate(try ImageDecoder().decode(fileAt: Self.directory + key.file).raster)
        let one = MRZReader(engine: try OCREngine(model: .bundledMRZ))
        let two = MRZReader(engine: try OCREngine(model: .bundledMRZ), secondEngine: try OCREngine(model: .bundledMRZ))
        let alone = try #require(one.read(region))
        let paired = try #require(two.read(region))
        #expect(paired.read == alone.read)
        #expect(paired.corrected.text.lines == alone.corrected.text.lines)
        #expect(paired.characters.map { $0.map(\.character) } == alone.characters.map { $0.map(\.character) })
        #expect(paired.characters.map { $0.map(\.confidence) } == alone.characters.map { $0.map(\.confidence) })
        #expect(paired.characters.map { $0.map { $0.alternatives.map(\.character) } } == alone.characters.map { $0.map { $0.alternatives.map(\.character) } })
        #expect(alone.corrected.text.lines == key.mrzLines)
    }

    /// The loader's reader, with the scan decoded before it was asked for, gives the report of a reader made on
    /// the spot (timings aside), and the decode time still counts in the report.
    @Test func aReaderLoadedAheadGivesTheSameReport() throws {
        let inspector = Fixtures.inspector("2026-11-25")
        let file = Self.directory + "td3-pasted-other-typeface-0000.png"
        let loader = ScanReaderLoader(visualZone: false, linesInParallel: true)
        var ahead = try inspector.inspect(file: file, decoder: loader.decoder, scanner: { () throws(RecognizeError) -> ScanReader in try loader.reader() })
        var onTheSpot = try inspector.inspect(file: file, scanner: { () throws(RecognizeError) -> ScanReader in try ScanReader(visualZone: false) })
        #expect((ahead.timingsMs["decode"] ?? 0) > 0)
        ahead.timingsMs = [:]
        onTheSpot.timingsMs = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(ahead) == encoder.encode(onTheSpot))
        #expect(ahead.findings.contains { $0.rule == PrintForensics.typefaceRule })
    }

    /// A scan the decoder refuses is reported as such before any reader is asked for.
    @Test func aBadScanIsRefusedBeforeTheReaderIsAskedFor() throws {
        let inspector = Fixtures.inspector("2026-11-25")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let truncated = folder.appendingPathComponent("truncated.png").path
        let png = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "td3-genuine-0000.png"))
        try png.prefix(2000).write(to: URL(fileURLWithPath: truncated))
        var asked = false
        #expect(throws: FileInspectionError.self) {
            _ = try inspector.inspect(file: truncated, decoder: ImageDecoder(), scanner: { () throws(RecognizeError) -> ScanReader in
                asked = true
                return try ScanReader(visualZone: false)
            })
        }
        #expect(!asked)
    }
}
