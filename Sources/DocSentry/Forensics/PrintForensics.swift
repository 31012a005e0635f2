import Foundation

/// The forensic stage of the MRZ's print: characters pasted in and characters outside the MRZ alphabet.
///
/// ICAO prints the MRZ in OCR-B size 1 at a fixed pitch of 2.54 mm on straight baselines (Doc 9303 Part 3 §4.4),
/// in the characters `A-Z`, `0-9` and `<` only (Part 3 §4.3). A forger who changes a character after printing
/// and recomputes the check digits leaves a text that passes every check, but the print of that one character
/// rarely sits, sizes and weighs as its neighbours do. Each measure is judged against the line's own robust
/// statistics (median and median absolute deviation), so a blurred or low-resolution scan, whose every cell
/// varies more, raises the bar for itself.
public enum PrintForensics {
    public static let baselineRule = "forensics.print.baseline"
    public static let sizeRule = "forensics.print.size"
    public static let typefaceRule = "forensics.print.typeface"
    public static let alphabetRule = "forensics.alphabet.non-mrz-character"
    public static let ruleIDs = [baselineRule, sizeRule, typefaceRule, alphabetRule]

    /// The findings on the print of `text` as read in `region`, on its lines' `grids` (`PrintMeasurer.lineGrids`).
    public static func findings(_ region: MRZRegion, text: MRZText, grids: [PrintMeasurer.LineGrid]) -> [Finding] {
        var cells = PrintMeasurer.measure(region, text: text, grids: grids)
        guard !cells.isEmpty else { return [] }
        let shapes = PrintMeasurer.measureConformity(&cells, crop: region.crop)
        var deviations = cells.map(CellDeviation.of)
        for line in deviations.indices where line < shapes.count {
            for index in deviations[line].indices { deviations[line][index].lineBlur = shapes[line].blur }
        }
        for line in deviations.indices {
            let combined = deviations[line].map { $0.cell.isFiller ? nil : $0.combined(clip: combinedClip) }
            for index in deviations[line].indices {
                deviations[line][index].nextOnLine = combined.indices.filter { $0 != index }.compactMap { combined[$0] }.max()
            }
        }
        if let glyphs = GlyphShapes.standard {
            for line in deviations.indices where line < shapes.count {
                for index in deviations[line].indices where deviations[line][index].isSuspect {
                    deviations[line][index].foreign = foreignMatch(deviations[line][index].cell, crop: region.crop, glyphs: glyphs,
                                                                   shape: shapes[line])
                }
            }
        }
        var findings: [Finding] = []
        for line in deviations {
            for deviation in line {
                guard var finding = alphabetFinding(deviation) ?? geometryFinding(deviation, scanCapitalHeight: region.characterHeight)
                else { continue }
                if region.characterHeight < coarsePrintHeight, finding.severity == .warn {
                    finding = Finding(
                        rule: finding.rule, severity: .info,
                        message: finding.message + String(format: " (only noted: the print is %.0f px high, too coarse for this to be evidence)", region.characterHeight),
                        fieldNames: finding.fields, position: finding.position, evidence: finding.evidence)
                }
                finding.pageBox = grids[deviation.cell.line].imageBox(column: deviation.cell.column, in: region)
                findings.append(finding)
            }
        }
        return findings
    }

    /// Draws the glyphs the print is compared with (the MRZ's, those outside its alphabet, their geometry) now
    /// rather than at the first scan: with fontconfig's start, about 12 ms that a loading thread can take
    /// (`ScanReaderLoader`) while the first scan is decoded and read.
    static func prepareGlyphs() {
        _ = GlyphShapes.standard
        _ = GlyphShapes.outsideAlphabet
        _ = GlyphGeometry.standard
    }

    /// Capital height in the scan, in pixels, under which a doubt about the print is only noted (`info`): a pixel
    /// is an eighth of a capital or more, and genuine cells of 6-px scans measure as far out as pasted ones do
    /// (on the design sets 2 of 10 such genuine documents were flagged, by size and by a lowercase likeness). A
    /// blank cell and a decisive non-MRZ glyph (`fail`) still count.
    static let coarsePrintHeight = 8.0

