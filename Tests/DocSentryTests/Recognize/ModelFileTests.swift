import DocSentry
import Foundation
import Testing

/// The shipped MRZ model (`Models/mrz.traineddata`, made by `make model`): present, small, loadable by Tesseract.
/// How well it reads is measured by `make model` (held-out lines) and `make bench`, not here.
@Suite struct ModelFileTests {
    let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models/mrz.traineddata").path

    @Test func shippedModelIsPresentAndUnderFiveMegabytes() throws {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 10_000)
        #expect(size < 5_000_000)
    }

    @Test func tesseractLoadsIt() throws {
        let engine = try OCREngine(model: .file(path: path))
        #expect(engine.model == .file(path: path))
    }
}
