/// An 8-bit grey image, row-major, one byte a pixel (0 black, 255 white): what every image stage works on.
public struct Raster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    /// Horizontal resolution when the file says it (PNG pHYs, JPEG density), else nil.
    public var dotsPerInch: Double?

    public init(width: Int, height: Int, pixels: [UInt8], dotsPerInch: Double? = nil) {
        precondition(pixels.count == width * height, "raster needs width*height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.dotsPerInch = dotsPerInch
    }

    /// A raster of one grey level.
    public init(width: Int, height: Int, filledWith value: UInt8 = 255) {
        self.init(width: width, height: height, pixels: Array(repeating: value, count: width * height))
    }

    @inline(__always) public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// A copy of a rectangle of the raster; the rectangle is clipped to the raster.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> Raster {
        let left = max(0, min(self.width, x)), top = max(0, min(self.height, y))
        let right = max(left, min(self.width, x + width)), bottom = max(top, min(self.height, y + height))
        var pixels = [UInt8]()
        pixels.reserveCapacity((right - left) * (bottom - top))
        for row in top..<bottom {
            pixels.append(contentsOf: self.pixels[(row * self.width + left)..<(row * self.width + right)])
        }
        return Raster(width: right - left, height: bottom - top, pixels: pixels, dotsPerInch: dotsPerInch)
    }
}

extension Raster {
    /// The raster made smaller to `width` x `height` (never larger) by averaging the source pixels each new pixel
    /// covers, so that thin print stays visible in a thumbnail.
    public func boxAveraged(width: Int, height: Int) -> Raster {
        var averaged = [UInt8](repeating: 255, count: width * height)
        // Source columns and rows each new column and row covers.
        let xs = (0...width).map { Swift.min(self.width, Int((Double($0) * Double(self.width) / Double(width)).rounded())) }
        let ys = (0...height).map { Swift.min(self.height, Int((Double($0) * Double(self.height) / Double(height)).rounded())) }
        var sums = [Int](repeating: 0, count: width)
        for ty in 0..<height {
            for i in 0..<width { sums[i] = 0 }
            let rows = Swift.max(1, ys[ty + 1] - ys[ty])
            for sy in ys[ty]..<Swift.max(ys[ty] + 1, ys[ty + 1]) where sy < self.height {
                let base = sy * self.width
                for tx in 0..<width {
                    var sum = 0
                    for sx in xs[tx]..<Swift.max(xs[tx] + 1, xs[tx + 1]) where sx < self.width { sum += Int(pixels[base + sx]) }
                    sums[tx] += sum
                }
            }
            for tx in 0..<width { averaged[ty * width + tx] = UInt8(clamping: sums[tx] / (rows * Swift.max(1, xs[tx + 1] - xs[tx]))) }
        }
        return Raster(width: width, height: height, pixels: averaged)
    }
}