    // MARK: - Characters outside the MRZ alphabet

    /// Punctuation a forger leaves in a name (a hyphen or comma where Doc 9303 Part 3 §4.6 writes `<`).
    static let punctuation: Set<Character> = ["-", ",", ".", "'"]
    /// How much better than any MRZ glyph a non-MRZ glyph must match the print: to be reported, and to reject.
    /// Measured on generated scans of every degradation: printed lowercase letters and punctuation matched by
    /// 0.12-0.59 (umlauts 0.04-0.17); genuine cells by at most 0.13, on glare and 6-px print.
    static let foreignMargin = 0.06
    static let decisiveForeignMargin = 0.2
    /// A lowercase letter that is its capital made smaller (o, s, u, v, w, x, z, c) counts only when it is also
    /// printed smaller than its neighbours by this many spreads.
    static let smallerCapitalHeight = -4.0
    /// A lowercase l where an L is read differs from it only by its foot: on noisy scans genuine L's matched an
    /// OCR-B l by up to 0.15 (3 of 391 genuine documents of two sets). It counts only from the decisive margin.
    static let footOnly: [Character: Character] = ["L": "l"]

    /// A blank cell, or a cell whose print is a character outside the MRZ alphabet (Doc 9303 Part 3 §4.3).
    static func alphabetFinding(_ deviation: CellDeviation) -> Finding? {
        let cell = deviation.cell
        let position = MRZPosition(line: cell.line + 1, column: cell.column + 1)
        if cell.ink == nil {
            // At a line's ends a tight crop may have cut the character off: there it is only a doubt.
            let atAnEnd = cell.column == 0 || cell.column == cell.lineLength - 1
            return Finding(
                rule: alphabetRule, severity: atAnEnd ? .warn : .fail,
                message: "nothing is printed where the MRZ has '\(cell.character)': every MRZ position holds a character or the filler '<' (ICAO Doc 9303 Part 3 §4.3); a blank here was left by a space or an erasure",
                position: position, evidence: [Evidence("read", String(cell.character)), Evidence("printed", "blank")])
        }
        guard let (glyph, margin) = deviation.foreign, margin >= foreignMargin else { return nil }
        let isPunctuation = punctuation.contains(glyph)
        if cell.isFiller && !isPunctuation { return nil }
        let smallerCapital = glyph.isLowercase && Character(glyph.uppercased()) == cell.character && "cosuvwxz".contains(glyph)
        if smallerCapital && (deviation.height ?? 0) > smallerCapitalHeight { return nil }
        if footOnly[cell.character] == glyph && margin < decisiveForeignMargin { return nil }
        let decisive = margin >= decisiveForeignMargin || (isPunctuation && margin >= 2 * foreignMargin)
        return Finding(
            rule: alphabetRule, severity: decisive ? .fail : .warn,
            message: "the print here looks like '\(glyph)', which the MRZ does not allow (only A-Z, 0-9 and <, ICAO Doc 9303 Part 3 §4.3); it was read as '\(cell.character)'",
            position: position,
            evidence: [Evidence("read", String(cell.character)), Evidence("printed", String(glyph)),
                       Evidence("shape_margin", String(format: "%.2f", margin))])
    }

    // MARK: - Pasted characters

    /// Spreads (the line's own robust deviation) from which a character is reported as off the baseline (top and
    /// bottom both moved the same way), of another size, or of another stroke weight than its glyph's. Chosen on
    /// generated scans of every degradation (two sets, 178 genuine documents): the fewest genuine documents
    /// flagged (5) for the most pasted characters caught (31 of 42: 2-4 px off the baseline at 300 dpi, 12-25%
    /// larger or smaller, another typeface).
    static let baselineSpreads = 4.0
    static let sizeSpreads = 5.0
    /// Stroke weight: on sharp lines genuine cells stay within 3.5 spreads either way (9,000 cells of 259 genuine
    /// documents), except an M, whose close strokes run together and weigh more than its glyph's (up to 7); a
    /// character pasted from another typeface is lighter by up to 6. M and W are therefore never reported heavier.
    static let strokeSpreads = 4.5
    static let mergingStrokes: Set<Character> = ["M", "W"]
    /// The blurs (`GlyphShapes.blurLevels` index) up to which a line's strokes are compared: through a stronger blur
    /// an M's or a W's strokes run together and weigh more than their glyph's (a blurred genuine M reached 8.5).
    static let sharpPrintBlur = 1

