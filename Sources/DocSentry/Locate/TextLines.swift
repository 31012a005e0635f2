import Foundation

// From components to text lines: the direction text runs in (nearest-neighbour votes), chains of neighbouring
// glyphs along it, and each line measured against a fixed-pitch grid (the MRZ's 2.54 mm pitch).

extension MRZLocator {
    /// The directions in which text runs, strongest first, in degrees in [0, 180) (clockwise on screen).
    ///
    /// Each character-sized component votes for the direction to its nearest similar-sized neighbour, which in
    /// text is the next character on the same line (MRZ characters are 2.54 mm apart, lines at least 4 mm). A
    /// second direction is returned when it gathers at least a third of the first's votes.
    static func lineDirections(of components: [Component], keep: [Bool]) -> [Double] {
        let indices = components.indices.filter { keep[$0] }
        guard indices.count >= 6 else { return [] }
        let sizes = indices.map { Double(max(components[$0].width, components[$0].height)) }
        let cell = max(4.0, 2 * median(sizes))
        let centres = indices.map { (x: components[$0].centreX, y: components[$0].centreY) }
        let grid = SpatialGrid(points: centres, cell: cell)
        var votes = [Double]()
        votes.reserveCapacity(indices.count)
        for a in indices.indices {
            let size = sizes[a], reach = 2.5 * size
            var best = reach * reach, bestIndex = -1
            grid.visit(x: centres[a].x, y: centres[a].y, radius: reach) { b in
                guard b != a else { return }
                let ratio = max(size, sizes[b]) / max(1, min(size, sizes[b]))
                guard ratio <= 2 else { return }
                let dx = centres[b].x - centres[a].x, dy = centres[b].y - centres[a].y
                let distance = dx * dx + dy * dy
                if distance < best { best = distance; bestIndex = b }
            }
            guard bestIndex >= 0 else { continue }
            var angle = atan2(centres[bestIndex].y - centres[a].y, centres[bestIndex].x - centres[a].x) * 180 / .pi
            if angle < 0 { angle += 180 }
            if angle >= 180 { angle -= 180 }
            votes.append(angle)
        }
        guard votes.count >= 4 else { return [] }
        var histogram = [Double](repeating: 0, count: 180)
        for angle in votes { histogram[min(179, Int(angle))] += 1 }
        var smoothed = [Double](repeating: 0, count: 180)
        for bin in 0..<180 {
            for offset in -2...2 { smoothed[bin] += histogram[(bin + offset + 180) % 180] * (offset == 0 ? 2 : 1) }
        }
        func circularDistance(_ a: Double, _ b: Double) -> Double {
            let d = abs(a - b).truncatingRemainder(dividingBy: 180)
            return min(d, 180 - d)
        }
        /// The mean of the votes near `centre`, averaged on the doubled-angle circle.
        func refined(_ centre: Double) -> Double {
            var sx = 0.0, sy = 0.0
            for angle in votes where circularDistance(angle, centre) <= 4 {
                sx += cos(angle * .pi / 90)
                sy += sin(angle * .pi / 90)
            }
            var mean = atan2(sy, sx) * 90 / .pi
            if mean < 0 { mean += 180 }
            return mean >= 180 ? mean - 180 : mean
        }
        let first = smoothed.indices.max { smoothed[$0] < smoothed[$1] }!
        var directions = [refined(Double(first) + 0.5)]
        let others = smoothed.indices.filter { circularDistance(Double($0), Double(first)) >= 25 }
        if let second = others.max(by: { smoothed[$0] < smoothed[$1] }), smoothed[second] >= smoothed[first] / 3 {
            directions.append(refined(Double(second) + 0.5))
        }
        return directions
    }

