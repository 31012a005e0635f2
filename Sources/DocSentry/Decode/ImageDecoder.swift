import CPNG
import CTesseract
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns an input file into an upright 8-bit grey `DecodedImage`, or a `DecodeError` a person can act on.
///
/// The steps, in order, each cheap before the next costly one:
/// 1. read the file (refused when not a regular file, or larger than `limits.maxFileBytes`);
/// 2. find the format from the first bytes, never from the name;
/// 3. read the declared size from the header and check it against `limits` (too large, zero, too small)
///    before any pixel memory is allocated;
/// 4. decode: PNG through libpng (the CPNG shim, which catches libpng's longjmp errors and checks the size
///    again before allocating), every other format through leptonica; then convert to 8-bit grey;
/// 5. apply the EXIF/TIFF orientation (see `EXIFOrientation` for the policy).
///
/// A value type holding only its limits: one decoder can be shared by any number of threads.
public struct ImageDecoder: Sendable {
    public var limits: DecodeLimits

    public init(limits: DecodeLimits = .standard) {
        self.limits = limits
    }

    /// Decodes the file at `path`; errors name the file by `path` as given.
    public func decode(fileAt path: String) throws(DecodeError) -> DecodedImage {
        let bytes = try readFile(path)
        return try decode(bytes: bytes, name: path)
    }

    /// Decodes image bytes; `name` is what errors call the input.
    public func decode(bytes: [UInt8], name: String) throws(DecodeError) -> DecodedImage {
        let header = try header(of: bytes, name: name)
        let (raster, source) = header.format == .png
            ? try decodePNG(bytes, name: name)
            : try decodeWithLeptonica(bytes, format: header.format, name: name)
        try checkSize(format: header.format, width: raster.width, height: raster.height, name: name)
        switch header.format {
        case .jpeg:
            // libjpeg ignores EXIF: DocSentry turns the raster itself.
            let orientation = JPEGSegments(ByteReader(bytes)).orientation
            return DecodedImage(raster: orientation?.apply(to: raster) ?? raster, format: .jpeg,
                                originalWidth: raster.width, originalHeight: raster.height,
                                orientation: orientation, source: source)
        case .tiff:
            // Leptonica's TIFF reader applies the Orientation tag itself: the raster is already upright.
            let orientation = EXIFOrientation.fromTIFF(ByteReader(bytes), start: 0)
            let swapped = orientation?.swapsAxes ?? false
            return DecodedImage(raster: raster, format: .tiff,
                                originalWidth: swapped ? raster.height : raster.width,
                                originalHeight: swapped ? raster.width : raster.height,
                                orientation: orientation, source: source)
        default:
            return DecodedImage(raster: raster, format: header.format, originalWidth: raster.width,
                                originalHeight: raster.height, orientation: nil, source: source)
        }
    }

    /// The format and declared size, checked against the limits; nothing is decoded. Throws for an empty
    /// file, an unknown format, an unreadable header, and a declared size that is zero, too large or too small.
    public func header(of bytes: [UInt8], name: String) throws(DecodeError) -> ImageHeader {
        guard !bytes.isEmpty else { throw .emptyFile(file: name) }
        guard let format = ImageFormat.detect(bytes) else {
            throw .unknownFormat(file: name, looksLike: ImageFormat.describeUnknown(bytes))
        }
        let header: ImageHeader
        if let parsed = ImageHeader.read(bytes, format: format) {
            header = parsed
        } else if format == .png {
            header = try pngHeaderFromLibpng(bytes, name: name)
        } else {
            throw .corrupt(file: name, format: format, detail: "its header cannot be read: \(Self.damageHint(format, message: ""))")
        }
        if header.width == 0 || header.height == 0 {
            throw .zeroSize(file: name, format: format, width: header.width, height: header.height)
        }
        if format == .jpeg2000, let problem = JPEG2000Codestream.unsupported(bytes) {
            throw .corrupt(file: name, format: format, detail: problem)
        }
        if header.pixelCount > limits.maxPixels {
            throw .tooLarge(file: name, format: format, width: header.width, height: header.height,
                            pixels: header.pixelCount, limit: limits.maxPixels)
        }
        try checkSize(format: format, width: header.width, height: header.height, name: name)
        return header
    }

    private func checkSize(format: ImageFormat, width: Int, height: Int, name: String) throws(DecodeError) {
        if max(width, height) < limits.minimumLongSide || min(width, height) < limits.minimumShortSide {
            throw .tooSmall(file: name, format: format, width: width, height: height,
                            minimumLongSide: limits.minimumLongSide, minimumShortSide: limits.minimumShortSide)
        }
    }

    // MARK: PNG

    /// The IHDR could not be parsed by hand (not the first chunk, wrong length): libpng says why.
    private func pngHeaderFromLibpng(_ bytes: [UInt8], name: String) throws(DecodeError) -> ImageHeader {
        var out = ds_png_image()
        let status = bytes.withUnsafeBufferPointer { ds_png_read_header($0.baseAddress, $0.count, &out) }
        switch status {
        case DS_PNG_OK: return ImageHeader(format: .png, width: Int(out.width), height: Int(out.height))
        case DS_PNG_EMPTY_IMAGE: throw .zeroSize(file: name, format: .png, width: Int(out.width), height: Int(out.height))
        default: throw .corrupt(file: name, format: .png, detail: "libpng: \(Self.message(of: &out))")
        }
    }

