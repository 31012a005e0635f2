/// What the print of one MRZ character cell measures: where its ink sits, how big and heavy it is, and how
/// well it matches the OCR-B glyph of the character read there.
///
/// Measured in the located MRZ crop (`MRZRegion.crop`, capitals about 36 px high), in crop pixels; `capitalHeight`
/// is the line's own, so every measure can be read relative to it.
public struct PrintedCell: Sendable, Equatable {
    /// 0-based line and column on the MRZ.
    public let line: Int
    public let column: Int
    /// The number of characters on the line.
    public let lineLength: Int
    /// The character the MRZ text has here (after correction).
    public let character: Character
    /// The cell in the crop: its left edge and width (the line's pitch).
    public let left: Double
    public let pitch: Double
    /// The line's capital rows in the crop: top and bottom (the baseline) and their distance.
    public let capitalTop: Double
    public let baseline: Double
    public var capitalHeight: Double { baseline - capitalTop }
    /// The cell's ink, nil when the cell holds none.
    public let ink: Ink?
    /// Normalised correlation of the print with the OCR-B glyph of `character` (-1 to 1), nil when not measured.
    public var conformity: Double?

    /// The ink of one cell.
    public struct Ink: Sendable, Equatable {
        /// Bounding box of the ink, crop pixels (right and bottom exclusive).
        public let left: Double, top: Double, right: Double, bottom: Double
        /// Ink pixels.
        public let area: Int
        /// Mean stroke width in pixels: twice the ink area over its outline (ink pixels with a paper neighbour).
        public let strokeWidth: Double

        public var height: Double { bottom - top }
        public var width: Double { right - left }
        public var centreX: Double { (left + right) / 2 }
        public var centreY: Double { (top + bottom) / 2 }
    }

    /// Whether the character is a filler (`<`), which is printed lower and smaller than capitals and digits.
    public var isFiller: Bool { character == "<" }
}

/// Measures the print of every cell of a located, read MRZ.
public enum PrintMeasurer {
    /// The cells of every line of `region`, for the MRZ `text` read there, on the lines' `grids` (`lineGrids`);
    /// empty when the region's lines and the text do not agree.
    ///
    /// Each line's capital rows and cell grid are the reader's (`MRZReader.capitalRows`, `MRZReader.cellGrid`):
    /// OCR-B is printed at a fixed pitch on a straight baseline (Doc 9303 Part 3 §4.4), so the grid that puts the
    /// most ink in the cells' middles is the printer's.
    public static func measure(_ region: MRZRegion, text: MRZText, grids: [LineGrid]) -> [[PrintedCell]] {
        let crop = region.crop
        guard !grids.isEmpty, grids.count == text.lines.count, grids.count == region.lineBoxes.count else { return [] }
        let lines = text.lines.map { Array($0) }
        let allRows = grids.map(\.rows)
        var result: [[PrintedCell]] = []
        for index in region.lineBoxes.indices {
            let characters = lines[index]
            let rows = allRows[index]
            let grid = grids[index]
            let capitalHeight = Double(rows.count)
            // Ink is looked for up to 0.45 of a capital above and below the line, never past half-way to the next.
            var top = Double(rows.lowerBound) - 0.45 * capitalHeight
            var bottom = Double(rows.upperBound) + 0.45 * capitalHeight
            if index > 0 { top = max(top, Double(allRows[index - 1].upperBound + rows.lowerBound) / 2) }
            if index + 1 < allRows.count { bottom = min(bottom, Double(rows.upperBound + allRows[index + 1].lowerBound) / 2) }
            let window = max(0, Int(top.rounded(.down)))..<min(crop.height, Int(bottom.rounded(.up)))
            var cells: [PrintedCell] = []
            for (column, character) in characters.enumerated() {
                let left = grid.origin + Double(column) * grid.pitch
                // Ink and paper from the cell's own neighbourhood: glare or a shadow darkens or lightens a part of
                // a line, and one threshold for the whole line would thicken or thin its characters there.
                let neighbourhood = Int((left - 1.5 * grid.pitch).rounded())..<Int((left + 2.5 * grid.pitch).rounded())
                let (threshold, paper) = inkThreshold(crop, rows: window, columns: neighbourhood)
                cells.append(PrintedCell(
                    line: index, column: column, lineLength: characters.count, character: character, left: left, pitch: grid.pitch,
                    capitalTop: Double(rows.lowerBound), baseline: Double(rows.upperBound),
                    ink: ink(crop, left: left, pitch: grid.pitch, rows: window, threshold: threshold, paper: paper,
                             capitalHeight: capitalHeight),
                    conformity: nil))
            }
            result.append(cells)
        }
        return result
    }

    /// One line's capital rows and cell grid in the crop.
    public struct LineGrid: Sendable, Equatable {
        public let rows: Range<Int>
        public let origin: Double
        public let pitch: Double

        /// The image box `[x, y, width, height]` of one cell of the line (`MRZRegion.imageBox`).
        public func imageBox(column: Int, in region: MRZRegion) -> [Double] {
            region.imageBox(cropX: origin + Double(column) * pitch, cropY: Double(rows.lowerBound), width: pitch,
                            height: Double(rows.count))
        }
    }

