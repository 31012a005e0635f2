/// Forensics of the MRZ's print: every character of an MRZ is printed in one typeface at one size on one baseline
/// (OCR-B size 1, Doc 9303 Part 3 §4.2 and Part 4 §4.2.2), so a glyph whose ink starts lower (a lowercase
/// letter), reaches higher (an accent, a larger pasted character) or sits off the baseline of its neighbours was
/// not printed with the rest.
///
/// Measured on the deskewed crop the locator made, each cell against the median of its neighbours on the same
/// line (a residual skew moves neighbours together); fillers are compared with fillers. The engine's whitelist
/// maps a lowercase `a` or a hyphen to some MRZ character, so this is how they are seen at all.
public enum PrintGeometry {
    public static let ruleID = "forensics.print-geometry"

    /// How far, in capital heights, a glyph's top or bottom may stray from its neighbours'.
    public static let tolerance = 0.22

    /// Characters under this many pixels high are too coarse to measure a fifth of their height.
    public static let minimumCharacterHeight = 18.0

    /// The ink extent of one character cell, in crop rows.
    struct Cell {
        let column: Int
        let character: Character
        let top: Int
        let bottom: Int
    }

    /// Findings for glyphs out of line with their neighbours; none when the print is too small to measure.
    public static func inspect(_ region: MRZRegion, text: MRZText) -> [Finding] {
        guard region.characterHeight >= minimumCharacterHeight, region.lineBoxes.count == text.lines.count else { return [] }
        let crop = region.crop
        var findings: [Finding] = []
        for (index, box) in region.lineBoxes.enumerated() {
            let line = Array(text.lines[index])
            let pitch = Double(box.columns.count) / Double(line.count)
            let height = box.rows.count
            // Search a little above and below the capitals, but not into the neighbouring lines.
            let above = index > 0 ? (region.lineBoxes[index - 1].rows.upperBound + box.rows.lowerBound) / 2 : box.rows.lowerBound - height / 2
            let below = index + 1 < region.lineBoxes.count
                ? (box.rows.upperBound + region.lineBoxes[index + 1].rows.lowerBound) / 2 : box.rows.upperBound + height / 2
            let rows = max(0, above)..<min(crop.height, below)
            var cells: [Cell] = []
            for (column, character) in line.enumerated() {
                let left = Int(Double(box.columns.lowerBound) + (Double(column) + 0.12) * pitch)
                let right = Int(Double(box.columns.lowerBound) + (Double(column) + 0.88) * pitch)
                let columns = max(0, left)..<min(crop.width, right)
                guard columns.count > 1 else { continue }
                // Each cell's own threshold: uneven light shifts the grey levels across a line.
                let threshold = inkThreshold(crop, columns: columns, rows: rows)
                guard let extent = inkRows(crop, columns: columns, rows: rows, around: box.rows, threshold: threshold,
                                           minimum: 2) else { continue }
                cells.append(Cell(column: column, character: character, top: extent.lowerBound, bottom: extent.upperBound))
            }
            findings += outliers(cells, capitalHeight: Double(height), line: index + 1)
        }
        return findings
    }