    private func decodePNG(_ bytes: [UInt8], name: String) throws(DecodeError) -> (Raster, String) {
        var out = ds_png_image()
        let status = bytes.withUnsafeBufferPointer {
            ds_png_decode_gray($0.baseAddress, $0.count, UInt64(limits.maxPixels), &out)
        }
        defer { ds_png_free(&out) }
        let width = Int(out.width), height = Int(out.height)
        switch status {
        case DS_PNG_OK:
            guard let pixels = out.pixels else { throw .outOfMemory(file: name, width: width, height: height) }
            let dpi = out.x_pixels_per_metre > 0 ? out.x_pixels_per_metre * 0.0254 : nil
            let raster = Raster(width: width, height: height,
                                pixels: Array(UnsafeBufferPointer(start: pixels, count: width * height)), dotsPerInch: dpi)
            return (raster, Self.pngSource(out))
        case DS_PNG_TOO_LARGE:
            throw .tooLarge(file: name, format: .png, width: width, height: height,
                            pixels: ImageHeader.area(width, height), limit: limits.maxPixels)
        case DS_PNG_EMPTY_IMAGE:
            throw .zeroSize(file: name, format: .png, width: width, height: height)
        case DS_PNG_OUT_OF_MEMORY:
            throw .outOfMemory(file: name, width: width, height: height)
        case DS_PNG_NOT_PNG:
            throw .unknownFormat(file: name, looksLike: ImageFormat.describeUnknown(bytes))
        default:
            throw .corrupt(file: name, format: .png, detail: "libpng: \(Self.message(of: &out))")
        }
    }

    /// libpng's message from the shim's fixed buffer, read no further than its 256 bytes.
    private static func message(of image: inout ds_png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return text.isEmpty ? "unknown error" : text
    }

    private static func pngSource(_ image: ds_png_image) -> String {
        let colour = switch image.color_type {
        case 0: "grey"
        case 2: "RGB"
        case 3: "palette"
        case 4: "grey + alpha"
        case 6: "RGB + alpha"
        default: "colour type \(image.color_type)"
        }
        return "PNG, \(colour), \(image.bit_depth)-bit" + (image.interlaced != 0 ? ", interlaced" : "")
    }

    // MARK: leptonica

    private func decodeWithLeptonica(_ bytes: [UInt8], format: ImageFormat, name: String) throws(DecodeError) -> (Raster, String) {
        let pix: OwnedPix
        switch Leptonica.read(bytes) {
        case let .decoded(decoded): pix = decoded
        case let .failed(message): throw .corrupt(file: name, format: format, detail: Self.damageHint(format, message: message))
        }
        let depth = pixGetDepth(pix.pointer), samples = pixGetSpp(pix.pointer)
        let colormap = pixGetColormap(pix.pointer) != nil
        let source = "\(format.name), \(depth) bits per pixel" + (colormap ? ", palette" : "")
            + (depth == 32 && samples == 4 ? ", alpha" : "")
        switch Leptonica.greyRaster(pix) {
        case let .success(raster): return (raster, source)
        case let .failure(failure): throw .leptonicaFailure(file: name, format: format, operation: failure.operation)
        }
    }

    /// Which library refused the data, with its own message when it printed one.
    static func damageHint(_ format: ImageFormat, message: String) -> String {
        let library = switch format {
        case .jpeg: "libjpeg"
        case .tiff: "libtiff"
        case .webp: "libwebp"
        case .gif: "giflib"
        case .jpeg2000: "OpenJPEG"
        case .png: "libpng"
        case .bmp, .pnm: "leptonica"
        }
        return message.isEmpty ? "\(library) rejected the data; the file is probably cut short or damaged"
            : "\(library): \(message)"
    }

    // MARK: reading the file

    /// The file's bytes. Opened non-blocking (a FIFO must not hang the process) and checked to be a
    /// regular file no bigger than `limits.maxFileBytes` before anything is read.
    func readFile(_ path: String) throws(DecodeError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .unreadableFile(file: path, reason: Self.errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadableFile(file: path, reason: Self.errnoText()) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw .unreadableFile(file: path, reason: "it is a directory, not a file") }
        guard type == S_IFREG else {
            throw .unreadableFile(file: path, reason: "it is not a regular file (a device, pipe or socket)")
        }
        let size = Int(info.st_size)
        if size > limits.maxFileBytes { throw .fileTooLarge(file: path, bytes: size, limit: limits.maxFileBytes) }
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n > 0 { done += n; continue }
                if n == 0 { break }  // the file shrank while being read: take what is there
                if errno == EINTR || errno == EAGAIN { continue }
                failure = Self.errnoText()
                break
            }
            count = done
        }
        if let failure { throw .unreadableFile(file: path, reason: failure) }
        return bytes
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
