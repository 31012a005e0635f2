import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends records to an audit's JSON Lines file, one `write` per line, so a record is on disk (in the
/// kernel's cache) as soon as its document is done: Ctrl-C or a crash loses nothing already written.
///
/// Thread-safe: workers may append concurrently; each line is written whole.
public final class AuditOutputFile: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLock()

    /// Opens `path` for appending (`append`) or truncates it.
    public init(path: String, append: Bool) throws(AuditError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(fd) }

    /// Flushes what was written to the disk (`fsync`).
    public func sync() throws(AuditError) {
        guard fsync(fd) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Writes `line` and a newline.
    public func append(_ line: String) throws(AuditError) {
        try write(line + "\n")
    }

    /// Writes `text` as it is.
    public func write(_ text: String) throws(AuditError) {
        let bytes = Array(text.utf8)
        lock.lock()
        defer { lock.unlock() }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            written += n
        }
    }
}

/// `write(2)`, out of the way of `AuditOutputFile.write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// Reading an audit's JSON Lines file.
public enum AuditLog {
    /// Calls `body` with each record of the file at `path`, its line number, and where the line is.
    ///
    /// With `repair`, a last line without its newline (a write cut short by a crash or a full disk) is cut off
    /// the file, so that appending can go on after it; without, it is an error like any other bad line.
    /// Blank lines are skipped.
    ///
    /// - Throws: `AuditError.cannotRead`, or `.corruptRecord` naming the file and line.
    public static func read(_ path: String, repair: Bool = false,
                            _ body: (AuditRecord, _ line: Int, _ offset: UInt64, _ length: Int) throws(AuditError) -> Void) throws(AuditError) {
        let fd = open(path, repair ? O_RDWR : O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var reader = LineReader(fd: fd)
        var number = 0
        while true {
            let next: LineReader.Line?
            do { next = try reader.next() } catch { throw .cannotRead(path: path, reason: error.description) }
            guard let line = next else { break }
            number += 1
            if !line.terminated {
                if repair {
                    guard ftruncate(fd, off_t(line.offset)) == 0 else {
                        throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
                    }
                    break
                }
                if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { break }
            }
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let record: AuditRecord
            do {
                record = try AuditRecord(jsonLine: line.bytes)
            } catch {
                throw .corruptRecord(path: path, line: number, detail: error.detail)
            }
            try body(record, number, line.offset, line.bytes.count)
        }
    }

    /// The bytes of one line, read back by where `read` said it is.
    static func line(fd: Int32, offset: UInt64, length: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, length - filled, off_t(offset) + off_t(filled)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            filled += n
        }
        return bytes
    }
}

/// Lines of a file descriptor, read in 1 MiB pieces; every line knows its offset and whether a newline ended it.
struct LineReader {
    struct Line {
        var bytes: [UInt8]
        var offset: UInt64
        var terminated: Bool
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var bufferOffset: UInt64 = 0
    private var atEnd = false

    init(fd: Int32) { self.fd = fd }

    mutating func next() throws(ReadError) -> Line? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Line(bytes: Array(buffer[start..<newline]), offset: bufferOffset + UInt64(start), terminated: true)
                start = newline + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Line(bytes: Array(buffer[start...]), offset: bufferOffset + UInt64(start), terminated: false)
                start = buffer.count
                return line
            }
            // Keep the unfinished line, read more after it.
            bufferOffset += UInt64(start)
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(description: String(cString: strerror(errno)))
            }
            if n == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}

/// The records of one or more audit files, one per document, for reports and merges: only where each record
/// is (file, offset, length) and its digest is kept in memory, never the reports themselves.
///
/// Within one file a later record for the same path replaces an earlier one (a `--resume` after the scan was
/// replaced). Across files (shards) the same path with the same SHA-256 is one document (a report is kept
/// over an error record); with different SHA-256s the merge fails.
public final class AuditResults {
    struct Entry {
        var source: Int
        var offset: UInt64
        var length: Int
        var sha256: String
        /// The verdict, nil for an error record.
        var verdict: Verdict?
        var isError: Bool { verdict == nil }
    }

    public let sources: [String]
    /// What made the records: versions, rules, models, judging options, redaction.
    public private(set) var origins = RecordOrigins()
    private var entries: [String: Entry] = [:]
    private var descriptors: [Int32] = []

    /// Indexes the records of `paths`.
    public init(_ paths: [String]) throws(AuditError) {
        sources = paths
        for (index, path) in paths.enumerated() {
            try AuditLog.read(path) { (record, _, offset, length) throws(AuditError) in
                origins.add(record, source: path)
                let verdict: Verdict? = if case let .report(report, _) = record { report.verdict } else { nil }
                let entry = Entry(source: index, offset: offset, length: length, sha256: record.sha256, verdict: verdict)
                guard let existing = entries[record.file] else { entries[record.file] = entry; return }
                if existing.source == index { entries[record.file] = entry; return }
                guard existing.sha256 == record.sha256 else {
                    throw .mergeConflict(file: record.file, firstSource: paths[existing.source], firstSHA256: existing.sha256,
                                         secondSource: path, secondSHA256: record.sha256)
                }
                if existing.isError && !entry.isError { entries[record.file] = entry }
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
            descriptors.append(fd)
        }
    }

    deinit { descriptors.forEach { close($0) } }

    /// Number of documents.
    public var count: Int { entries.count }

    /// Documents per verdict (nil: error records), without reading the records again.
    public func count(verdict: Verdict?) -> Int {
        entries.values.count { $0.verdict == verdict }
    }

    /// Calls `body` with every document's record and its JSON line, sorted by file (bytes of the path); with
    /// `verdicts`, only those of documents whose verdict is in it (nil in it: error records).
    public func forEach(verdicts: Set<Verdict?>? = nil, _ body: (AuditRecord, _ line: [UInt8]) throws(AuditError) -> Void) throws(AuditError) {
        for file in entries.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let entry = entries[file]!
            if let verdicts, !verdicts.contains(entry.verdict) { continue }
            guard let line = AuditLog.line(fd: descriptors[entry.source], offset: entry.offset, length: entry.length) else {
                throw .cannotRead(path: sources[entry.source], reason: "the file changed while it was being read")
            }
            let record: AuditRecord
            do { record = try AuditRecord(jsonLine: line) } catch {
                throw .corruptRecord(path: sources[entry.source], line: 0, detail: error.detail)
            }
            try body(record, line)
        }
    }

    /// The counters over all documents.
    public func tally() throws(AuditError) -> AuditTally {
        var tally = AuditTally()
        try forEach { record, _ in tally.add(RecordDigest(record)) }
        return tally
    }
}