    /// Cells whose top or bottom differs from the median of up to six neighbours of the same kind (glyphs with
    /// glyphs, fillers with fillers) by more than `tolerance` capital heights.
    static func outliers(_ cells: [Cell], capitalHeight: Double, line: Int) -> [Finding] {
        var findings: [Finding] = []
        for kind in [false, true] {
            let group = cells.filter { ($0.character == "<") == kind }
            guard group.count >= 5 else { continue }
            for (position, cell) in group.enumerated() {
                let neighbours = group[max(0, position - 3)..<min(group.count, position + 4)].filter { $0.column != cell.column }
                guard neighbours.count >= 4 else { continue }
                let top = median(neighbours.map { Double($0.top) }), bottom = median(neighbours.map { Double($0.bottom) })
                let topOffset = (Double(cell.top) - top) / capitalHeight
                let bottomOffset = (Double(cell.bottom) - bottom) / capitalHeight
                var what: String?
                if topOffset > tolerance, bottomOffset > -tolerance / 2, !kind {
                    what = "starts \(percent(topOffset)) of a capital's height lower than its neighbours (a lowercase letter or a smaller glyph)"
                } else if topOffset < -tolerance {
                    what = "reaches \(percent(-topOffset)) of a capital's height higher than its neighbours (an accent or a larger glyph)"
                } else if bottomOffset > tolerance {
                    what = "goes \(percent(bottomOffset)) of a capital's height below its neighbours' baseline (a descender or a shifted glyph)"
                } else if kind, (Double(cell.bottom - cell.top)) < 0.5 * (bottom - top) {
                    what = "is a filler only \(percent(Double(cell.bottom - cell.top) / max(1, bottom - top))) as tall as the other fillers (a hyphen or a comma?)"
                }
                guard let what else { continue }
                findings.append(Finding(
                    rule: ruleID, severity: .warn,
                    message: "the character at line \(line), column \(cell.column + 1) \(what): not printed with the rest of the MRZ; look at it on the document",
                    fields: [], position: MRZPosition(line: line, column: cell.column + 1),
                    evidence: [Evidence("top_offset_capital_heights", String(format: "%.2f", topOffset)),
                               Evidence("bottom_offset_capital_heights", String(format: "%.2f", bottomOffset))]))
            }
        }
        return findings.sorted { ($0.position?.line ?? 0, $0.position?.column ?? 0) < ($1.position?.line ?? 0, $1.position?.column ?? 0) }
    }

    /// The glyph's rows: the run of rows with at least `minimum` dark pixels in `columns` that overlaps the
    /// line's capitals (`around`), extended only through adjacent inked rows, so that specks of noise above or
    /// below, separated by clean rows, are not counted.
    static func inkRows(_ image: Raster, columns: Range<Int>, rows: Range<Int>, around: Range<Int>, threshold: UInt8, minimum: Int) -> Range<Int>? {
        guard !columns.isEmpty, !rows.isEmpty else { return nil }
        var inked = [Bool](repeating: false, count: rows.count)
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in rows {
                var dark = 0
                let start = y * image.width
                for x in columns where pixels[start + x] < threshold { dark += 1 }
                inked[y - rows.lowerBound] = dark >= minimum
            }
        }
        // The longest run of inked rows that overlaps the capitals' rows.
        var best: Range<Int>?
        var start: Int?
        for offset in 0...inked.count {
            // A single clean row inside a glyph (a thin joint, a break in the print) does not end it.
            let isInked = offset < inked.count && (inked[offset]
                || (offset > 0 && offset + 1 < inked.count && inked[offset - 1] && inked[offset + 1]))
            if isInked, start == nil { start = offset }
            if !isInked, let first = start {
                let run = (rows.lowerBound + first)..<(rows.lowerBound + offset)
                if run.overlaps(around), run.count > (best?.count ?? 0) { best = run }
                start = nil
            }
        }
        return best
    }

    /// Otsu's threshold over the grey levels of a window of the crop.
    static func inkThreshold(_ image: Raster, columns: Range<Int>, rows: Range<Int>) -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in rows {
                let start = y * image.width
                for x in columns { histogram[Int(pixels[start + x])] += 1 }
            }
        }
        let total = Double(columns.count * rows.count)
        let sum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var backgroundSum = 0.0, backgroundCount = 0.0, best = 0.0, threshold = 128
        for level in 0..<256 {
            backgroundCount += Double(histogram[level])
            guard backgroundCount > 0, backgroundCount < total else { continue }
            backgroundSum += Double(level * histogram[level])
            let meanBackground = backgroundSum / backgroundCount
            let meanForeground = (sum - backgroundSum) / (total - backgroundCount)
            let between = backgroundCount * (total - backgroundCount) * (meanBackground - meanForeground) * (meanBackground - meanForeground)
            if between > best { best = between; threshold = level }
        }
        return UInt8(threshold)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
}