    /// Chains glyphs into text lines: each glyph is linked to the best glyph to its right that is about as tall,
    /// centred on the same line and at most about a character's height away; each glyph keeps one predecessor.
    /// Returns chains of at least three glyphs, as indices into `glyphs`, left to right.
    static func chainLines(_ glyphs: [Glyph]) -> [[Int]] {
        guard glyphs.count >= 3 else { return [] }
        let cell = max(4.0, 1.5 * median(glyphs.map(\.height)))
        let grid = SpatialGrid(points: glyphs.map { (x: $0.u, y: $0.v) }, cell: cell)
        var successor = [Int](repeating: -1, count: glyphs.count)
        var successorCost = [Double](repeating: .infinity, count: glyphs.count)
        for a in glyphs.indices {
            let glyph = glyphs[a]
            let reachU = glyph.width / 2 + 4 * glyph.height, reachV = 0.8 * glyph.height
            grid.visit(xRange: glyph.u...(glyph.u + reachU), yRange: (glyph.v - reachV)...(glyph.v + reachV)) { b in
                guard b != a else { return }
                let other = glyphs[b]
                guard other.u > glyph.u else { return }
                let tallest = max(glyph.height, other.height), shortest = min(glyph.height, other.height)
                guard shortest >= 0.4 * tallest else { return }
                let gap = other.uMin - glyph.uMax
                guard gap <= 1.2 * tallest, gap >= -0.35 * shortest else { return }
                let offset = abs(other.v - glyph.v)
                guard offset <= 0.3 * tallest else { return }
                let cost = max(gap, 0) / tallest + 2 * offset / tallest + 0.5 * (1 - shortest / tallest)
                if cost < successorCost[a] { successorCost[a] = cost; successor[a] = b }
            }
        }
        // Each glyph keeps the cheapest of the links that reach it.
        var predecessor = [Int](repeating: -1, count: glyphs.count)
        for a in glyphs.indices where successor[a] >= 0 {
            let b = successor[a]
            if predecessor[b] < 0 || successorCost[a] < successorCost[predecessor[b]] { predecessor[b] = a }
        }
        for a in glyphs.indices where successor[a] >= 0 && predecessor[successor[a]] != a { successor[a] = -1 }
        var chains = [[Int]]()
        for head in glyphs.indices where predecessor[head] < 0 && successor[head] >= 0 {
            var chain = [head]
            var next = successor[head]
            while next >= 0 && chain.count <= glyphs.count {
                chain.append(next)
                next = successor[next]
            }
            if chain.count >= 3 { chains.append(chain) }
        }
        return chains
    }

    /// A text line measured in its frame: where it runs, how tall its capitals are, and how well its glyphs sit
    /// on a fixed-pitch grid of character cells (cell `k`'s centre is at `u = origin + pitch k + curvature k^2`; the
    /// curvature absorbs perspective foreshortening).
    struct TextLine: Sendable {
        var glyphs: [Glyph]
        /// The centre line: `v = vReference + slope (u - uReference)`.
        var uReference: Double
        var vReference: Double
        var slope: Double
        /// Height of the capitals (the 80th percentile of glyph heights).
        var height: Double
        /// How far the capitals reach above and below the centre line.
        var above: Double
        var below: Double
        var pitch: Double
        var gridOrigin: Double
        var gridCurvature: Double
        var firstCell: Int
        var lastCell: Int
        /// Share of the cells from first to last that hold ink (1 for an MRZ: it has no spaces).
        var occupancy: Double
        /// Median distance of single glyphs from their cell centres, in pitches (about 0.05 for fixed-pitch
        /// print, 0.25 for proportional text).
        var gridResidual: Double

        var cellCount: Int { lastCell - firstCell + 1 }

        func v(at u: Double) -> Double { vReference + slope * (u - uReference) }

        func cellCentre(_ k: Double) -> Double { gridOrigin + pitch * k + gridCurvature * k * k }

