/// Why an input file could not become a grey raster. Every description is one line that names the file, says
/// what is wrong with it and, where there is one, what a person can do about it.
///
/// `kind` is a stable identifier (used in `TestImages/bad/*.json` answer keys and in JSON output);
/// `exitCode` is the sysexits status the CLI exits with for it.
public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file has no bytes at all.
    case emptyFile(file: String)
    /// The file cannot be opened or read (missing, a directory, no permission, I/O error).
    case unreadableFile(file: String, reason: String)
    /// The file is bigger than `DecodeLimits.maxFileBytes`; refused before reading it.
    case fileTooLarge(file: String, bytes: Int, limit: Int)
    /// The bytes are not any image format DocSentry reads; `looksLike` says what they seem to be.
    case unknownFormat(file: String, looksLike: String)
    /// The file starts like an image of `format` but its data is damaged or cut short. For PNG, `detail`
    /// is libpng's own message.
    case corrupt(file: String, format: ImageFormat, detail: String)
    /// The header declares more pixels than `DecodeLimits.maxPixels`; refused before any pixel memory is
    /// allocated. `pixels` is what decoding would allocate (for an animated GIF, all frames together).
    case tooLarge(file: String, format: ImageFormat, width: Int, height: Int, pixels: Int, limit: Int)
    /// The header declares a width or height of zero.
    case zeroSize(file: String, format: ImageFormat, width: Int, height: Int)
    /// The image is too small for any MRZ to be legible in it (see `DecodeLimits.minimumLongSide`).
    case tooSmall(file: String, format: ImageFormat, width: Int, height: Int, minimumLongSide: Int,
                  minimumShortSide: Int)
    /// Leptonica decoded the file but a conversion step failed (`operation` names the call).
    case leptonicaFailure(file: String, format: ImageFormat, operation: String)
    /// The pixel memory could not be allocated.
    case outOfMemory(file: String, width: Int, height: Int)

    /// A stable name for the kind of error, as the answer keys write it.
    public var kind: String {
        switch self {
        case .emptyFile: "empty-file"
        case .unreadableFile: "unreadable-file"
        case .fileTooLarge: "file-too-large"
        case .unknownFormat: "unknown-format"
        case .corrupt: "corrupt-image"
        case .tooLarge: "image-too-large"
        case .zeroSize: "zero-size-image"
        case .tooSmall: "image-too-small"
        case .leptonicaFailure: "leptonica-failure"
        case .outOfMemory: "out-of-memory"
        }
    }

    /// The file the error is about, as it was named to the decoder.
    public var file: String {
        switch self {
        case let .emptyFile(file), let .unreadableFile(file, _), let .fileTooLarge(file, _, _),
             let .unknownFormat(file, _), let .corrupt(file, _, _), let .tooLarge(file, _, _, _, _, _),
             let .zeroSize(file, _, _, _), let .tooSmall(file, _, _, _, _, _), let .leptonicaFailure(file, _, _),
             let .outOfMemory(file, _, _):
            file
        }
    }

    /// The process exit status for this error: 66 (EX_NOINPUT) when the file cannot be read at all,
    /// 65 (EX_DATAERR) when its content is the problem.
    public var exitCode: Int32 {
        switch self {
        case .unreadableFile: 66
        default: 65
        }
    }

    public var description: String {
        switch self {
        case let .emptyFile(file):
            "\(file): the file is empty (0 bytes): the scan or the copy did not complete; scan or copy it again"
        case let .unreadableFile(file, reason):
            "\(file): cannot read the file: \(reason)"
        case let .fileTooLarge(file, bytes, limit):
            "\(file): the file is \(Self.megabytes(bytes)), over the \(Self.megabytes(limit)) limit for one image: "
                + "give a single page scanned at 300-600 dpi"
        case let .unknownFormat(file, looksLike):
            "\(file): not an image DocSentry can read: \(looksLike); give a PNG, JPEG, TIFF, BMP, PNM, WebP, GIF "
                + "or JPEG 2000 scan (the format is taken from the bytes, not from the name)"
        case let .corrupt(file, format, detail):
            "\(file): the \(format.name) data is damaged or incomplete (\(detail)): copy or scan the document again"
        case let .tooLarge(file, format, width, height, pixels, limit):
            "\(file): the \(format.name) declares \(width)x\(height) pixels (\(Self.megapixels(pixels)) to decode), "
                + "over the limit of \(Self.megapixels(limit)): scan at 300-600 dpi, or raise --max-pixels"
        case let .zeroSize(file, format, width, height):
            "\(file): the \(format.name) declares a \(width)x\(height) image: there are no pixels to read"
        case let .tooSmall(file, format, width, height, longSide, shortSide):
            "\(file): the \(format.name) is only \(width)x\(height) pixels, too small to hold a legible MRZ "
                + "(at least \(longSide) pixels along and \(shortSide) across are needed): scan at 300 dpi"
        case let .leptonicaFailure(file, format, operation):
            "\(file): leptonica read the \(format.name) but \(operation) failed; convert the file to PNG and retry"
        case let .outOfMemory(file, width, height):
            "\(file): not enough memory to decode a \(width)x\(height) image; free memory or scan at a lower dpi"
        }
    }

    static func megapixels(_ pixels: Int) -> String {
        if pixels < 100_000 { return "\(pixels) pixels" }
        let value = Double(pixels) / 1_000_000
        return value >= 10 ? "\(Int(value.rounded())) megapixels" : "\((value * 10).rounded() / 10) megapixels"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
