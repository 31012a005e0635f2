// Pixel-level tools of the locator: downscaling, the local-mean threshold that turns ink into runs, sampling a
// quadrilateral into an upright rectangle, contrast stretching. Plain loops over bytes; hot loops run on unsafe
// buffer pointers.

extension MRZLocator {
    /// A plane projective map (3x3 matrix, row-major, last entry 1): how the locator maps crop pixels back to the
    /// page, so that a perspective-distorted band comes out rectangular.
    struct Projection: Sendable, Equatable {
        var a, b, c, d, e, f, g, h, i: Double

        static let identity = Projection(a: 1, b: 0, c: 0, d: 0, e: 1, f: 0, g: 0, h: 0, i: 1)

        /// The map taking the four `source` points to the four `target` points, or nil when three of them are
        /// collinear.
        static func mapping(from source: [MRZRegion.Point], to target: [MRZRegion.Point]) -> Projection? {
            precondition(source.count == 4 && target.count == 4)
            var system = [[Double]]()
            for index in 0..<4 {
                let (x, y) = (source[index].x, source[index].y), (u, v) = (target[index].x, target[index].y)
                system.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
                system.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
            }
            for column in 0..<8 {
                var pivot = column
                for row in column..<8 where abs(system[row][column]) > abs(system[pivot][column]) { pivot = row }
                guard abs(system[pivot][column]) > 1e-12 else { return nil }
                system.swapAt(column, pivot)
                let divisor = system[column][column]
                for entry in column..<9 { system[column][entry] /= divisor }
                for row in 0..<8 where row != column {
                    let factor = system[row][column]
                    if factor != 0 { for entry in column..<9 { system[row][entry] -= factor * system[column][entry] } }
                }
            }
            let s = system.map { $0[8] }
            return Projection(a: s[0], b: s[1], c: s[2], d: s[3], e: s[4], f: s[5], g: s[6], h: s[7], i: 1)
        }

        @inline(__always) func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
            let w = g * x + h * y + i
            return ((a * x + b * y + c) / w, (d * x + e * y + f) / w)
        }

        func apply(_ point: MRZRegion.Point) -> MRZRegion.Point {
            let (x, y) = apply(point.x, point.y)
            return MRZRegion.Point(x: x, y: y)
        }

