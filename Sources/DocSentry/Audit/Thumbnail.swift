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
        let grey = page.boxAveraged(width: width, height: height).pixels
        var pixels = [UInt8](repeating: 255, count: width * height * 3)
        for (index, value) in grey.enumerated() {
            pixels[3 * index] = value
            pixels[3 * index + 1] = value
            pixels[3 * index + 2] = value
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

    /// The thumbnail as PNG bytes.
    public func png() throws(EncodeError) -> [UInt8] {
        try ImageEncoder.png(rgb: pixels, width: width, height: height)
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
