import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report file (`--csv`, `--html`, a merge's JSON Lines) written whole or not at all: into a temporary file
/// beside it, flushed to disk and renamed over the target only when complete, so that a crash, a full disk or
/// Ctrl-C never leaves half a report, nor destroys the previous one.
public final class AtomicOutputFile {
    public let path: String
    private let temporary: String
    private let file: AuditOutputFile
    private var committed = false

    /// Creates the temporary file in `path`'s folder (a rename is atomic only within one file system).
    public init(path: String) throws(AuditError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        do {
            file = try AuditOutputFile(path: temporary, append: false)
        } catch {
            throw error.about(path)
        }
    }

    deinit {
        if !committed { unlink(temporary) }
    }

    public func write(_ text: String) throws(AuditError) {
        do { try file.write(text) } catch { throw error.about(path) }
    }

    /// Flushes the file and renames it over `path`.
    public func commit() throws(AuditError) {
        do { try file.sync() } catch { throw error.about(path) }
        guard rename(temporary, path) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        committed = true
    }
}

/// Keeps an audit's outputs off its inputs: no output file may be one of the files audited or merged (the
/// same file by device and inode, so a link or another spelling of the path is caught), nor two outputs the
/// same file.
public enum OutputGuard {
    /// - Parameters:
    ///   - outputs: each output's option (`--out`, `--csv`...) and path.
    ///   - inputs: the files read: the documents audited, or the records merged.
    /// - Throws: `AuditError.outputIsInput` or `.outputsCollide`.
    public static func check(outputs: [(option: String, path: String)], inputs: [String]) throws(AuditError) {
        var seen: [String: String] = [:]
        for output in outputs {
            let key = canonical(output.path)
            if let other = seen[key] { throw .outputsCollide(path: output.path, firstOption: other, secondOption: output.option) }
            seen[key] = output.option
        }
        let existing = outputs.compactMap { output in identity(output.path).map { (output, $0) } }
        guard !existing.isEmpty else { return }
        for input in inputs {
            guard let inputIdentity = identity(input) else { continue }
            for (output, outputIdentity) in existing where outputIdentity == inputIdentity {
                throw .outputIsInput(option: output.option, path: output.path, input: input)
            }
        }
    }

    /// Device and inode of an existing file.
    static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// The absolute path with its folder's links resolved (the file itself may not exist yet).
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }
}

extension AuditError {
    /// The same error, about `path`: a temporary file's failure is reported for the file it stands for.
    func about(_ path: String) -> AuditError {
        if case let .cannotWrite(_, reason) = self { return .cannotWrite(path: path, reason: reason) }
        return self
    }
}
