import Foundation

/// A small RGB picture of a scanned page with the located MRZ drawn on it, for the HTML audit report.
public struct Thumbnail: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 3 bytes a pixel, row-major.
    public private(set) var pixels: [UInt8]

    /// The page scaled to `width` pixels wide, or `maxHeight` high for a tall (turned) page, never enlarged,
    /// by averaging the source pixels each thumbnail pixel covers, so that thin print stays visible.
    public init(page: Raster, width targetWidth: Int = 320, maxHeight: Int = 400) {
        let scale = min(1, Double(targetWidth) / Double(max(1, page.width)), Double(maxHeight) / Double(max(1, page.height)))
        let width = max(1, Int((Double(page.width) * scale).rounded()))
        let height = max(1, Int((Double(page.height) * scale).rounded()))
        var pixels = [UInt8](repeating: 255, count: width * height * 3)
        // Source columns and rows each thumbnail column and row covers.
        let xs = (0...width).map { min(page.width, Int((Double($0) * Double(page.width) / Double(width)).rounded())) }
        let ys = (0...height).map { min(page.height, Int((Double($0) * Double(page.height) / Double(height)).rounded())) }
        var sums = [Int](repeating: 0, count: width)
        for ty in 0..<height {
            for i in 0..<width { sums[i] = 0 }
            let rows = max(1, ys[ty + 1] - ys[ty])
            for sy in ys[ty]..<max(ys[ty] + 1, ys[ty + 1]) where sy < page.height {
                let base = sy * page.width
                for tx in 0..<width {
                    var sum = 0
                    for sx in xs[tx]..<max(xs[tx] + 1, xs[tx + 1]) where sx < page.width { sum += Int(page.pixels[base + sx]) }
                    sums[tx] += sum
                }
            }
            for tx in 0..<width {
                let count = rows * max(1, xs[tx + 1] - xs[tx])
                let grey = UInt8(clamping: sums[tx] / count)
                let p = (ty * width + tx) * 3
                pixels[p] = grey
                pixels[p + 1] = grey
                pixels[p + 2] = grey
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
        self.scale = scale
    }

    /// Thumbnail pixels per page pixel.
    public let scale: Double

    /// Draws the closed polygon through `corners` (page coordinates), `thickness` thumbnail pixels wide.
    public mutating func drawPolygon(_ corners: [(x: Double, y: Double)], red: UInt8 = 230, green: UInt8 = 20, blue: UInt8 = 60,
                                     thickness: Int = 2) {
        guard corners.count >= 2 else { return }
        for i in corners.indices {
            let a = corners[i], b = corners[(i + 1) % corners.count]
            drawLine(from: (a.x * scale, a.y * scale), to: (b.x * scale, b.y * scale), color: (red, green, blue), thickness: thickness)
        }
    }

    private mutating func drawLine(from a: (Double, Double), to b: (Double, Double), color: (UInt8, UInt8, UInt8), thickness: Int) {
        let steps = max(1, Int(max(abs(b.0 - a.0), abs(b.1 - a.1)).rounded(.up)))
        let low = -(thickness - 1) / 2, high = thickness / 2
        for step in 0...steps {
            let t = Double(step) / Double(steps)
            let cx = Int((a.0 + (b.0 - a.0) * t).rounded()), cy = Int((a.1 + (b.1 - a.1) * t).rounded())
            for dy in low...high {
                for dx in low...high {
                    let x = cx + dx, y = cy + dy
                    guard x >= 0, y >= 0, x < width, y < height else { continue }
                    let p = (y * width + x) * 3
                    pixels[p] = color.0
                    pixels[p + 1] = color.1
                    pixels[p + 2] = color.2
                }
            }
        }
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
                        for channel in 0..<3 {
                            var sum = 0
                            for offset in -radius...radius {
                                let c = min(inner - 1, max(0, b + offset))
                                let (x, y) = horizontal ? (c, a) : (a, c)
                                sum += Int(pixels[(y * width + x) * 3 + channel])
                            }
                            let (x, y) = horizontal ? (b, a) : (a, b)
                            out[(y * width + x) * 3 + channel] = UInt8(sum / (2 * radius + 1))
                        }
                    }
                }
                pixels = out
            }
        }
    }

    /// The thumbnail as PNG bytes.
    public func png() throws(EncodeError) -> [UInt8] {
        try ImageEncoder.png(rgb: pixels, width: width, height: height)
    }

    /// The longest side, in pixels, of the picture of a redacted report's scan.
    public static let redactedLongSide = 48

    /// The picture of a scan for a redacted report (`--redact`): the whole page in at most 48 pixels along its
    /// longest side, blurred over about 3 of them, with the located MRZ framed: it shows how the page lies,
    /// its light and where the MRZ was found, and nothing that can be read.
    ///
    /// Why the whole page, so small: on a real scan nothing says where the portrait or the visual zone's text
    /// are, so blanking them is not possible; at this size an MRZ character is under 1.5 pixels high even when
    /// the scan is nothing but the MRZ (44 characters across 48 pixels), a portrait a blur of a few pixels.
    public static func redactedPNG(ofScanAt path: String, mrzBox: [[Double]]?, decoder: ImageDecoder = ImageDecoder()) -> [UInt8]? {
        guard let decoded = try? decoder.decode(fileAt: path) else { return nil }
        var thumbnail = Thumbnail(page: decoded.raster, width: redactedLongSide, maxHeight: redactedLongSide)
        thumbnail.blur(radius: 1, passes: 3)
        if let box = mrzBox {
            thumbnail.drawPolygon(box.compactMap { $0.count == 2 ? (x: $0[0], y: $0[1]) : nil }, thickness: 1)
        }
        return try? thumbnail.png()
    }

    /// The thumbnail of the scan at `path` with `mrzBox` (the report's `image.mrz_box`, page pixels) drawn on
    /// it, as PNG; nil when the file can no longer be decoded (moved, replaced, not an image).
    public static func png(ofScanAt path: String, mrzBox: [[Double]]?, width: Int = 320, decoder: ImageDecoder = ImageDecoder()) -> [UInt8]? {
        guard let decoded = try? decoder.decode(fileAt: path) else { return nil }
        var thumbnail = Thumbnail(page: decoded.raster, width: width)
        if let box = mrzBox {
            thumbnail.drawPolygon(box.compactMap { $0.count == 2 ? (x: $0[0], y: $0[1]) : nil })
        }
        return try? thumbnail.png()
    }
}