    /// A character unlike its neighbours in several measures at once, none of them far enough out for its own
    /// test, is reported from this many spreads of `CellDeviation.combined`: a character pasted from another
    /// typeface sits a little lower, is a little shorter, lighter, wider and less like its OCR-B glyph. Each
    /// measure counts up to `combinedClip` spreads, so that one measure alone (which has its own test) cannot
    /// make it. Chosen on generated scans (259 genuine documents of every degradation, 42 characters pasted in
    /// DejaVu Sans, Serif or Mono): 2 genuine documents reached it, 23 of the 42 pasted characters did.
    static let combinedSpreads = 6.4
    static let combinedClip = 4.0
    /// A character that stands alone on its line is reported from fewer spreads: from `loneCombinedSpreads`, when
    /// no other character of the line comes within `loneFactor` of it. A genuine line that is unlike itself (a
    /// warp, a shadow) moves several characters together; one pasted character moves alone. Chosen on generated
    /// scans (docs/forensics.md, "Third round"): 12 more of 141 characters pasted in another typeface, 2 of 326
    /// genuine documents (one of them sent to review for another reason already).
    static let loneCombinedSpreads = 5.5
    static let loneFactor = 1.6
    /// Capital height in the scan, in pixels, below which the measures are not combined: at 6 px a capital one
    /// pixel is a sixth of it, and every cell is off in several measures; at 10-12 px (the generator's milder low
    /// resolution) still a tenth, and 2 of 20 such genuine documents of one set reached the threshold, against 1 of
    /// 7 pasted characters on the design sets. Nor on blurred lines (over `sharpPrintBlur`), where a genuine
    /// character's top, height and weight drift together (3 of 30 strongly blurred genuine documents of seed 9624
    /// reached 6.4).
    static let combinedMinimumCapitalHeight = 13.0

