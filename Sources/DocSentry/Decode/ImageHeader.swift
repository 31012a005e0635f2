import CTesseract

/// What a file declares about itself, read from its header before any pixel is decoded: enough to refuse a
/// 100000x100000 image in microseconds.
public struct ImageHeader: Sendable, Equatable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    /// The pixels decoding will allocate: width x height, or for an animated GIF every frame together.
    public let pixelCount: Int

    public init(format: ImageFormat, width: Int, height: Int, pixelCount: Int? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.pixelCount = pixelCount ?? Self.area(width, height)
    }

    /// width x height, saturating at Int.max (two 32-bit sizes can overflow 64 bits).
    static func area(_ width: Int, _ height: Int) -> Int {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? Int.max : product
    }

    /// Reads the declared size. Small bounds-checked parsers for PNG (IHDR), JPEG (SOF), GIF (screen and
    /// every frame) and BMP, because leptonica's header reader decodes whole GIF and BMP files to answer;
    /// leptonica's `pixReadHeaderMem` for TIFF, PNM, WebP and JPEG 2000. Nil when the header cannot be read.
    static func read(_ bytes: [UInt8], format: ImageFormat) -> ImageHeader? {
        let reader = ByteReader(bytes)
        switch format {
        case .png: return png(reader)
        case .jpeg: return JPEGSegments(reader).frameSize.map { ImageHeader(format: .jpeg, width: $0.width, height: $0.height) }
            ?? leptonica(bytes, format: format)
        case .gif: return gif(reader)
        case .bmp: return bmp(reader)
        case .tiff, .pnm, .webp, .jpeg2000: return leptonica(bytes, format: format)
        }
    }

    /// IHDR must be the first chunk: length 13, then width and height as 32-bit big-endian.
    static func png(_ b: ByteReader) -> ImageHeader? {
        guard b.uint32BE(at: 8) == 13, b.matches(Array("IHDR".utf8), at: 12),
              let width = b.uint32BE(at: 16), let height = b.uint32BE(at: 20) else { return nil }
        return ImageHeader(format: .png, width: width, height: height)
    }

    /// BMP: BITMAPCOREHEADER (12 bytes, 16-bit sizes) or a later header (32-bit signed sizes; a negative
    /// height means top-down rows).
    static func bmp(_ b: ByteReader) -> ImageHeader? {
        guard let dibSize = b.uint32LE(at: 14) else { return nil }
        if dibSize == 12 {
            guard let w = b.uint16LE(at: 18), let h = b.uint16LE(at: 20) else { return nil }
            return ImageHeader(format: .bmp, width: w, height: h)
        }
        guard let w = b.uint32LE(at: 18), let h = b.uint32LE(at: 22) else { return nil }
        let width = Int(Int32(truncatingIfNeeded: w)), height = Int(Int32(truncatingIfNeeded: h))
        return ImageHeader(format: .bmp, width: abs(width), height: abs(height))
    }

    /// GIF: the logical screen, then a walk over the blocks to every image descriptor, since giflib
    /// allocates each frame at the size its own descriptor declares, whatever the screen says.
    static func gif(_ b: ByteReader) -> ImageHeader? {
        guard let screenW = b.uint16LE(at: 6), let screenH = b.uint16LE(at: 8), let flags = b.byte(at: 10) else {
            return nil
        }
        var offset = 13 + (flags & 0x80 != 0 ? 3 << (Int(flags & 7) + 1) : 0)
        var largest = (width: screenW, height: screenH)
        var framePixels = 0
        /// Skips a chain of data sub-blocks; nil when it runs off the end.
        func skipSubBlocks(_ start: Int) -> Int? {
            var at = start
            while let length = b.byte(at: at) {
                at += 1 + Int(length)
                if length == 0 { return at }
            }
            return nil
        }
        walk: for _ in 0..<100_000 {
            guard let introducer = b.byte(at: offset) else { break }
            switch introducer {
            case 0x2C:  // image descriptor
                guard let w = b.uint16LE(at: offset + 5), let h = b.uint16LE(at: offset + 7),
                      let packed = b.byte(at: offset + 9) else { break walk }
                framePixels += w * h
                if w * h > largest.width * largest.height { largest = (w, h) }
                offset += 10 + (packed & 0x80 != 0 ? 3 << (Int(packed & 7) + 1) : 0)
                offset += 1  // LZW minimum code size
                guard let next = skipSubBlocks(offset) else { break walk }
                offset = next
            case 0x21:  // extension: label, then sub-blocks
                guard let next = skipSubBlocks(offset + 2) else { break walk }
                offset = next
            default:    // 0x3B trailer, or damage the decoder will report
                break walk
            }
        }
        return ImageHeader(format: .gif, width: largest.width, height: largest.height,
                           pixelCount: max(screenW * screenH, largest.width * largest.height, framePixels))
    }

    /// Leptonica's header reader (libtiff, the PNM parser, libwebp, OpenJPEG; libjpeg as a fallback).
    static func leptonica(_ bytes: [UInt8], format: ImageFormat) -> ImageHeader? {
        Leptonica.silence()
        var w: Int32 = 0, h: Int32 = 0, leptFormat: Int32 = 0
        let (status, _) = StdioErrorCapture.run {
            bytes.withUnsafeBufferPointer { buffer in
                pixReadHeaderMem(buffer.baseAddress, buffer.count, &leptFormat, &w, &h, nil, nil, nil)
            }
        }
        guard status == 0, w >= 0, h >= 0 else { return nil }
        return ImageHeader(format: format, width: Int(w), height: Int(h))
    }
}
