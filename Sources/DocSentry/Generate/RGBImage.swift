import CPNG
import Foundation

/// An 8-bit RGB image, row-major, three bytes a pixel: what the renderer draws and the degradations change.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "an RGB image needs width*height*3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one colour.
    public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = red
            pixels[index + 1] = green
            pixels[index + 2] = blue
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// The image as PNG bytes (libpng through the CPNG shim; no pHYs chunk, so the resolution is in the answer key).
    public func pngData() throws(GenerateError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = pixels.withUnsafeBufferPointer { buffer in
            ds_png_encode_rgb(buffer.baseAddress, UInt32(width), UInt32(height), &output, &length)
        }
        guard status == DS_PNG_OK, let output else {
            throw .encodingFailed("libpng could not encode a \(width)x\(height) image (status \(status.rawValue))")
        }
        defer { ds_png_free_buffer(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    /// The image in grey (ITU-R BT.601 luma), as the pipeline's decoder would give it.
    public var grey: Raster {
        var values = [UInt8](repeating: 0, count: width * height)
        for index in 0..<(width * height) {
            let red = Int(pixels[index * 3]), green = Int(pixels[index * 3 + 1]), blue = Int(pixels[index * 3 + 2])
            values[index] = UInt8((299 * red + 587 * green + 114 * blue + 500) / 1000)
        }
        return Raster(width: width, height: height, pixels: values)
    }

    /// The image turned clockwise by `quarterTurns` times 90 degrees, pixel for pixel.
    public func rotatedClockwise(quarterTurns: Int) -> RGBImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        if turns == 0 { return self }
        let newWidth = turns == 2 ? width : height
        let newHeight = turns == 2 ? height : width
        var output = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    for x in 0..<width {
                        let (newX, newY): (Int, Int)
                        switch turns {
                        case 1: (newX, newY) = (height - 1 - y, x)
                        case 2: (newX, newY) = (width - 1 - x, height - 1 - y)
                        default: (newX, newY) = (y, width - 1 - x)
                        }
                        let from = (y * width + x) * 3
                        let to = (newY * newWidth + newX) * 3
                        target[to] = source[from]
                        target[to + 1] = source[from + 1]
                        target[to + 2] = source[from + 2]
                    }
                }
            }
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: output)
    }

    /// The rectangle at `x`, `y` of `width` by `height` (clipped to the image).
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> RGBImage {
        let left = max(0, min(width - 1, x)), top = max(0, min(height - 1, y))
        let newWidth = max(1, min(cropWidth, width - left)), newHeight = max(1, min(cropHeight, height - top))
        var output = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        for row in 0..<newHeight {
            let from = ((top + row) * width + left) * 3
            output.replaceSubrange((row * newWidth * 3)..<((row + 1) * newWidth * 3), with: pixels[from..<(from + newWidth * 3)])
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: output)
    }

    /// Resampled to `newWidth` by `newHeight` by area averaging (each output pixel is the mean of the input area
    /// it covers), as a camera or scanner of lower resolution would see the page.
    public func resized(width newWidth: Int, height newHeight: Int) -> RGBImage {
        let horizontal = RGBImage.areaWeights(from: width, to: newWidth)
        let vertical = RGBImage.areaWeights(from: height, to: newHeight)
        // Horizontal pass into doubles, then vertical.
        var intermediate = [Double](repeating: 0, count: newWidth * height * 3)
        pixels.withUnsafeBufferPointer { source in
            intermediate.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    for x in 0..<newWidth {
                        var red = 0.0, green = 0.0, blue = 0.0
                        for (sourceX, weight) in horizontal[x] {
                            let index = (y * width + sourceX) * 3
                            red += Double(source[index]) * weight
                            green += Double(source[index + 1]) * weight
                            blue += Double(source[index + 2]) * weight
                        }
                        let index = (y * newWidth + x) * 3
                        target[index] = red
                        target[index + 1] = green
                        target[index + 2] = blue
                    }
                }
            }
        }
        var output = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        for y in 0..<newHeight {
            for x in 0..<newWidth {
                var red = 0.0, green = 0.0, blue = 0.0
                for (sourceY, weight) in vertical[y] {
                    let index = (sourceY * newWidth + x) * 3
                    red += intermediate[index] * weight
                    green += intermediate[index + 1] * weight
                    blue += intermediate[index + 2] * weight
                }
                let index = (y * newWidth + x) * 3
                output[index] = RGBImage.clamp(red)
                output[index + 1] = RGBImage.clamp(green)
                output[index + 2] = RGBImage.clamp(blue)
            }
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: output)
    }

    /// For each output index, the input indices it covers and their weights (summing to 1).
    static func areaWeights(from size: Int, to newSize: Int) -> [[(Int, Double)]] {
        let scale = Double(size) / Double(newSize)
        return (0..<newSize).map { index in
            let start = Double(index) * scale
            let end = start + scale
            var weights: [(Int, Double)] = []
            var position = Int(start)
            while Double(position) < end && position < size {
                let overlap = min(end, Double(position + 1)) - max(start, Double(position))
                if overlap > 0 { weights.append((position, overlap / scale)) }
                position += 1
            }
            if weights.isEmpty { weights = [(min(size - 1, Int(start)), 1)] }
            return weights
        }
    }

    /// Gaussian blur of standard deviation `sigma` pixels, approximated by three box blurs in each direction.
    public func blurred(sigma: Double) -> RGBImage {
        guard sigma > 0.2 else { return self }
        // Box widths for three passes (Kovesi's "Fast almost-Gaussian filtering").
        let ideal = (12 * sigma * sigma / 3 + 1).squareRoot()
        var lower = Int(ideal.rounded(.down))
        if lower % 2 == 0 { lower -= 1 }
        let upper = lower + 2
        let count = Int(((12 * sigma * sigma - 3 * Double(lower * lower) - 12 * Double(lower) - 9) / (-4 * Double(lower) - 4)).rounded())
        var values = pixels.map(Int32.init)
        var scratch = values
        for pass in 0..<3 {
            let radius = ((pass < count ? lower : upper) - 1) / 2
            guard radius > 0 else { continue }
            values.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    RGBImage.boxBlurRows(source, target, width: width, height: height, radius: radius)
                }
            }
            scratch.withUnsafeBufferPointer { source in
                values.withUnsafeMutableBufferPointer { target in
                    RGBImage.boxBlurColumns(source, target, width: width, height: height, radius: radius)
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: values.map { UInt8(clamping: $0) })
    }

    /// One running-sum box blur of `radius` along each row, edges extended.
    static func boxBlurRows(_ source: UnsafeBufferPointer<Int32>, _ target: UnsafeMutableBufferPointer<Int32>,
                            width: Int, height: Int, radius: Int) {
        let diameter = Int32(2 * radius + 1)
        for y in 0..<height {
            let base = y * width * 3
            for channel in 0..<3 {
                var sum: Int32 = 0
                for offset in -radius...radius { sum += source[base + min(max(offset, 0), width - 1) * 3 + channel] }
                for x in 0..<width {
                    target[base + x * 3 + channel] = (sum + diameter / 2) / diameter
                    let entering = min(x + radius + 1, width - 1), leaving = max(x - radius, 0)
                    sum += source[base + entering * 3 + channel] - source[base + leaving * 3 + channel]
                }
            }
        }
    }

    /// One running-sum box blur of `radius` down each column, a whole row of sums at a time (cache-friendly).
    static func boxBlurColumns(_ source: UnsafeBufferPointer<Int32>, _ target: UnsafeMutableBufferPointer<Int32>,
                               width: Int, height: Int, radius: Int) {
        let diameter = Int32(2 * radius + 1)
        let rowLength = width * 3
        var sums = [Int32](repeating: 0, count: rowLength)
        sums.withUnsafeMutableBufferPointer { sums in
            for offset in -radius...radius {
                let row = min(max(offset, 0), height - 1) * rowLength
                for index in 0..<rowLength { sums[index] += source[row + index] }
            }
            for y in 0..<height {
                let out = y * rowLength
                for index in 0..<rowLength { target[out + index] = (sums[index] + diameter / 2) / diameter }
                let entering = min(y + radius + 1, height - 1) * rowLength, leaving = max(y - radius, 0) * rowLength
                for index in 0..<rowLength { sums[index] += source[entering + index] - source[leaving + index] }
            }
        }
    }

    /// The image seen through `transform` (page pixels to output pixels), sampled bilinearly; output pixels that
    /// come from outside the page take `background`'s colour at that place.
    public func warped(into background: RGBImage, by transform: Homography) -> RGBImage {
        let inverse = transform.inverted.matrix
        var output = background.pixels
        let width = self.width, height = self.height
        let outputWidth = background.width
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for y in 0..<background.height {
                    for x in 0..<outputWidth {
                        let px = Double(x) + 0.5, py = Double(y) + 0.5
                        let w = inverse[6] * px + inverse[7] * py + inverse[8]
                        let u = (inverse[0] * px + inverse[1] * py + inverse[2]) / w - 0.5
                        let v = (inverse[3] * px + inverse[4] * py + inverse[5]) / w - 0.5
                        guard u > -1, v > -1, u < Double(width), v < Double(height) else { continue }
                        let left = Int(u.rounded(.down)), top = Int(v.rounded(.down))
                        let fractionX = u - Double(left), fractionY = v - Double(top)
                        let index = (y * outputWidth + x) * 3
                        var red = 0.0, green = 0.0, blue = 0.0
                        @inline(__always) func add(_ column: Int, _ row: Int, _ weight: Double) {
                            if column >= 0, row >= 0, column < width, row < height {
                                let from = (row * width + column) * 3
                                red += Double(source[from]) * weight
                                green += Double(source[from + 1]) * weight
                                blue += Double(source[from + 2]) * weight
                            } else {
                                // Outside the page: the background shows through.
                                red += Double(target[index]) * weight
                                green += Double(target[index + 1]) * weight
                                blue += Double(target[index + 2]) * weight
                            }
                        }
                        add(left, top, (1 - fractionX) * (1 - fractionY))
                        add(left + 1, top, fractionX * (1 - fractionY))
                        add(left, top + 1, (1 - fractionX) * fractionY)
                        add(left + 1, top + 1, fractionX * fractionY)
                        target[index] = RGBImage.clamp(red)
                        target[index + 1] = RGBImage.clamp(green)
                        target[index + 2] = RGBImage.clamp(blue)
                    }
                }
            }
        }
        return RGBImage(width: background.width, height: background.height, pixels: output)
    }

    /// Applies `change` to every pixel with its coordinates.
    public mutating func modifyPixels(_ change: (_ x: Int, _ y: Int, _ red: inout Double, _ green: inout Double, _ blue: inout Double) -> Void) {
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                for x in 0..<width {
                    let index = (y * width + x) * 3
                    var red = Double(buffer[index]), green = Double(buffer[index + 1]), blue = Double(buffer[index + 2])
                    change(x, y, &red, &green, &blue)
                    buffer[index] = RGBImage.clamp(red)
                    buffer[index + 1] = RGBImage.clamp(green)
                    buffer[index + 2] = RGBImage.clamp(blue)
                }
            }
        }
    }

    @inline(__always) static func clamp(_ value: Double) -> UInt8 {
        value <= 0 ? 0 : (value >= 255 ? 255 : UInt8(value + 0.5))
    }
}

