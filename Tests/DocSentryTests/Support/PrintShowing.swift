@testable import DocSentry

/// A shape measurer for corrector tests, standing in for a scan: the print at `line * 100 + column` shows the glyph
/// given, matched `margin` (correlation) better than the character asked about; every other cell shows whatever
/// is asked.
func printShowing(_ glyphs: [Int: (glyph: Character, margin: Double)]) -> MRZCorrector.ShapeMeasurer {
    { line, column, read in
        guard let shown = glyphs[line * 100 + column], shown.glyph != read else {
            return ShapeMatch(best: String(read), bestScore: 0.9, readScore: 0.9)
        }
        return ShapeMatch(best: String(shown.glyph), bestScore: 0.9, readScore: 0.9 - shown.margin)
    }
}

/// The same, every listed cell by one margin.
func printShowing(_ glyphs: [Int: Character], margin: Double = 0.2) -> MRZCorrector.ShapeMeasurer {
    printShowing(glyphs.mapValues { (glyph: $0, margin: margin) })
}
