import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file holds, judged by its bytes: a scan or MRZ text (a swipe reader's output saved to a file).
public enum DocumentKind: String, Sendable, Equatable, Codable {
    case image
    case mrzText = "mrz-text"

    /// Text files over this size are never MRZ text (an MRZ is at most three lines of 44 characters).
    public static let maximumTextBytes = 64 * 1024

    /// Names whose extension says "scan": such a file is audited even when its bytes are no image, so that a
    /// PDF or a truncated download saved as `.jpg` is reported rather than silently skipped.
    public static let imageExtensions: Set<String> = [
        "png", "jpg", "jpeg", "jpe", "jfif", "tif", "tiff", "bmp", "dib", "pnm", "pbm", "pgm", "ppm", "pam",
        "webp", "gif", "jp2", "j2k", "jpf",
    ]

    /// The kind of the file at `path`, or nil for a file that is neither (a note, a spreadsheet, a log).
    ///
    /// Images are recognised by their first bytes (`ImageFormat.detect`), MRZ text by
    /// `MRZText.looksLikeMRZText`; a file whose name ends in an image extension is an image whatever its bytes,
    /// and so is a file that cannot be opened (its error is then reported with the file).
    public static func of(fileAt path: String) -> DocumentKind? {
        let named = imageExtensions.contains((path as NSString).pathExtension.lowercased())
        guard let head = try? FileHead(path: path) else { return .image }
        if ImageFormat.detect(head.bytes) != nil { return .image }
        if head.isMRZText { return .mrzText }
        return named ? .image : nil
    }
}

/// The first bytes of a file and, for a small file, whether it reads as MRZ text.
struct FileHead {
    var bytes: [UInt8]
    var isMRZText: Bool
    var text: String?

    /// Reads the whole file when it is small enough to be MRZ text, else its first 64 bytes.
    init(path: String) throws(FileInspectionError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw errno == ENOENT ? .missing(file: path) : .notReadable(file: path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .notReadable(file: path) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .isFolder(file: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notReadable(file: path) }
        let wanted = Int(info.st_size) <= DocumentKind.maximumTextBytes ? Int(info.st_size) + 1 : 64
        var buffer = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, wanted - filled) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .notReadable(file: path) }
            if n == 0 { break }
            filled += n
        }
        bytes = Array(buffer[0..<filled])
        if filled <= DocumentKind.maximumTextBytes, !bytes.isEmpty, let decoded = String(data: Data(bytes), encoding: .utf8),
           MRZText.looksLikeMRZText(decoded) {
            text = decoded
            isMRZText = true
        } else {
            isMRZText = false
        }
    }
}

/// Why one input file gave no report. In a batch it becomes the file's error record and the batch goes on;
/// `ocrUnavailable` is the exception (no scan at all can be read without an engine).
public enum FileInspectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at that path.
    case missing(file: String)
    /// The file exists but cannot be read (permissions, a device).
    case notReadable(file: String)
    /// The path is a folder: `docsentry audit` checks folders.
    case isFolder(file: String)
    /// The file is text meant as MRZ lines, but they are not an MRZ.
    case badMRZText(file: String, MRZTextError)
    /// The file is not an image DocSentry can read.
    case decode(DecodeError)
    /// The OCR engine cannot be created.
    case ocrUnavailable(RecognizeError)

    /// The sysexits status: 66 when the file cannot be read at all, 64 for a folder (a usage error), 69 without
    /// OCR, 65 for its content.
    public var exitCode: Int32 {
        switch self {
        case .missing, .notReadable: 66
        case .isFolder: 64
        case .badMRZText: 65
        case let .decode(error): error.exitCode
        case .ocrUnavailable: 69
        }
    }

    public var description: String {
        switch self {
        case let .missing(file): "\(file): no such file"
        case let .notReadable(file): "\(file): cannot be read (permissions?)"
        case let .isFolder(file): "\(file): is a folder: `docsentry audit \(file)` checks every scan and MRZ text file in it"
        case let .badMRZText(file, error): "\(file): \(error.description)"
        case let .decode(error): error.description
        case let .ocrUnavailable(error): error.description
        }
    }
}

extension Inspector {
    /// Inspects one file as `docsentry check FILE` and `docsentry audit` do: a small text file holding MRZ
    /// lines is checked as MRZ text; anything else goes through the image pipeline with `scanner`.
    ///
    /// - Parameters:
    ///   - path: the file; the report and errors name it so.
    ///   - decoder: decodes a scan before `scanner` is asked for, so that a reader still loading on another thread
    ///     (`ScanReaderLoader`) finishes meanwhile; nil: the scanner's own decoder, once it is there.
    ///   - scanner: gives the worker's `ScanReader`, asked for only when the file is a scan (so that text
    ///     files need no OCR engine).
    ///   - debug: receives the intermediate images of a scan.
    /// - Throws: `FileInspectionError` when the file gives no report; a report can still say `unreadable`.
    public func inspect(file path: String, decoder: ImageDecoder? = nil, scanner: () throws(RecognizeError) -> ScanReader,
                        debug: ((DebugImages) -> Void)? = nil) throws(FileInspectionError) -> Report {
        let head = try FileHead(path: path)
        if head.isMRZText, let text = head.text {
            do {
                return inspect(try MRZText(reading: text), file: path)
            } catch {
                throw .badMRZText(file: path, error)
            }
        }
        var decodedAhead: DecodedAhead?
        if let decoder {
            do { decodedAhead = try DecodedAhead(fileAt: path, decoder: decoder) } catch { throw .decode(error) }
        }
        let reader: ScanReader
        do { reader = try scanner() } catch { throw .ocrUnavailable(error) }
        do {
            return try inspect(fileAt: path, with: reader, decodedAhead: decodedAhead, debug: debug)
        } catch {
            throw .decode(error)
        }
    }
}
