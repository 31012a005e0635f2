import Crypto
import Foundation

/// The version of DocSentry, written into every report and audit record and printed by `docsentry --version`.
///
/// Why in every record: a verdict has to be defended later, and it depends on the program, the OCR model and
/// the rules that made it; `audit merge` refuses to mix records made by different ones.
public enum DocSentryVersion {
    public static let current = "0.9.0"
}

/// Which OCR model read a scan: its name as given (`mrz`, `eng`, a path) and the SHA-256 of its `.traineddata`.
public struct ModelIdentity: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    public var name: String
    /// Hex SHA-256 of the model file; empty when the file could not be read.
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    public var description: String { "\(name) (sha256 \(sha256.prefix(12)))" }
}

/// What made a report, besides the input: the program, the rules folder and, for scans, the OCR models (the
/// MRZ's, and the visual zone's when the VIZ/MRZ comparison ran).
public struct Provenance: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var docsentryVersion: String
    public var rulesSHA256: String
    public var ocrModel: ModelIdentity?
    /// The model that read the visual zone; nil when none did (`--no-viz`, no MRZ found, a typed MRZ).
    public var visualZoneModel: ModelIdentity?

    public init(docsentryVersion: String = DocSentryVersion.current, rulesSHA256: String, ocrModel: ModelIdentity?,
                visualZoneModel: ModelIdentity? = nil) {
        self.docsentryVersion = docsentryVersion
        self.rulesSHA256 = rulesSHA256
        self.ocrModel = ocrModel
        self.visualZoneModel = visualZoneModel
    }

    public var description: String {
        "docsentry \(docsentryVersion), rules sha256 \(rulesSHA256.prefix(12))" + (ocrModel.map { ", OCR model \($0)" } ?? "")
            + (visualZoneModel.map { ", visual zone read with \($0)" } ?? "")
    }
}

/// SHA-256 digests of what judges a document: the rules folder, the OCR model file.
public enum ProvenanceDigest {
    /// The SHA-256 of a rules folder: over its regular files (below it too), sorted by their path relative to the
    /// folder; for each, the path's UTF-8 bytes, a NUL, the content's length as 8 bytes little-endian, the
    /// content. Any change of a file, a name, or a file added or removed changes it. Empty when the folder
    /// cannot be listed.
    public static func rulesFolder(_ folder: String) -> String {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        // Listed with readdir and stat(2), not FileManager's enumerator: its file attributes look up the owner's
        // and group's names (/etc/passwd and /etc/group read for every file), a few milliseconds of every `check`.
        var files: [String] = []
        func walk(_ relative: String) -> Bool {
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard stat(root + "/" + path, &info) == 0 else { continue }
                var link = stat()
                let isLink = lstat(root + "/" + path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
                switch info.st_mode & S_IFMT {
                case S_IFREG: files.append(path)
                case S_IFDIR where !isLink: _ = walk(path)
                default: continue
                }
            }
            return true
        }
        guard walk("") else { return "" }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var hash = SHA256()
        for file in files {
            let content = (try? Data(contentsOf: URL(fileURLWithPath: root + "/" + file))) ?? Data()
            hash.update(data: Data(file.utf8) + [0])
            withUnsafeBytes(of: UInt64(content.count).littleEndian) { hash.update(bufferPointer: $0) }
            hash.update(data: content)
        }
        return FileDigest.hex(hash.finalize())
    }

    private static let modelLock = NSLock()
    nonisolated(unsafe) private static var modelDigests: [String: String] = [:]

    /// The SHA-256 of the file at `path` (a `.traineddata`), computed once per process and path; empty when it
    /// cannot be read.
    public static func modelFile(_ path: String) -> String {
        if let known = modelLock.withLock({ modelDigests[path] }) { return known }
        let digest = FileDigest.sha256(ofFileAt: path) ?? ""
        modelLock.withLock { modelDigests[path] = digest }
        return digest
    }
}