        /// The map the other way, or nil when this one is singular.
        var inverse: Projection? {
            let cofactors = [e * i - f * h, c * h - b * i, b * f - c * e,
                             f * g - d * i, a * i - c * g, c * d - a * f,
                             d * h - e * g, b * g - a * h, a * e - b * d]
            let determinant = a * cofactors[0] + b * cofactors[3] + c * cofactors[6]
            guard abs(determinant) > 1e-18 else { return nil }
            let n = cofactors.map { $0 / cofactors[8] }
            guard cofactors[8] != 0, n.allSatisfy(\.isFinite) else { return nil }
            return Projection(a: n[0], b: n[1], c: n[2], d: n[3], e: n[4], f: n[5], g: n[6], h: n[7], i: 1)
        }
    }

    /// Horizontal runs of ink, row by row: what connected components are built from.
    struct RunImage: Sendable {
        /// One run of dark pixels: row `y`, columns `start..<end`.
        struct Run: Sendable {
            var y: Int32
            var start: Int32
            var end: Int32
        }

        var width: Int
        var height: Int
        var runs: [Run]
        /// Index in `runs` of the first run of each row; `rowStarts[height] == runs.count`.
        var rowStarts: [Int]

        /// The same ink without horizontal or vertical strokes longer than `length` pixels: ruled lines, box
        /// edges and underlines, which no character has. A stroke counts as straight when it stays within three
        /// rows (or columns), so slightly tilted and anti-aliased lines go too.
        func erasingRuns(longerThan length: Int) -> RunImage {
            guard length > 0, width > 0, height > 0 else { return self }
            var mask = [UInt8](repeating: 0, count: width * height)
            for run in runs {
                let row = Int(run.y) * width
                for x in Int(run.start)..<Int(run.end) { mask[row + x] = 1 }
            }
            var erase = [UInt8](repeating: 0, count: width * height)
            let (w, h) = (width, height)
            mask.withUnsafeBufferPointer { mask in
                erase.withUnsafeMutableBufferPointer { erase in
                    // Rows: runs of the union of rows y-1, y and y+1.
                    for y in 0..<h {
                        let above = max(0, y - 1) * w, here = y * w, below = min(h - 1, y + 1) * w
                        var start = -1
                        for x in 0...w {
                            let ink = x < w && (mask[above + x] | mask[here + x] | mask[below + x]) != 0
                            if ink && start < 0 { start = x }
                            if !ink && start >= 0 {
                                if x - start > length { for e in start..<x { erase[here + e] = 1 } }
                                start = -1
                            }
                        }
                    }
                    // Columns: the same with columns x-1, x and x+1.
                    for x in 0..<w {
                        let left = max(0, x - 1), right = min(w - 1, x + 1)
                        var start = -1
                        for y in 0...h {
                            let ink = y < h && (mask[y * w + left] | mask[y * w + x] | mask[y * w + right]) != 0
                            if ink && start < 0 { start = y }
                            if !ink && start >= 0 {
                                if y - start > length { for e in start..<y { erase[e * w + x] = 1 } }
                                start = -1
                            }
                        }
                    }
                }
            }
            for index in mask.indices where erase[index] != 0 { mask[index] = 0 }
            var output = [Run]()
            output.reserveCapacity(runs.count)
            var starts = [Int]()
            starts.reserveCapacity(height + 1)
            for y in 0..<height {
                starts.append(output.count)
                var start = -1
                for x in 0...width {
                    let ink = x < width && mask[y * width + x] != 0
                    if ink && start < 0 { start = x }
                    if !ink && start >= 0 {
                        output.append(Run(y: Int32(y), start: Int32(start), end: Int32(x)))
                        start = -1
                    }
                }
            }
            starts.append(output.count)
            return RunImage(width: width, height: height, runs: output, rowStarts: starts)
        }
    }

    /// The grey-level histogram of a raster.
    struct GreyLevels {
        var histogram = [Int](repeating: 0, count: 256)
        var count = 0

        init(_ raster: Raster) {
            raster.pixels.withUnsafeBufferPointer { pixels in
                histogram.withUnsafeMutableBufferPointer { bins in
                    for value in pixels { bins[Int(value)] += 1 }
                }
            }
            count = raster.pixels.count
        }

        /// The grey level below which `fraction` of the pixels lie.
        func percentile(_ fraction: Double) -> Int {
            let target = Int((Double(count) * fraction).rounded(.down))
            var seen = 0
            for level in 0..<256 {
                seen += histogram[level]
                if seen > target { return level }
            }
            return 255
        }
    }

    /// The raster shrunk by an integer factor, each output pixel the mean of a `factor` x `factor` block. The
    /// right and bottom remainders are dropped, so a working pixel (x, y) covers original
    /// `[factor*x, factor*(x+1))`.
    static func downscaled(_ raster: Raster, by factor: Int) -> Raster {
        guard factor > 1 else { return raster }
        let width = raster.width / factor, height = raster.height / factor
        var output = [UInt8](repeating: 255, count: width * height)
        var sums = [Int](repeating: 0, count: width)
        let area = factor * factor, half = area / 2, sourceWidth = raster.width
        raster.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                if factor == 2 {
                    // The common case (a 300-dpi page), without the inner loops.
                    for y in 0..<height {
                        let top = 2 * y * sourceWidth, bottom = top + sourceWidth, outputRow = y * width
                        for x in 0..<width {
                            let sum = Int(source[top + 2 * x]) + Int(source[top + 2 * x + 1])
                                + Int(source[bottom + 2 * x]) + Int(source[bottom + 2 * x + 1])
                            target[outputRow + x] = UInt8(truncatingIfNeeded: (sum + 2) >> 2)
                        }
                    }
                    return
                }
                sums.withUnsafeMutableBufferPointer { sums in
                    for y in 0..<height {
                        for x in 0..<width { sums[x] = 0 }
                        for dy in 0..<factor {
                            let row = (y * factor + dy) * sourceWidth
                            for x in 0..<width {
                                var sum = 0
                                let base = row + x * factor
                                for dx in 0..<factor { sum += Int(source[base + dx]) }
                                sums[x] += sum
                            }
                        }
                        let outputRow = y * width
                        for x in 0..<width { target[outputRow + x] = UInt8((sums[x] + half) / area) }
                    }
                }
            }
        }
        return Raster(width: width, height: height, pixels: output)
    }

    /// The ink of `raster` as runs: a pixel is ink when it is at least `contrast` grey levels darker than the
    /// mean of the `(2 radius + 1)`-square window around it (clipped at the borders). A local threshold copes
    /// with uneven light, glare, tinted bands over the MRZ and light guilloche backgrounds.
    static func darkRuns(in raster: Raster, radius: Int, contrast: Int) -> RunImage {
        let width = raster.width, height = raster.height, stride = width + 1
        var integral = [Int](repeating: 0, count: stride * (height + 1))
        var runs = [RunImage.Run]()
        runs.reserveCapacity(width * height / 16)
        var rowStarts = [Int]()
        rowStarts.reserveCapacity(height + 1)
        raster.pixels.withUnsafeBufferPointer { pixels in
            integral.withUnsafeMutableBufferPointer { sum in
                for y in 0..<height {
                    var rowSum = 0
                    let above = y * stride, here = (y + 1) * stride, source = y * width
                    for x in 0..<width {
                        rowSum += Int(pixels[source + x])
                        sum[here + x + 1] = sum[above + x + 1] + rowSum
                    }
                }
                for y in 0..<height {
                    rowStarts.append(runs.count)
                    let top = max(0, y - radius) * stride, bottom = min(height, y + radius + 1) * stride
                    let rows = min(height, y + radius + 1) - max(0, y - radius)
                    let source = y * width
                    var runStart = -1
                    for x in 0..<width {
                        let left = max(0, x - radius), right = min(width, x + radius + 1)
                        let area = rows * (right - left)
                        let windowSum = sum[bottom + right] - sum[top + right] - sum[bottom + left] + sum[top + left]
                        let dark = (Int(pixels[source + x]) + contrast) * area < windowSum
                        if dark {
                            if runStart < 0 { runStart = x }
                        } else if runStart >= 0 {
                            runs.append(RunImage.Run(y: Int32(y), start: Int32(runStart), end: Int32(x)))
                            runStart = -1
                        }
                    }
                    if runStart >= 0 {
                        runs.append(RunImage.Run(y: Int32(y), start: Int32(runStart), end: Int32(width)))
                    }
                }
            }
        }
        rowStarts.append(runs.count)
        return RunImage(width: width, height: height, runs: runs, rowStarts: rowStarts)
    }

    /// Samples `source` into a `width` x `height` raster: output pixel centre (x + 0.5, y + 0.5) is mapped by
    /// `map` to source coordinates and read bilinearly; points outside the source read `fill`. With
    /// `samplesPerAxis` above 1 each output pixel averages that many samples squared (for shrinking).
    static func sample(_ source: Raster, through map: Projection, width: Int, height: Int, fill: UInt8,
                       samplesPerAxis: Int) -> Raster {
        var output = [UInt8](repeating: fill, count: width * height)
        let sourceWidth = source.width, sourceHeight = source.height
        let fillValue = Double(fill)
        let k = max(1, samplesPerAxis)
        let step = 1.0 / Double(k), norm = 1.0 / Double(k * k)
        let limitX = Double(sourceWidth), limitY = Double(sourceHeight)
        source.pixels.withUnsafeBufferPointer { pixels in
            output.withUnsafeMutableBufferPointer { target in
                @inline(__always) func value(_ x: Int, _ y: Int) -> Double {
                    (x >= 0 && y >= 0 && x < sourceWidth && y < sourceHeight)
                        ? Double(pixels[y * sourceWidth + x]) : fillValue
                }
                @inline(__always) func bilinear(_ u: Double, _ v: Double) -> Double {
                    let fx = u - 0.5, fy = v - 0.5
                    guard fx > -1, fy > -1, fx < limitX, fy < limitY else { return fillValue }
                    // fx > -1, so truncating fx + 1 floors it.
                    let x0 = Int(fx + 1) - 1, y0 = Int(fy + 1) - 1
                    let tx = fx - Double(x0), ty = fy - Double(y0)
                    let p00: Double, p10: Double, p01: Double, p11: Double
                    if x0 >= 0, y0 >= 0, x0 + 1 < sourceWidth, y0 + 1 < sourceHeight {
                        let index = y0 * sourceWidth + x0
                        p00 = Double(pixels[index]); p10 = Double(pixels[index + 1])
                        p01 = Double(pixels[index + sourceWidth]); p11 = Double(pixels[index + sourceWidth + 1])
                    } else {
                        p00 = value(x0, y0); p10 = value(x0 + 1, y0)
                        p01 = value(x0, y0 + 1); p11 = value(x0 + 1, y0 + 1)
                    }
                    let top = p00 + (p10 - p00) * tx, bottom = p01 + (p11 - p01) * tx
                    return top + (bottom - top) * ty
                }
                if k == 1 {
                    for y in 0..<height {
                        let row = y * width, py = Double(y) + 0.5
                        // Along a row the map's numerators and denominator change linearly.
                        var nx = map.a * 0.5 + map.b * py + map.c
                        var ny = map.d * 0.5 + map.e * py + map.f
                        var w = map.g * 0.5 + map.h * py + map.i
                        for x in 0..<width {
                            let reciprocal = 1 / w
                            let value = bilinear(nx * reciprocal, ny * reciprocal)
                            target[row + x] = UInt8(truncatingIfNeeded: Int(max(0, min(255, value + 0.5))))
                            nx += map.a; ny += map.d; w += map.g
                        }
                    }
                    return
                }
                var sums = [Double](repeating: 0, count: width)
                sums.withUnsafeMutableBufferPointer { sums in
                    for y in 0..<height {
                        let row = y * width
                        for x in 0..<width { sums[x] = 0 }
                        for sy in 0..<k {
                            let py = Double(y) + (Double(sy) + 0.5) * step
                            let start = 0.5 * step
                            var nx = map.a * start + map.b * py + map.c
                            var ny = map.d * start + map.e * py + map.f
                            var w = map.g * start + map.h * py + map.i
                            let dnx = map.a * step, dny = map.d * step, dw = map.g * step
                            for x in 0..<width {
                                var total = 0.0
                                for _ in 0..<k {
                                    let reciprocal = 1 / w
                                    total += bilinear(nx * reciprocal, ny * reciprocal)
                                    nx += dnx; ny += dny; w += dw
                                }
                                sums[x] += total
                            }
                        }
                        for x in 0..<width {
                            target[row + x] = UInt8(truncatingIfNeeded: Int(max(0, min(255, sums[x] * norm + 0.5))))
                        }
                    }
                }
            }
        }
        return Raster(width: width, height: height, pixels: output)
    }

    /// Stretches grey levels so that the darkest ink (the 1st percentile) becomes 0 and the paper (the 90th)
    /// becomes 255. A crop with almost no spread is left alone.
    static func stretchContrast(_ raster: inout Raster) {
        let levels = GreyLevels(raster)
        let low = levels.percentile(0.01), high = levels.percentile(0.90)
        guard high - low >= 8 else { return }
        var table = [UInt8](repeating: 0, count: 256)
        for level in 0..<256 {
            let scaled = (Double(level - low) * 255 / Double(high - low)).rounded()
            table[level] = UInt8(max(0, min(255, scaled)))
        }
        table.withUnsafeBufferPointer { table in
            raster.pixels.withUnsafeMutableBufferPointer { pixels in
                for index in pixels.indices { pixels[index] = table[Int(pixels[index])] }
            }
        }
    }
}
