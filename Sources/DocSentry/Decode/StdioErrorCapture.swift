import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches what C libraries print with `fprintf(stderr, ...)` while a block runs, instead of letting it reach
/// the terminal.
///
/// `setMsgSeverity` silences leptonica's own messages, but leptonica leaves libjpeg's error manager printing
/// ("Premature end of JPEG file", "Corrupt JPEG data: ...") to the C `stderr` stream. DocSentry promises one
/// line per bad file, so during leptonica calls the C library's `stderr` FILE pointer is pointed at a private
/// temporary file, and what was written there becomes the error's detail (as libpng's message does for PNG).
///
/// Only C stdio output is affected: DocSentry's own messages go to file descriptor 2 through FileHandle and
/// are never redirected. Calls are serialised by a lock (a leptonica decode of a page takes a few
/// milliseconds; OCR dominates by far). The sink file is never closed, so a stray `fprintf` from another
/// thread during the window lands in it harmlessly (and may show in that error's detail).
enum StdioErrorCapture {
    private static let lock = NSLock()

    /// The address of the C library's `stderr` variable and the sink, or nil when either is unavailable
    /// (then nothing is redirected).
    nonisolated(unsafe) private static let state: (slot: UnsafeMutablePointer<UnsafeMutablePointer<FILE>?>,
                                                   sink: UnsafeMutablePointer<FILE>)? = {
        #if canImport(Darwin)
        let address = dlsym(UnsafeMutableRawPointer(bitPattern: -2), "__stderrp")  // RTLD_DEFAULT
        #else
        let address = dlsym(nil, "stderr")  // RTLD_DEFAULT
        #endif
        guard let address, let sink = tmpfile() else { return nil }
        return (address.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self), sink)
    }()

    /// Runs `body` with C `stderr` captured; returns its result and the captured text (trimmed, at most
    /// 300 characters, lines joined with "; ").
    static func run<T>(_ body: () -> T) -> (result: T, output: String) {
        guard let (slot, sink) = state else { return (body(), "") }
        lock.lock()
        defer { lock.unlock() }
        rewind(sink)
        _ = ftruncate(fileno(sink), 0)
        let saved = slot.pointee
        slot.pointee = sink
        let result = body()
        slot.pointee = saved
        fflush(sink)
        let length = min(Int(ftell(sink)), 4096)
        guard length > 0 else { return (result, "") }
        rewind(sink)
        var bytes = [UInt8](repeating: 0, count: length)
        let read = fread(&bytes, 1, length, sink)
        let lines = String(decoding: bytes[..<read], as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var unique: [String] = []
        for line in lines where !unique.contains(line) { unique.append(line) }
        let text = unique.joined(separator: "; ")
        return (result, text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }
}