    /// Each line's capital rows and cell grid (`MRZReader.capitalRows`, `MRZReader.cellGrid`); empty when the
    /// region's lines and the text do not agree.
    public static func lineGrids(_ region: MRZRegion, text: MRZText) -> [LineGrid] {
        let crop = region.crop
        guard region.lineBoxes.count == text.lines.count, crop.width > 0, crop.height > 0 else { return [] }
        return zip(region.lineBoxes, text.lines).map { box, line in
            let rows = MRZReader.capitalRows(crop, box: box)
            let grid = MRZReader.cellGrid(crop, rows: rows, origin: Double(box.columns.lowerBound),
                                          pitch: Double(box.columns.count) / Double(line.count), count: line.count)
            return LineGrid(rows: rows, origin: grid.origin, pitch: grid.pitch)
        }
    }

    /// Halfway between the ink and the paper of a part of the crop (the darkest 2% and the 90th percentile of its
    /// grey levels), and the paper's level.
    static func inkThreshold(_ crop: Raster, rows: Range<Int>, columns: Range<Int>) -> (threshold: UInt8, paper: Int) {
        let left = max(0, columns.lowerBound), right = min(crop.width, columns.upperBound)
        let top = max(0, rows.lowerBound), bottom = min(crop.height, rows.upperBound)
        guard right > left, bottom > top else { return (128, 255) }
        // Every other pixel of every other row: percentiles of a few thousand pixels need no more.
        var histogram = [Int](repeating: 0, count: 256)
        var count = 0
        crop.pixels.withUnsafeBufferPointer { pixels in
            for y in stride(from: top, to: bottom, by: 2) {
                for x in stride(from: left + (y & 1), to: right, by: 2) {
                    histogram[Int(pixels[y * crop.width + x])] += 1
                    count += 1
                }
            }
        }
        func percentile(_ fraction: Double) -> Int {
            let target = Int(Double(count) * fraction)
            var seen = 0
            for level in 0..<256 {
                seen += histogram[level]
                if seen > target { return level }
            }
            return 255
        }
        let paper = percentile(0.9)
        return (UInt8(clamping: (percentile(0.02) + paper) / 2), paper)
    }

    /// The ink of one cell: its connected pieces inside the cell, specks under a two-hundredth of a capital's
    /// square left out (paper texture, noise), the rest measured together (an umlaut's dots belong to its letter).
    static func ink(_ crop: Raster, left: Double, pitch: Double, rows: Range<Int>, threshold: UInt8, paper: Int,
                    capitalHeight: Double) -> PrintedCell.Ink? {
        let x0 = max(0, Int((left + 0.02 * pitch).rounded())), x1 = min(crop.width, Int((left + 0.98 * pitch).rounded()))
        guard x1 > x0, !rows.isEmpty else { return nil }
        let width = x1 - x0, height = rows.count
        var isInk = [Bool](repeating: false, count: width * height)
        crop.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<height {
                let row = (rows.lowerBound + y) * crop.width
                for x in 0..<width where pixels[row + x0 + x] < threshold { isInk[y * width + x] = true }
            }
        }
        // Connected pieces (8-neighbour), by flood fill.
        var label = [Int32](repeating: -1, count: width * height)
        var keep = [Bool](repeating: false, count: width * height)
        let minimumArea = max(3, Int(0.005 * capitalHeight * capitalHeight))
        var stack: [Int] = []
        var piece: [Int] = []
        var next: Int32 = 0
        for start in isInk.indices where isInk[start] && label[start] < 0 {
            stack = [start]
            piece = []
            label[start] = next
            while let index = stack.popLast() {
                piece.append(index)
                let x = index % width, y = index / width
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < width, ny >= 0, ny < height else { continue }
                        let neighbour = ny * width + nx
                        if isInk[neighbour] && label[neighbour] < 0 {
                            label[neighbour] = next
                            stack.append(neighbour)
                        }
                    }
                }
            }
            if piece.count >= minimumArea { for index in piece { keep[index] = true } }
            next += 1
        }
        var minX = width, maxX = -1, minY = height, maxY = -1, area = 0, outline = 0
        for y in 0..<height {
            for x in 0..<width where keep[y * width + x] {
                area += 1
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                let edge = x == 0 || x == width - 1 || y == 0 || y == height - 1
                    || !keep[y * width + x - 1] || !keep[y * width + x + 1] || !keep[(y - 1) * width + x] || !keep[(y + 1) * width + x]
                if edge { outline += 1 }
            }
        }
        guard area > 0 else { return nil }
        // The top and bottom to a fraction of a pixel: the outermost ink row counts by how dark it is against the
        // row inside it (a pasted character sits a pixel or two off: whole rows are too coarse to see it).
        func darkness(_ y: Int) -> Double {
            var sum = 0
            crop.pixels.withUnsafeBufferPointer { pixels in
                let row = (rows.lowerBound + y) * crop.width
                for x in minX...maxX { sum += max(0, paper - Int(pixels[row + x0 + x])) }
            }
            return Double(sum)
        }
        func fraction(_ edge: Int, inner: Int) -> Double {
            let inside = darkness(inner)
            return inside > 0 ? min(1, darkness(edge) / inside) : 1
        }
        let top = Double(minY + 1) - (maxY > minY ? fraction(minY, inner: minY + 1) : 1)
        let bottom = Double(maxY) + (maxY > minY ? fraction(maxY, inner: maxY - 1) : 1)
        return PrintedCell.Ink(
            left: Double(x0 + minX), top: Double(rows.lowerBound) + top, right: Double(x0 + maxX + 1),
            bottom: Double(rows.lowerBound) + bottom, area: area, strokeWidth: 2 * Double(area) / Double(max(1, outline)))
    }
}
