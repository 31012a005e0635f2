import CTesseract
import Foundation

/// A small grey picture of a scanned page, turned so the document reads upright, for the HTML audit report
/// (`Thumbnail` is the colour picture with the MRZ drawn in, for walk-throughs and course packs).
///
/// Grey and JPEG because a report of thousands of documents must stay small: a 160-pixel thumbnail of a
/// scan is 3-6 kB as JPEG, 60-80 kB as a colour PNG (scanner noise does not compress losslessly). The located
/// MRZ is drawn over it by the report (an SVG outline), not into its pixels.
public struct AuditThumbnail: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// One byte a pixel, row-major.
    public private(set) var pixels: [UInt8]
    /// Thumbnail pixels per page pixel.
    public let scale: Double
    /// Counter-clockwise quarter turns applied after scaling, and the scaled page's size before them.
    private let quarterTurns: Int
    private let scaledWidth: Double
    private let scaledHeight: Double

    /// The page scaled to `width` pixels wide, or `maxHeight` high, as it will stand after `quarterTurns`
    /// counter-clockwise quarter turns; never enlarged. Each thumbnail pixel averages the page pixels it
    /// covers, so that thin print stays visible.
    public init(page: Raster, width targetWidth: Int = 160, maxHeight: Int = 200, quarterTurns: Int = 0) {
        let turns = ((quarterTurns % 4) + 4) % 4
        let (uprightWidth, uprightHeight) = turns % 2 == 0 ? (page.width, page.height) : (page.height, page.width)
        let scale = min(1, Double(targetWidth) / Double(max(1, uprightWidth)), Double(maxHeight) / Double(max(1, uprightHeight)))
        let width = max(1, Int((Double(page.width) * scale).rounded()))
        let height = max(1, Int((Double(page.height) * scale).rounded()))
        var pixels = page.boxAveraged(width: width, height: height).pixels
        self.scale = scale
        self.quarterTurns = turns
        scaledWidth = Double(width)
        scaledHeight = Double(height)
        // Each counter-clockwise quarter turn: (x, y) -> (y, width - 1 - x).
        var (w, h) = (width, height)
        for _ in 0..<turns {
            var turned = [UInt8](repeating: 255, count: w * h)
            for y in 0..<h { for x in 0..<w { turned[(w - 1 - x) * h + y] = pixels[y * w + x] } }
            pixels = turned
            (w, h) = (h, w)
        }
        self.width = w
        self.height = h
        self.pixels = pixels
    }

    /// Where a page point is on the thumbnail (after scaling and turning).
    public func place(x: Double, y: Double) -> (x: Double, y: Double) {
        var (px, py) = (x * scale, y * scale)
        var w = scaledWidth, h = scaledHeight
        for _ in 0..<quarterTurns {
            (px, py) = (py, w - px)
            (w, h) = (h, w)
        }
        return (px, py)
    }

    /// Box-blurs the picture `passes` times with a window of 2 * `radius` + 1 pixels (three passes are close to
    /// a Gaussian), edges clamped.
    public mutating func blur(radius: Int, passes: Int) {
        guard radius > 0 else { return }
        for _ in 0..<passes {
            for horizontal in [true, false] {
                var out = pixels
                let (outer, inner) = horizontal ? (height, width) : (width, height)
                for a in 0..<outer {
                    for b in 0..<inner {
                        var sum = 0
                        for offset in -radius...radius {
                            let c = min(inner - 1, max(0, b + offset))
                            sum += Int(horizontal ? pixels[a * width + c] : pixels[c * width + a])
                        }
                        out[horizontal ? a * width + b : b * width + a] = UInt8(sum / (2 * radius + 1))
                    }
                }
                pixels = out
            }
        }
    }

    /// The thumbnail as a grey JPEG (leptonica's libjpeg), nil when encoding fails.
    public func jpeg(quality: Int = 60) -> [UInt8]? {
        guard let pix = pixCreate(Int32(width), Int32(height), 8) else { return nil }
        var owned: UnsafeMutablePointer<PIX>? = pix
        defer { pixDestroy(&owned) }
        let wordsPerLine = Int(pixGetWpl(pix))
        guard let data = pixGetData(pix) else { return nil }
        for y in 0..<height {
            let line = data + y * wordsPerLine
            for x in 0..<width {
                // Leptonica keeps 8-bit pixels in 32-bit words, most significant byte first.
                let shift = UInt32(24 - 8 * (x & 3))
                line[x >> 2] = (line[x >> 2] & ~(0xFF << shift)) | (UInt32(pixels[y * width + x]) << shift)
            }
        }
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemJpeg(&bytes, &size, pix, Int32(quality), 0) == 0, let bytes else { return nil }
        defer { lept_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// The thumbnail as an 8-bit grey PNG.
    public func png() throws(EncodeError) -> [UInt8] {
        try ImageEncoder.png(Raster(width: width, height: height, pixels: pixels))
    }

    /// A scan's thumbnail for the report: the JPEG, its size, and the located MRZ's corners on it.
    public struct Picture: Sendable {
        public var jpeg: [UInt8]
        public var width: Int
        public var height: Int
        public var mrzCorners: [(x: Double, y: Double)]?
    }

    /// The thumbnail of the scan at `path`, turned upright by the report's `rotation` (clockwise quarter turns
    /// of the document in the image), with `mrzBox` (page pixels) placed on it; nil when the file can no longer
    /// be decoded (moved, replaced, not an image).
    public static func picture(ofScanAt path: String, mrzBox: [[Double]]?, rotation: Int?, width: Int = 160, maxHeight: Int = 200,
                               decoder: ImageDecoder = ImageDecoder()) -> Picture? {
        guard let decoded = try? decoder.decode(fileAt: path) else { return nil }
        let thumbnail = AuditThumbnail(page: decoded.raster, width: width, maxHeight: maxHeight, quarterTurns: rotation ?? 0)
        guard let jpeg = thumbnail.jpeg() else { return nil }
        let corners = mrzBox?.compactMap { $0.count == 2 ? thumbnail.place(x: $0[0], y: $0[1]) : nil }
        return Picture(jpeg: jpeg, width: thumbnail.width, height: thumbnail.height, mrzCorners: corners)
    }

    /// The longest side, in pixels, of the picture of a redacted report's scan.
    public static let redactedLongSide = 48

    /// The picture of a scan for a redacted report (`--redact`): the whole page, upright, in at most 48 pixels
    /// along its longest side, blurred over about 3 of them: it shows how the page lies, its light and (drawn
    /// by the report) where the MRZ was found, and nothing that can be read.
    ///
    /// Why the whole page, so small: on a real scan nothing says where the portrait or the visual zone's text
    /// are, so blanking them is not possible; at this size an MRZ character is under 1.5 pixels high even when
    /// the scan is nothing but the MRZ (44 characters across 48 pixels), a portrait a blur of a few pixels.
    public static func redactedPicture(ofScanAt path: String, mrzBox: [[Double]]?, rotation: Int?,
                                       decoder: ImageDecoder = ImageDecoder()) -> Picture? {
        guard let decoded = try? decoder.decode(fileAt: path) else { return nil }
        var thumbnail = AuditThumbnail(page: decoded.raster, width: redactedLongSide, maxHeight: redactedLongSide, quarterTurns: rotation ?? 0)
        thumbnail.blur(radius: 1, passes: 3)
        guard let jpeg = thumbnail.jpeg(quality: 80) else { return nil }
        let corners = mrzBox?.compactMap { $0.count == 2 ? thumbnail.place(x: $0[0], y: $0[1]) : nil }
        return Picture(jpeg: jpeg, width: thumbnail.width, height: thumbnail.height, mrzCorners: corners)
    }
}