    /// A character off its line's baseline, of another size or of another stroke weight than its neighbours, or
    /// unlike them in several measures at once. `scanCapitalHeight`: the MRZ's capital height in the scan.
    static func geometryFinding(_ deviation: CellDeviation, scanCapitalHeight: Double) -> Finding? {
        let cell = deviation.cell
        guard !cell.isFiller, let ink = cell.ink, let bottom = deviation.bottom, let top = deviation.top,
              let height = deviation.height else { return nil }
        let capital = cell.capitalHeight
        let position = MRZPosition(line: cell.line + 1, column: cell.column + 1)
        let shift = bottom * top > 0 ? min(abs(bottom), abs(top)) : 0
        if shift >= baselineSpreads {
            let direction = bottom > 0 ? "below" : "above"
            return Finding(
                rule: baselineRule, severity: .warn,
                message: "'\(cell.character)' sits \(String(format: "%.0f", shift)) times the line's spread \(direction) its neighbours' baseline: OCR-B is printed on one straight baseline (ICAO Doc 9303 Part 3 §4.4); a character pasted in after printing sits off it",
                position: position,
                evidence: [Evidence("offset_spreads", String(format: "%.1f", bottom > 0 ? shift : -shift)),
                           Evidence("ink_bottom_capitals", String(format: "%.3f", (ink.bottom - cell.baseline) / capital))])
        }
        if abs(height) < sizeSpreads, deviation.lineBlur <= sharpPrintBlur, let stroke = deviation.stroke, abs(stroke) >= strokeSpreads,
           stroke < 0 || !mergingStrokes.contains(cell.character) {
            return Finding(
                rule: typefaceRule, severity: .warn,
                message: "'\(cell.character)' is printed with strokes \(stroke > 0 ? "heavier" : "lighter") than its OCR-B glyph's and its neighbours' by \(String(format: "%.0f", abs(stroke))) times the line's spread: the MRZ is printed in one typeface (OCR-B, ICAO Doc 9303 Part 3 §4.4); a character pasted in from another typeface or printer stands out",
                position: position,
                evidence: [Evidence("stroke_spreads", String(format: "%.1f", stroke)),
                           Evidence("stroke_capitals", String(format: "%.3f", ink.strokeWidth / capital))])
        }
        if abs(height) >= sizeSpreads {
            return Finding(
                rule: sizeRule, severity: .warn,
                message: "'\(cell.character)' is printed \(height > 0 ? "taller" : "shorter") than its neighbours by \(String(format: "%.0f", abs(height))) times the line's spread: every MRZ character has the same size (OCR-B size 1, ICAO Doc 9303 Part 3 §4.4); a character pasted in after printing rarely does",
                position: position,
                evidence: [Evidence("height_spreads", String(format: "%.1f", height)),
                           Evidence("height_capitals", String(format: "%.3f", ink.height / capital))])
        }
        if scanCapitalHeight >= combinedMinimumCapitalHeight, deviation.lineBlur <= sharpPrintBlur,
           let combined = deviation.combined(clip: combinedClip) {
            let alone = deviation.nextOnLine.map { combined >= loneCombinedSpreads && combined >= loneFactor * $0 } ?? false
            guard combined >= combinedSpreads || alone else { return nil }
            let measures = deviation.measures.map { "\($0.name) \(String(format: "%+.1f", $0.spreads))" }.joined(separator: ", ")
            let otherwise = combined >= combinedSpreads ? ""
                : String(format: ", and no other character of its line comes near (the next differs by %.1f)", deviation.nextOnLine ?? 0)
            return Finding(
                rule: typefaceRule, severity: .warn,
                message: "'\(cell.character)' is printed unlike its neighbours in several ways at once (\(measures) times the line's spread)\(otherwise): the MRZ is printed in one typeface, size and weight (OCR-B, ICAO Doc 9303 Part 3 §4.4); a character pasted in from another typeface differs a little in each",
                position: position,
                evidence: [Evidence("combined_spreads", String(format: "%.1f", combined))]
                    + (deviation.nextOnLine.map { [Evidence("next_on_line_spreads", String(format: "%.1f", $0))] } ?? [])
                    + deviation.measures.map { Evidence("\($0.name)_spreads", String(format: "%.1f", $0.spreads)) })
        }
        return nil
    }
}

/// How far one cell's print lies from its line's, in units of the line's own spread (robust z-scores).
struct CellDeviation {
    let cell: PrintedCell
    /// Ink bottom and top against the neighbours' (positive: lower on the page), in spreads.
    var bottom: Double?
    var top: Double?
    /// Ink height against the neighbours' (positive: taller), in spreads.
    var height: Double?
    /// Glyph conformity against the line's (negative: less like its OCR-B glyph), in spreads.
    var conformity: Double?
    /// Stroke width against the line's (positive: heavier), in spreads.
    var stroke: Double?
    /// Ink width against its glyph's and the neighbours' (positive: wider), in spreads.
    var width: Double?
    /// The non-MRZ glyph the print matches better than any MRZ glyph, and by how much; set by the caller.
    var foreign: (glyph: Character, margin: Double)?
    /// How blurred the line's print is (`GlyphShapes.blurLevels` index); set by the caller.
    var lineBlur = 0
    /// The largest `combined` of the line's other characters (fillers aside); set by the caller.
    var nextOnLine: Double?

    /// The measures by name, in spreads (conformity only when the print is less like its glyph than the
    /// neighbours'), for the combined test and its evidence.
    var measures: [(name: String, spreads: Double)] {
        [("top", top), ("bottom", bottom), ("height", height), ("stroke", stroke), ("width", width),
         ("shape", conformity.map { min(0, $0) })].compactMap { name, value in value.map { (name, $0) } }
    }

    /// The measures taken together: the root of the sum of their squares, each counted up to `clip` spreads; nil
    /// when the cell was not measured against its line.
    func combined(clip: Double) -> Double? {
        guard height != nil else { return nil }
        return measures.reduce(0) { $0 + pow(min(abs($1.spreads), clip), 2) }.squareRoot()
    }

