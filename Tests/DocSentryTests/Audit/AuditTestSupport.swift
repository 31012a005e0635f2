import DocSentry
import Foundation

/// A temporary folder for one test, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/docsentry-audit-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` at `relative`, creating folders.
    @discardableResult
    func write(_ relative: String, _ contents: [UInt8]) -> String {
        let file = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: file, contents: Data(contents))
        return file
    }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String { write(relative, Array(text.utf8)) }

    func read(_ relative: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path + "/" + relative) ?? Data(), as: UTF8.self)
    }
}

enum AuditSamples {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]
    static let pdf = Array("%PDF-1.7\n%garbage\n".utf8)

    /// The five ICAO specimens as swipe-reader text.
    static let mrzTexts: [(name: String, text: String)] = [
        ("td1.txt", Vectors.td1.joined(separator: "\n") + "\n"),
        ("td2.txt", Vectors.td2.joined(separator: "\n") + "\n"),
        ("td3.txt", Vectors.td3.joined(separator: "\n") + "\n"),
        ("mrva.txt", Vectors.mrvA.joined(separator: "\n")),
        ("mrvb.txt", Vectors.mrvB.joined(separator: "\n")),
    ]

    /// A scan reader must never be asked for when only MRZ text is audited.
    static let noScanner: @Sendable () throws(RecognizeError) -> ScanReader = { () throws(RecognizeError) -> ScanReader in
        throw RecognizeError.modelMissing(path: "none", hint: "text-only test")
    }
}
