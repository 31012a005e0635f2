// Telling upright from upside down without reading: an OCR-B filler '<' is two strokes meeting at a vertex on the
// left. Turned 180 degrees it becomes '>', which the MRZ alphabet does not have.

extension MRZLocator {
    /// How many glyphs of `lines` are chevrons pointing left ('<', upright) and right ('>', upside down).
    ///
    /// A chevron has one run of ink in (nearly) every row, few long horizontal runs, and the run's centre moves
    /// linearly with the distance from the middle row: to the right for '<', to the left for '>'. Letters that
    /// contain a '<' (K, X, Y) have rows with two runs; C and G have long runs at top and bottom.
    static func chevronVotes(lines: [TextLine], in map: ComponentMap) -> (left: Int, right: Int) {
        let grouped = map.runsByComponent()
        var left = 0, right = 0
        for line in lines {
            for glyph in line.glyphs {
                let component = map.components[glyph.component]
                let height = component.height, width = component.width
                guard height >= 5, Double(height) >= 0.35 * line.height, Double(height) <= 0.97 * line.height,
                      Double(width) >= 0.3 * line.pitch, Double(width) <= 1.0 * line.pitch else { continue }
                var rowRuns = [Int](repeating: 0, count: height)
                var rowCentre = [Double](repeating: 0, count: height)
                var longRows = 0
                for position in grouped.offsets[glyph.component]..<grouped.offsets[glyph.component + 1] {
                    let run = map.runs.runs[grouped.order[position]]
                    let row = Int(run.y) - component.minY
                    rowRuns[row] += 1
                    rowCentre[row] = Double(run.start + run.end) / 2
                    if Double(run.end - run.start) > 0.6 * Double(width) { longRows += 1 }
                }
                let singleRows = rowRuns.indices.filter { rowRuns[$0] == 1 }
                // (Strokes thicken when a small image is enlarged, so a few rows near the vertex may be long.)
                guard Double(singleRows.count) >= 0.85 * Double(height), Double(longRows) <= 0.25 * Double(height)
                else { continue }
                // Fit centre = a + b t, t = distance from the middle row in half-heights.
                let middle = Double(height) / 2
                var st = 0.0, sc = 0.0, stt = 0.0, stc = 0.0, scc = 0.0
                for row in singleRows {
                    let t = abs(Double(row) + 0.5 - middle) / middle, c = rowCentre[row]
                    st += t; sc += c; stt += t * t; stc += t * c; scc += c * c
                }
                let n = Double(singleRows.count)
                let vt = stt - st * st / n, vc = scc - sc * sc / n, ctc = stc - st * sc / n
                guard vt > 0, vc > 0 else { continue }
                let slope = ctc / vt
                let determination = ctc * ctc / (vt * vc)
                guard determination >= 0.75, abs(slope) >= 0.45 * Double(width) else { continue }
                if slope > 0 { left += 1 } else { right += 1 }
            }
        }
        return (left, right)
    }
}