    /// Whether any measure is far enough out to compare the print with the glyphs outside the MRZ alphabet.
    var isSuspect: Bool {
        if cell.ink == nil { return false }
        let measures = [bottom, top, height, stroke].compactMap { $0 }.map(abs) + [-(conformity ?? 0)]
        return measures.contains { $0 >= 2.5 }
    }

    /// Smallest spreads, as fractions of the capital height (position, size) or absolute (conformity), so that a
    /// line printed perfectly does not turn a pixel's rounding into many spreads.
    static let positionFloor = 0.01
    static let heightFloor = 0.015
    static let conformityFloor = 0.03
    static let strokeFloor = 0.06

    /// Every cell of one line, measured against the line: capitals and digits against their neighbours, fillers
    /// against the line's fillers (a filler is printed lower and smaller than a capital).
    static func of(_ line: [PrintedCell]) -> [CellDeviation] {
        var result = line.map { CellDeviation(cell: $0) }
        for group in [line.indices.filter { !line[$0].isFiller }, line.indices.filter { line[$0].isFiller }] {
            let inked = group.filter { line[$0].ink != nil }
            guard inked.count >= 5 else { continue }
            let capital = line[inked[0]].capitalHeight
            guard capital > 0 else { continue }
            // Each cell as if its glyph were a capital I: its own glyph's overshoot, indent and weight taken out.
            let reference = GlyphGeometry.standard?.references
            func glyph(_ cell: PrintedCell) -> GlyphGeometry.Reference {
                reference?[cell.character] ?? GlyphGeometry.Reference(top: 0, bottom: 0, strokeWidth: 0)
            }
            // Position and size against the nearest six inked neighbours (a warped or tilted line drifts).
            func local(_ value: (PrintedCell) -> Double) -> [Int: Double] {
                var residuals: [Int: Double] = [:]
                for (rank, index) in inked.enumerated() {
                    let neighbours = (max(0, rank - 3)..<min(inked.count, rank + 4)).filter { $0 != rank }.map { inked[$0] }
                    residuals[index] = (value(line[index]) - median(neighbours.map { value(line[$0]) })) / capital
                }
                return residuals
            }
            let bottoms = local { $0.ink!.bottom - glyph($0).bottom * capital }
            let tops = local { $0.ink!.top - glyph($0).top * capital }
            let heights = local { ($0.ink!.bottom - glyph($0).bottom * capital) - ($0.ink!.top - glyph($0).top * capital) }
            // Conformity against the neighbours too (glare lowers it over a stretch of the line).
            var conformities: [Int: Double] = [:]
            for (rank, index) in inked.enumerated() {
                guard let value = line[index].conformity else { continue }
                let neighbours = (max(0, rank - 3)..<min(inked.count, rank + 4)).filter { $0 != rank }.compactMap { line[inked[$0]].conformity }
                if !neighbours.isEmpty { conformities[index] = value - median(neighbours) }
            }
            let widths = local { $0.ink!.width - glyph($0).width * capital }
            let strokeCentre = median(inked.map { line[$0].ink!.strokeWidth })
            let strokes = local { cell in
                let expected = glyph(cell).strokeWidth
                return (expected > 0 ? cell.ink!.strokeWidth / (expected * capital) : cell.ink!.strokeWidth / max(0.1, strokeCentre)) * capital
            }
            let spreads = (
                bottom: max(positionFloor, spread(Array(bottoms.values))), top: max(positionFloor, spread(Array(tops.values))),
                height: max(heightFloor, spread(Array(heights.values))),
                conformity: max(conformityFloor, spread(Array(conformities.values))),
                stroke: max(strokeFloor, spread(Array(strokes.values))),
                width: max(positionFloor, spread(Array(widths.values))))
            for index in inked {
                result[index].bottom = bottoms[index]! / spreads.bottom
                result[index].top = tops[index]! / spreads.top
                result[index].height = heights[index]! / spreads.height
                result[index].conformity = conformities[index].map { $0 / spreads.conformity }
                result[index].stroke = strokes[index]! / spreads.stroke
                result[index].width = widths[index]! / spreads.width
            }
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The median absolute deviation from the median, scaled to a normal distribution's standard deviation.
    static func spread(_ values: [Double]) -> Double {
        let centre = median(values)
        return 1.4826 * median(values.map { abs($0 - centre) })
    }
}

extension PrintForensics {
    /// The glyph outside the MRZ alphabet that the cell's print matches best, and by how much more than the best
    /// MRZ glyph (negative: an MRZ glyph matches better); nil when the print cannot be compared.
    static func foreignMatch(_ cell: PrintedCell, crop: Raster, glyphs: GlyphShapes, shape: GlyphShapes.LineShape)
        -> (glyph: Character, margin: Double)? {
        let rows = Int(cell.capitalTop)..<Int(cell.baseline)
        guard let outside = GlyphShapes.outsideAlphabet,
              let mrz = glyphs.scores(crop, left: cell.left, pitch: cell.pitch, rows: rows, shape: shape,
                                      candidates: MRZCharacter.alphabet).max(by: { $0.value < $1.value }),
              let foreign = outside.scores(crop, left: cell.left, pitch: cell.pitch, rows: rows, shape: shape,
                                           candidates: GlyphShapes.outsideTheAlphabet).max(by: { $0.value < $1.value })
        else { return nil }
        return (foreign.key, Double(foreign.value - mrz.value))
    }

    /// How much better the print of one cell matches the OCR-B glyph of `chosen` than that of `read` (correlation
    /// difference, -2 to 2); nil when the print cannot be compared (no glyphs, no ink, too small).
    public static func printMargin(_ region: MRZRegion, text: MRZText, grids: [PrintMeasurer.LineGrid], line: Int, column: Int,
                                   read: Character, chosen: Character) -> Double? {
        guard let shapes = GlyphShapes.standard, region.characterHeight >= MRZReader.shapeMinimumHeight,
              line < grids.count else { return nil }
        let crop = region.crop
        let characters = Array(text.lines[line])
        let grid = grids[line], rows = grid.rows
        let sample = characters.indices.filter { $0 != column && characters[$0] != "<" && !"0ODQ".contains(characters[$0]) }
        let chosenSample = stride(from: 0, to: sample.count, by: max(1, sample.count / 10)).map { sample[$0] }
        let shape = shapes.lineShape(crop, lefts: chosenSample.map { grid.origin + Double($0) * grid.pitch }, pitch: grid.pitch,
                                     rows: rows, characters: chosenSample.map { characters[$0] })
        let scores = shapes.scores(crop, left: grid.origin + Double(column) * grid.pitch, pitch: grid.pitch, rows: rows,
                                   shape: shape, candidates: [read, chosen])
        guard let readScore = scores[read], let chosenScore = scores[chosen] else { return nil }
        return Double(chosenScore - readScore)
    }
}

extension PrintMeasurer {
    /// Sets each cell's conformity: how well its print matches the OCR-B glyph of its character, compared at the
    /// line's own glyph size and blur (`GlyphShapes.lineShape`); returns those per line.
    @discardableResult
    static func measureConformity(_ cells: inout [[PrintedCell]], crop: Raster) -> [GlyphShapes.LineShape] {
        guard let shapes = GlyphShapes.standard else { return [] }
        var lineShapes: [GlyphShapes.LineShape] = []
        for line in cells.indices {
            guard let first = cells[line].first else { lineShapes.append(.standard); continue }
            let rows = Int(first.capitalTop)..<Int(first.baseline)
            let sample = cells[line].filter { !$0.isFiller && !"0ODQ".contains($0.character) && $0.ink != nil }
            let chosen = stride(from: 0, to: sample.count, by: max(1, sample.count / 10)).map { sample[$0] }
            let shape = shapes.lineShape(crop, lefts: chosen.map(\.left), pitch: first.pitch, rows: rows,
                                         characters: chosen.map(\.character))
            lineShapes.append(shape)
            for index in cells[line].indices where cells[line][index].ink != nil {
                let cell = cells[line][index]
                // At the line's own size only: the conformity is compared with the neighbours', measured alike.
                let scores = shapes.scores(crop, left: cell.left, pitch: cell.pitch, rows: rows, shape: shape,
                                           candidates: [cell.character], sizes: [1])
                cells[line][index].conformity = scores[cell.character].map(Double.init)
            }
        }
        return lineShapes
    }
}
