/// The EXIF/TIFF Orientation tag (0x0112): how the stored pixels must be turned to show the picture upright.
/// Each case is named after the transform that makes the stored pixels upright.
///
/// Policy: the decoder applies the tag (so a phone photo tagged "rotate 90" reaches the later stages the way
/// the person saw it on screen, and debug images look right), and records that it did in `DecodedImage`.
/// The tag describes how the *camera* was held, not how the *document* lay under it, so it is only a first
/// guess: the locate stage searches all four rotations (0/90/180/270) of the decoded raster anyway.
public enum EXIFOrientation: Int, Sendable, Equatable, CaseIterable, Codable {
    /// 1: stored upright.
    case normal = 1
    /// 2: mirrored left-right.
    case flipHorizontal = 2
    /// 3: stored upside down.
    case rotate180 = 3
    /// 4: mirrored top-bottom.
    case flipVertical = 4
    /// 5: mirrored across the main diagonal (mirror left-right, then turn 90 degrees counter-clockwise).
    case transpose = 5
    /// 6: stored turned 90 degrees counter-clockwise; turn it 90 degrees clockwise (a phone held upright).
    case rotate90Clockwise = 6
    /// 7: mirrored across the other diagonal (mirror left-right, then turn 90 degrees clockwise).
    case transverse = 7
    /// 8: stored turned 90 degrees clockwise; turn it 90 degrees counter-clockwise.
    case rotate90CounterClockwise = 8

    /// Whether applying it changes anything.
    public var isIdentity: Bool { self == .normal }

    /// Whether applying it swaps width and height.
    public var swapsAxes: Bool { rawValue >= 5 }

    /// The raster turned upright. Pure pixel moves: no resampling, no loss.
    public func apply(to raster: Raster) -> Raster {
        if isIdentity { return raster }
        let w = raster.width, h = raster.height
        let (outW, outH) = swapsAxes ? (h, w) : (w, h)
        let source = raster.pixels
        // For every output pixel (x, y), the stored pixel it comes from.
        let pixels = [UInt8](unsafeUninitializedCapacity: outW * outH) { out, count in
            source.withUnsafeBufferPointer { src in
                for y in 0..<outH {
                    let row = y * outW
                    switch self {
                    case .normal:
                        for x in 0..<outW { out[row + x] = src[y * w + x] }
                    case .flipHorizontal:
                        for x in 0..<outW { out[row + x] = src[y * w + (w - 1 - x)] }
                    case .rotate180:
                        for x in 0..<outW { out[row + x] = src[(h - 1 - y) * w + (w - 1 - x)] }
                    case .flipVertical:
                        for x in 0..<outW { out[row + x] = src[(h - 1 - y) * w + x] }
                    case .transpose:
                        for x in 0..<outW { out[row + x] = src[x * w + y] }
                    case .rotate90Clockwise:
                        for x in 0..<outW { out[row + x] = src[(h - 1 - x) * w + y] }
                    case .transverse:
                        for x in 0..<outW { out[row + x] = src[(h - 1 - x) * w + (w - 1 - y)] }
                    case .rotate90CounterClockwise:
                        for x in 0..<outW { out[row + x] = src[x * w + (w - 1 - y)] }
                    }
                }
            }
            count = outW * outH
        }
        return Raster(width: outW, height: outH, pixels: pixels, dotsPerInch: raster.dotsPerInch)
    }

    /// The Orientation entry of the first IFD of a TIFF structure (a TIFF file, or the block inside a JPEG's
    /// EXIF segment) starting at `start`. Nil when absent, out of range (not 1-8) or when any offset points
    /// outside the bytes.
    static func fromTIFF(_ b: ByteReader, start: Int) -> EXIFOrientation? {
        let bigEndian: Bool
        if b.matches([0x49, 0x49], at: start) { bigEndian = false }
        else if b.matches([0x4D, 0x4D], at: start) { bigEndian = true }
        else { return nil }
        guard b.uint16(at: start + 2, bigEndian: bigEndian) == 42,
              let ifd = b.uint32(at: start + 4, bigEndian: bigEndian),
              let entries = b.uint16(at: start + ifd, bigEndian: bigEndian) else { return nil }
        for index in 0..<min(entries, 1000) {
            let entry = start + ifd + 2 + index * 12
            guard let tag = b.uint16(at: entry, bigEndian: bigEndian),
                  let type = b.uint16(at: entry + 2, bigEndian: bigEndian) else { return nil }
            guard tag == 0x0112 else { continue }
            // SHORT as the standard says; LONG from a few careless writers. The value sits in the entry.
            let value = type == 4 ? b.uint32(at: entry + 8, bigEndian: bigEndian)
                : type == 3 ? b.uint16(at: entry + 8, bigEndian: bigEndian) : nil
            return value.flatMap(EXIFOrientation.init(rawValue:))
        }
        return nil
    }
}

/// A bounds-checked walk over a JPEG's marker segments, up to the first scan: the frame size (SOFn) and
/// the EXIF orientation (APP1 "Exif"). Stops quietly at anything malformed; the decoder reports damage.
struct JPEGSegments {
    private(set) var frameSize: (width: Int, height: Int)?
    private(set) var orientation: EXIFOrientation?

    init(_ b: ByteReader) {
        guard b.starts(with: [0xFF, 0xD8]) else { return }
        var offset = 2
        for _ in 0..<10_000 {
            guard b.byte(at: offset) == 0xFF, var marker = b.byte(at: offset + 1) else { return }
            // Fill bytes: any number of 0xFF before the marker code.
            while marker == 0xFF {
                offset += 1
                guard let next = b.byte(at: offset + 1) else { return }
                marker = next
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {  // standalone markers
                offset += 2
                continue
            }
            if marker == 0xD9 || marker == 0xDA { return }  // end of image, start of scan
            guard let length = b.uint16BE(at: offset + 2), length >= 2, b.has(length, at: offset + 2) else { return }
            let payload = offset + 4
            switch marker {
            case 0xE1 where orientation == nil && length >= 8 && b.matches(Array("Exif".utf8) + [0, 0], at: payload):
                // The TIFF block must lie inside the segment: parse a copy bounded by its end.
                let end = offset + 2 + length
                let block = ByteReader(Array(b.bytes[(payload + 6)..<end]))
                orientation = EXIFOrientation.fromTIFF(block, start: 0)
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC && frameSize == nil:
                if let height = b.uint16BE(at: payload + 1), let width = b.uint16BE(at: payload + 3) {
                    frameSize = (width, height)
                }
            default:
                break
            }
            offset += 2 + length
        }
    }
}
