import Foundation

/// The image formats DocSentry decodes, recognised by their first bytes (never by the file name: a JPEG
/// saved as `scan.png` is a JPEG).
public enum ImageFormat: String, Sendable, Equatable, CaseIterable, Codable {
    case png, jpeg, tiff, bmp, pnm, webp, gif, jpeg2000

    /// The name a person knows the format by.
    public var name: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .tiff: "TIFF"
        case .bmp: "BMP"
        case .pnm: "PNM"
        case .webp: "WebP"
        case .gif: "GIF"
        case .jpeg2000: "JPEG 2000"
        }
    }

    /// The format whose signature the bytes start with, or nil.
    public static func detect(_ bytes: [UInt8]) -> ImageFormat? {
        let b = ByteReader(bytes)
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.starts(with: [0x49, 0x49, 0x2A, 0x00]) || b.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || b.starts(with: [0x49, 0x49, 0x2B, 0x00]) || b.starts(with: [0x4D, 0x4D, 0x00, 0x2B]) { return .tiff }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) { return .gif }
        if b.starts(with: Array("RIFF".utf8)), b.matches(Array("WEBP".utf8), at: 8) { return .webp }
        if b.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A])
            || b.starts(with: [0xFF, 0x4F, 0xFF, 0x51]) { return .jpeg2000 }
        // BMP: "BM" then a DIB header of a size some BMP version uses (text starting "BM" is not a BMP).
        if b.starts(with: Array("BM".utf8)), let dib = b.uint32LE(at: 14), [12, 16, 40, 52, 56, 64, 108, 124].contains(dib) {
            return .bmp
        }
        // PNM: P1-P7 then whitespace.
        if let p = b.byte(at: 0), p == UInt8(ascii: "P"), let digit = b.byte(at: 1),
           (UInt8(ascii: "1")...UInt8(ascii: "7")).contains(digit), let space = b.byte(at: 2),
           [0x20, 0x09, 0x0A, 0x0D].contains(space) {
            return .pnm
        }
        return nil
    }

    /// What bytes that are no supported image look like, for the error message: "a PDF document", "plain
    /// text", or the first bytes of unknown binary data in hex. Never the file's text: it ends up in logs, and a
    /// text file can be anyone's notes (error messages carry no document content).
    public static func describeUnknown(_ bytes: [UInt8]) -> String {
        let b = ByteReader(bytes)
        func ascii(_ s: String) -> Bool { b.starts(with: Array(s.utf8)) }
        if ascii("%PDF") { return "it is a PDF document (export the page as PNG or JPEG, or scan straight to an image)" }
        if ascii("%!PS") { return "it is a PostScript document" }
        if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "it is a ZIP archive (or an Office document)" }
        if b.starts(with: [0x1F, 0x8B]) { return "it is gzip-compressed data" }
        if ascii("8BPS") { return "it is a Photoshop document" }
        if b.matches(Array("ftyp".utf8), at: 4) {
            let brand = String(decoding: bytes[8..<min(12, bytes.count)], as: UTF8.self)
            if ["heic", "heix", "hevc", "mif1", "msf1", "avif", "avis"].contains(brand) {
                return "it is a HEIF/HEIC or AVIF image (brand \(brand)), which DocSentry does not read: export it as JPEG or PNG"
            }
            return "it is an ISO media file (brand \(brand)), not a still image DocSentry reads"
        }
        if b.starts(with: [0xFF, 0x0A]) || b.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) {
            return "it is a JPEG XL image, which DocSentry does not read: export it as JPEG or PNG"
        }
        if let text = textPrefix(bytes) {
            let lower = text.lowercased()
            if lower.hasPrefix("<?xml") || lower.hasPrefix("<svg") {
                return "it is XML or SVG text (a drawing, not a scan)"
            }
            if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") {
                return "it is an HTML page (a download that saved an error page?)"
            }
            return "it is plain text, not an image"
        }
        if looksLikeEightBitText(bytes) { return "it is text in an 8-bit encoding (not UTF-8), not an image" }
        let hex = bytes.prefix(8).map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
        return "its first bytes are \(hex), which match no image signature"
    }

    /// Whether the first bytes are printable 8-bit text (Latin-1, Windows-1252): their hex would spell the text.
    static func looksLikeEightBitText(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(256)
        guard sample.count >= 4 else { return false }
        let printable = sample.filter { (0x20...0x7E).contains($0) || $0 >= 0xA0 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return printable.count * 20 >= sample.count * 19 && sample.contains { (0x41...0x7A).contains($0) }
    }

    /// The first line of the bytes (at most 40 characters) when they read as text, else nil.
    static func textPrefix(_ bytes: [UInt8]) -> String? {
        let sample = Array(bytes.prefix(256))
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = sample.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                let v = scalar.value
                let control = v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D
                if control || v == 0x7F { return nil }
                scalars.append(scalar)
            case .emptyInput:
                break loop
            case .error:
                // A multi-byte character cut by the 256-byte sample is fine at its very end.
                if sample.count == 256 && scalars.count > 200 { break loop }
                return nil
            }
        }
        let firstLine = String(scalars).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        return trimmed.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Bounds-checked reads from a byte array: every accessor returns nil past the end, never traps.
struct ByteReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var count: Int { bytes.count }

    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func has(_ length: Int, at offset: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= bytes.count && bytes.count - offset >= length
    }

    func uint16BE(at offset: Int) -> Int? {
        guard has(2, at: offset) else { return nil }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    func uint16LE(at offset: Int) -> Int? {
        guard has(2, at: offset) else { return nil }
        return Int(bytes[offset + 1]) << 8 | Int(bytes[offset])
    }

    func uint32BE(at offset: Int) -> Int? {
        guard has(4, at: offset) else { return nil }
        return (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }

    func uint32LE(at offset: Int) -> Int? {
        guard has(4, at: offset) else { return nil }
        return (0..<4).reversed().reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }

    func uint16(at offset: Int, bigEndian: Bool) -> Int? {
        bigEndian ? uint16BE(at: offset) : uint16LE(at: offset)
    }

    func uint32(at offset: Int, bigEndian: Bool) -> Int? {
        bigEndian ? uint32BE(at: offset) : uint32LE(at: offset)
    }

    func starts(with prefix: [UInt8]) -> Bool { matches(prefix, at: 0) }

    func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard has(pattern.count, at: offset) else { return false }
        return bytes[offset..<offset + pattern.count].elementsEqual(pattern)
    }
}