        /// The cell index (fractional) at `u`.
        func cell(at u: Double) -> Double {
            var k = (u - gridOrigin) / pitch
            for _ in 0..<3 {
                let derivative = pitch + 2 * gridCurvature * k
                guard abs(derivative) > 1e-9 else { break }
                k -= (cellCentre(k) - u) / derivative
            }
            return k
        }

        /// The left edge of the first cell and the right edge of the last.
        var uStart: Double { cellCentre(Double(firstCell) - 0.5) }
        var uEnd: Double { cellCentre(Double(lastCell) + 0.5) }
        var length: Double { uEnd - uStart }

        /// The centre line's direction, in degrees relative to the frame.
        var angleDegrees: Double { atan(slope) * 180 / .pi }
    }

    /// Measures a chain of glyphs; nil when it is too short or too irregular to be a line of characters.
    /// Empty cells under an `occlusion` (a stroke drawn across the line) neither split the line nor count
    /// against its occupancy.
    static func measureLine(_ chain: [Glyph], occlusion: Occlusion? = nil) -> TextLine? {
        var glyphs = chain.sorted { $0.u < $1.u }
        guard glyphs.count >= 3 else { return nil }
        let height = percentile(glyphs.map(\.height), 0.8)
        guard height >= 1.5 else { return nil }

        // Centre line: least squares, then again without glyphs far off it.
        func fit(_ set: [Glyph]) -> (u: Double, v: Double, slope: Double) {
            let n = Double(set.count)
            let mu = set.reduce(0) { $0 + $1.u } / n, mv = set.reduce(0) { $0 + $1.v } / n
            var sxy = 0.0, sxx = 0.0
            for glyph in set {
                sxy += (glyph.u - mu) * (glyph.v - mv)
                sxx += (glyph.u - mu) * (glyph.u - mu)
            }
            return (mu, mv, sxx > 0 ? sxy / sxx : 0)
        }
        var line = fit(glyphs)
        let close = glyphs.filter { abs($0.v - (line.v + line.slope * ($0.u - line.u))) <= 0.25 * height }
        if close.count >= 3 { line = fit(close) }
        func centre(_ u: Double) -> Double { line.v + line.slope * (u - line.u) }
        let capitals = glyphs.filter { $0.height >= 0.75 * height }
        let above = capitals.isEmpty ? height / 2 : median(capitals.map { centre($0.u) - $0.vMin })
        let below = capitals.isEmpty ? height / 2 : median(capitals.map { $0.vMax - centre($0.u) })

        // Pitch from neighbouring single glyphs, then a grid walked glyph by glyph and fitted.
        let singles = glyphs.filter { $0.width <= 1.25 * height }
        var gaps = [Double]()
        for index in singles.indices.dropFirst() {
            let gap = singles[index].u - singles[index - 1].u
            if gap >= 0.55 * height && gap <= 1.8 * height { gaps.append(gap) }
        }
        let roughPitch = gaps.count >= 2 ? median(gaps) : 1.06 * height
        var grid = (origin: singles.first?.u ?? glyphs[0].u, pitch: roughPitch, curvature: 0.0)
        var residual = 0.5
        if singles.count >= 4 {
            var cells = [Int](repeating: 0, count: singles.count)
            for index in singles.indices.dropFirst() {
                let step = Int(((singles[index].u - singles[index - 1].u) / roughPitch).rounded())
                cells[index] = cells[index - 1] + max(0, step)
            }
            for round in 0..<2 {
                if round > 0 {
                    let provisional = TextLine(glyphs: [], uReference: 0, vReference: 0, slope: 0, height: height,
                                               above: 0, below: 0, pitch: grid.pitch, gridOrigin: grid.origin,
                                               gridCurvature: grid.curvature, firstCell: 0, lastCell: 0,
                                               occupancy: 0, gridResidual: 0)
                    cells = singles.map { Int(provisional.cell(at: $0.u).rounded()) }
                }
                guard let fitted = fitGrid(cells: cells, positions: singles.map(\.u)) else { return nil }
                grid = fitted
            }
            guard grid.pitch >= 0.3 * height else { return nil }
            let deviations = singles.indices.map { index -> Double in
                let k = Double(cells[index])
                return abs(singles[index].u - (grid.origin + grid.pitch * k + grid.curvature * k * k)) / grid.pitch
            }
            residual = median(deviations)
        }
        var measured = TextLine(glyphs: glyphs, uReference: line.u, vReference: line.v, slope: line.slope,
                                height: height, above: above, below: below, pitch: grid.pitch,
                                gridOrigin: grid.origin, gridCurvature: grid.curvature, firstCell: 0, lastCell: 0,
                                occupancy: 0, gridResidual: residual)

        // Off-grid marks at the ends (a box edge, a bracket beside the MRZ) are not characters of the line.
        if residual < 0.2 {
            func offGrid(_ glyph: Glyph) -> Bool {
                guard glyph.width <= 1.25 * height else { return false }
                let k = measured.cell(at: glyph.u).rounded()
                return abs(glyph.u - measured.cellCentre(k)) > 0.3 * grid.pitch
            }
            for _ in 0..<2 where glyphs.count > 3 && offGrid(glyphs[0]) { glyphs.removeFirst() }
            for _ in 0..<2 where glyphs.count > 3 && offGrid(glyphs[glyphs.count - 1]) { glyphs.removeLast() }
            measured.glyphs = glyphs
        }

        // Cells: a glyph fills the cells whose centres it covers (a quarter pitch of tolerance).
        let tolerance = 0.25 * grid.pitch
        var spans = [(low: Int, high: Int)]()
        for glyph in glyphs {
            var low = Int(measured.cell(at: glyph.uMin - tolerance).rounded(.up))
            var high = Int(measured.cell(at: glyph.uMax + tolerance).rounded(.down))
            if high < low {
                low = Int(measured.cell(at: glyph.u).rounded())
                high = low
            }
            spans.append((low, high))
        }
        guard let lowest = spans.map(\.low).min(), let highest = spans.map(\.high).max(),
              highest - lowest < 4000 else { return nil }
        var filled = [Bool](repeating: false, count: highest - lowest + 1)
        for span in spans { for k in span.low...span.high { filled[k - lowest] = true } }
        var occluded = [Bool](repeating: false, count: filled.count)
        if let occlusion {
            for k in filled.indices where !filled[k] { occluded[k] = occlusion.covers(cell: lowest + k, of: measured) }
        }
        // The longest stretch without a hole of four or more cells: what lies beyond is other text.
        var best = (start: 0, end: 0, count: 0, hidden: 0)
        var start = 0, count = 0, hidden = 0, empty = 0, emptyHidden = 0, lastFilled = 0
        for k in filled.indices {
            if filled[k] {
                if empty >= 4 { start = k; count = 0; hidden = 0 } else { hidden += emptyHidden }
                count += 1
                empty = 0
                emptyHidden = 0
                lastFilled = k
                if count > best.count { best = (start, lastFilled, count, hidden) }
            } else if occluded[k] {
                emptyHidden += 1
            } else {
                empty += 1
            }
        }
        measured.firstCell = lowest + best.start
        measured.lastCell = lowest + best.end
        let visible = best.end - best.start + 1 - best.hidden
        measured.occupancy = Double(best.count) / Double(max(visible, 1))
        let kept = glyphs.indices.filter { spans[$0].high >= measured.firstCell && spans[$0].low <= measured.lastCell }
        guard kept.count >= 3 else { return nil }
        if kept.count < glyphs.count { measured.glyphs = kept.map { glyphs[$0] } }
        return measured
    }