/// A plane projective transform (3x3 matrix, row-major) from one image's pixel coordinates to another's: what a
/// rotation, a scale, a crop or a phone camera's perspective does to the page.
public struct Homography: Sendable, Equatable {
    public var matrix: [Double]

    public init(_ matrix: [Double]) {
        precondition(matrix.count == 9)
        self.matrix = matrix
    }

    public static let identity = Homography([1, 0, 0, 0, 1, 0, 0, 0, 1])

    public static func translation(_ x: Double, _ y: Double) -> Homography { Homography([1, 0, x, 0, 1, y, 0, 0, 1]) }

    public static func scale(_ x: Double, _ y: Double) -> Homography { Homography([x, 0, 0, 0, y, 0, 0, 0, 1]) }

    /// Rotation by `radians` (clockwise on screen, where y points down) about the origin.
    public static func rotation(_ radians: Double) -> Homography {
        Homography([cos(radians), -sin(radians), 0, sin(radians), cos(radians), 0, 0, 0, 1])
    }

    /// Horizontal shear: x += factor * y.
    public static func shear(_ factor: Double) -> Homography { Homography([1, factor, 0, 0, 1, 0, 0, 0, 1]) }

    /// The transform taking the four `from` points to the four `to` points (direct linear solution).
    public static func mapping(from source: [(Double, Double)], to target: [(Double, Double)]) -> Homography {
        var system = [[Double]]()
        for index in 0..<4 {
            let (x, y) = source[index], (u, v) = target[index]
            system.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
            system.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
        }
        // Gaussian elimination with partial pivoting on the 8x9 augmented matrix.
        for column in 0..<8 {
            let pivot = (column..<8).max { abs(system[$0][column]) < abs(system[$1][column]) }!
            system.swapAt(column, pivot)
            let divisor = system[column][column]
            for entry in column..<9 { system[column][entry] /= divisor }
            for row in 0..<8 where row != column {
                let factor = system[row][column]
                if factor != 0 { for entry in column..<9 { system[row][entry] -= factor * system[column][entry] } }
            }
        }
        return Homography(system.map { $0[8] } + [1])
    }

    /// `self` after `other`: first `other`, then `self`.
    public func after(_ other: Homography) -> Homography {
        var result = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for column in 0..<3 {
                result[row * 3 + column] = (0..<3).reduce(0) { $0 + matrix[row * 3 + $1] * other.matrix[$1 * 3 + column] }
            }
        }
        return Homography(result)
    }

    public var inverted: Homography {
        let m = matrix
        let cofactors = [
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3],
        ]
        let determinant = m[0] * cofactors[0] + m[1] * cofactors[3] + m[2] * cofactors[6]
        return Homography(cofactors.map { $0 / determinant })
    }

    public func apply(_ x: Double, _ y: Double) -> (Double, Double) {
        let w = matrix[6] * x + matrix[7] * y + matrix[8]
        return ((matrix[0] * x + matrix[1] * y + matrix[2]) / w, (matrix[3] * x + matrix[4] * y + matrix[5]) / w)
    }
}