    /// Least-squares fit of `positions[i] = origin + pitch cells[i] (+ curvature cells[i]^2)`; the quadratic
    /// term only when the line is long enough to carry it.
    static func fitGrid(cells: [Int], positions: [Double]) -> (origin: Double, pitch: Double, curvature: Double)? {
        guard let first = cells.min(), let last = cells.max(), last > first else { return nil }
        let ks = cells.map(Double.init)
        if cells.count >= 8 && last - first >= 12 {
            // Normal equations for [1, k, k^2].
            var m = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 3)
            for (k, u) in zip(ks, positions) {
                let basis = [1, k, k * k]
                for row in 0..<3 {
                    for column in 0..<3 { m[row][column] += basis[row] * basis[column] }
                    m[row][3] += basis[row] * u
                }
            }
            if let solution = solve3(m) { return (solution[0], solution[1], solution[2]) }
        }
        let n = Double(ks.count)
        let mk = ks.reduce(0, +) / n, mu = positions.reduce(0, +) / n
        var skk = 0.0, sku = 0.0
        for (k, u) in zip(ks, positions) {
            skk += (k - mk) * (k - mk)
            sku += (k - mk) * (u - mu)
        }
        guard skk > 0 else { return nil }
        let pitch = sku / skk
        return (mu - pitch * mk, pitch, 0)
    }

    /// Joins pieces of one line that a gap split: at most three missing characters (a faded character), or
    /// any number under an `occlusion` (a stroke drawn across the MRZ that swallowed the characters it touched).
    /// The pieces must have the same height and pitch and lie on the same centre line. Each round joins every
    /// piece to its nearest fitting right-hand neighbour (when that neighbour's nearest left-hand piece is the
    /// same), so the work stays near-linear on pages full of noise.
    static func mergeBrokenLines(_ input: [TextLine], occlusion: Occlusion? = nil) -> [TextLine] {
        var lines = input
        for _ in 0..<4 {
            lines.sort { $0.uStart < $1.uStart }
            let starts = lines.map(\.uStart)
            var right = [Int](repeating: -1, count: lines.count), rightGap = [Double](repeating: .infinity, count: lines.count)
            for i in lines.indices {
                let left = lines[i]
                let reach = (occlusion == nil ? 3.2 : 16) * left.pitch * 1.25
                // First line starting after the left one's end minus half a pitch (binary search).
                var low = 0, high = starts.count
                let from = left.uEnd - 0.5 * left.pitch
                while low < high {
                    let middle = (low + high) / 2
                    if starts[middle] < from { low = middle + 1 } else { high = middle }
                }
                var j = low
                while j < lines.count && starts[j] <= left.uEnd + reach {
                    defer { j += 1 }
                    guard j != i, starts[j] > left.uStart else { continue }
                    let candidate = lines[j]
                    let pitch = max(left.pitch, candidate.pitch)
                    let gap = candidate.uStart - left.uEnd
                    guard gap >= -0.5 * pitch, gap < rightGap[i], similarHeights(left.height, candidate.height),
                          min(left.pitch, candidate.pitch) >= 0.8 * pitch, abs(left.slope - candidate.slope) <= 0.06,
                          abs(left.v(at: candidate.uStart) - candidate.v(at: candidate.uStart))
                              <= 0.3 * max(left.height, candidate.height) else { continue }
                    if gap > 3.2 * pitch {
                        // A longer gap only under something drawn over the line.
                        guard gap <= 16 * pitch, let occlusion else { continue }
                        let first = Int(left.cell(at: left.uEnd + 0.5 * left.pitch).rounded())
                        let last = Int(left.cell(at: candidate.uStart - 0.5 * left.pitch).rounded())
                        guard first <= last, (first...last).allSatisfy({ occlusion.covers(cell: $0, of: left) }) else { continue }
                    }
                    right[i] = j
                    rightGap[i] = gap
                }
            }
            // Keep a join only when it is also the right-hand piece's nearest left-hand one.
            var left = [Int](repeating: -1, count: lines.count)
            for i in lines.indices where right[i] >= 0 {
                let j = right[i]
                if left[j] < 0 || rightGap[i] < rightGap[left[j]] { left[j] = i }
            }
            var merged = [TextLine]()
            var used = [Bool](repeating: false, count: lines.count)
            var joined = false
            for i in lines.indices where !used[i] && (left[i] < 0 || right[left[i]] != i) {
                // The head of a run of joins: follow it to the right.
                var glyphs = lines[i].glyphs
                var pieces = [i]
                var k = i
                while right[k] >= 0, left[right[k]] == k, !used[right[k]] {
                    k = right[k]
                    glyphs += lines[k].glyphs
                    pieces.append(k)
                }
                // (A join that the measurement cuts again at a hole is no join.)
                if pieces.count > 1, let line = measureLine(glyphs, occlusion: occlusion), line.glyphs.count >= glyphs.count - 4 {
                    merged.append(line)
                    for piece in pieces { used[piece] = true }
                    joined = true
                } else {
                    merged.append(lines[i])
                    used[i] = true
                }
            }
            for i in lines.indices where !used[i] { merged.append(lines[i]) }
            lines = merged
            if !joined { break }
        }
        return lines
    }

    /// Whether two lines' capitals are about as tall: within a quarter, or two pixels for characters so small
    /// that heights come in whole pixels.
    static func similarHeights(_ a: Double, _ b: Double) -> Bool {
        min(a, b) >= 0.75 * max(a, b) || abs(a - b) <= 2
    }

    /// Gaussian elimination on a 3x4 augmented matrix.
    static func solve3(_ input: [[Double]]) -> [Double]? {
        var m = input
        for column in 0..<3 {
            var pivot = column
            for row in column..<3 where abs(m[row][column]) > abs(m[pivot][column]) { pivot = row }
            guard abs(m[pivot][column]) > 1e-12 else { return nil }
            m.swapAt(column, pivot)
            for row in 0..<3 where row != column {
                let factor = m[row][column] / m[column][column]
                for entry in column..<4 { m[row][entry] -= factor * m[column][entry] }
            }
        }
        return (0..<3).map { m[$0][3] / m[$0][$0] }
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    /// The value at `fraction` of the sorted values (nearest rank); 0 for none.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * fraction).rounded())))]
    }

    /// Ink that is not text: components far larger than characters (a stroke drawn over the MRZ with the
    /// characters it touches, a photo, a frame). Cells of a line that such ink covers are "occluded": unknown
    /// rather than empty.
    struct Occlusion {
        let width: Int
        let height: Int
        /// One byte a working pixel: 1 where an occluding component has ink.
        let mask: [UInt8]
        /// The text frame's rotation (u along the lines).
        let cosine: Double
        let sine: Double

        /// The mask of `occluders` (component indices, marked 1; all other ink marked 2), or nil when there
        /// are no occluders.
        init?(map: ComponentMap, occluders: [Bool], degrees: Double) {
            guard occluders.contains(true) else { return nil }
            width = map.runs.width
            height = map.runs.height
            var mask = [UInt8](repeating: 0, count: width * height)
            for (index, run) in map.runs.runs.enumerated() {
                let row = Int(run.y) * width, value: UInt8 = occluders[Int(map.componentOfRun[index])] ? 1 : 2
                for x in Int(run.start)..<Int(run.end) { mask[row + x] = value }
            }
            self.mask = mask
            cosine = cos(degrees * .pi / 180)
            sine = sin(degrees * .pi / 180)
        }

        /// Whether occluding ink lies in cell `k` of `line` (its box: one pitch wide, the capitals' height).
        func covers(cell k: Int, of line: TextLine) -> Bool { inkIn(cell: k, of: line, occludersOnly: true) }

        /// Whether any ink (occluding or not) lies in cell `k` of `line`.
        func hasInk(cell k: Int, of line: TextLine) -> Bool { inkIn(cell: k, of: line, occludersOnly: false) }

        private func inkIn(cell k: Int, of line: TextLine, occludersOnly: Bool) -> Bool {
            let u = line.cellCentre(Double(k)), v = line.v(at: u)
            let halfU = line.pitch / 2, top = v - line.above, bottom = v + line.below
            var xs = [Double](), ys = [Double]()
            for (cu, cv) in [(u - halfU, top), (u + halfU, top), (u + halfU, bottom), (u - halfU, bottom)] {
                xs.append(cu * cosine - cv * sine)
                ys.append(cu * sine + cv * cosine)
            }
            let x0 = max(0, Int(xs.min()!)), x1 = min(width - 1, Int(xs.max()!))
            let y0 = max(0, Int(ys.min()!)), y1 = min(height - 1, Int(ys.max()!))
            guard x0 <= x1, y0 <= y1 else { return false }
            for y in y0...y1 {
                for x in x0...x1 where mask[y * width + x] == 1 || (!occludersOnly && mask[y * width + x] != 0) {
                    // Inside the rotated cell box, not just its bounding box.
                    let px = Double(x) + 0.5, py = Double(y) + 0.5
                    let pu = px * cosine + py * sine, pv = -px * sine + py * cosine
                    if abs(pu - u) <= halfU && pv >= top && pv <= bottom { return true }
                }
            }
            return false
        }
    }

    /// Points bucketed in square cells, for neighbour searches.
    struct SpatialGrid {
        let cell: Double
        let originX: Double
        let originY: Double
        let columns: Int
        let rows: Int
        /// `items[starts[c]..<starts[c + 1]]` are the points in cell `c`.
        let starts: [Int]
        let items: [Int]

        init(points: [(x: Double, y: Double)], cell: Double) {
            self.cell = cell
            originX = points.map(\.x).min() ?? 0
            originY = points.map(\.y).min() ?? 0
            let maxX = points.map(\.x).max() ?? 0, maxY = points.map(\.y).max() ?? 0
            columns = min(4096, Int((maxX - originX) / cell) + 1)
            rows = min(4096, Int((maxY - originY) / cell) + 1)
            var counts = [Int](repeating: 0, count: columns * rows + 1)
            var cellOf = [Int](repeating: 0, count: points.count)
            for (index, point) in points.enumerated() {
                let column = min(columns - 1, Int((point.x - originX) / cell))
                let row = min(rows - 1, Int((point.y - originY) / cell))
                cellOf[index] = row * columns + column
                counts[cellOf[index] + 1] += 1
            }
            for index in 0..<(columns * rows) { counts[index + 1] += counts[index] }
            var fill = counts
            var items = [Int](repeating: 0, count: points.count)
            for (index, c) in cellOf.enumerated() {
                items[fill[c]] = index
                fill[c] += 1
            }
            starts = counts
            self.items = items
        }

        /// Calls `body` with every point in the cells that meet the square of half-side `radius` around (x, y).
        func visit(x: Double, y: Double, radius: Double, _ body: (Int) -> Void) {
            visit(xRange: (x - radius)...(x + radius), yRange: (y - radius)...(y + radius), body)
        }

        /// Calls `body` with every point in the cells that meet the rectangle.
        func visit(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, _ body: (Int) -> Void) {
            let c0 = max(0, Int(((xRange.lowerBound - originX) / cell).rounded(.down)))
            let c1 = min(columns - 1, Int(((xRange.upperBound - originX) / cell).rounded(.down)))
            let r0 = max(0, Int(((yRange.lowerBound - originY) / cell).rounded(.down)))
            let r1 = min(rows - 1, Int(((yRange.upperBound - originY) / cell).rounded(.down)))
            guard c0 <= c1, r0 <= r1 else { return }
            for row in r0...r1 {
                for column in c0...c1 {
                    let c = row * columns + column
                    for index in starts[c]..<starts[c + 1] { body(items[index]) }
                }
            }
        }
    }
}
