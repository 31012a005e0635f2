/// A document number or a name that begins with a filler, characters after it: both are written from their first
/// position and padded at the end (Doc 9303 Parts 4-7, each format's data structure), so the leading `<` is a
/// misread, often a `K` whose stem the crop's edge cut (`K` and `<` have the same check value).
///
/// Fixes: the glyph the print shows clearly (by `margin`), confirmed at `confirmedConfidence` so that the
/// check-digit search does not reopen it; else the engine's first alternative that is a character the position
/// allows (`filler position`); otherwise the filler stays.
/// Evidence: the grammar, with the print or the engine's alternative.
/// Never: leaves a print-and-grammar choice open to the check-digit search: on a forged number it would find a pair
/// of changes that makes the altered field pass.
struct LeadingFiller: CorrectionPass {
    let margin: Double
    let minimum: Double
    let confirmedConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        for name in [MRZFieldName.documentNumber, .name] {
            let grid = log.grid
            guard let spec = evidence.layout.spec(name), let first = spec.columns.first, grid.character(spec.line, first) == "<",
                  spec.columns.dropFirst().contains(where: { grid.character(spec.line, $0) != "<" })
            else { continue }
            let allowed = evidence.layout.characterClass(line: spec.line, column: first)
            if let match = evidence.shape?(spec.line, first, "<"), let best = match.best.first, best != "<",
               match.bestScore >= minimum, match.bestScore - match.readScore >= margin {
                log.write(spec.line, first, best, .glyphShape)
                log.record(spec.line, first, .confirm(atLeast: confirmedConfidence))
            } else if let alternative = grid[spec.line, first].alternatives.first(where: {
                $0.character != "<" && allowed.allows(Character($0.character)) }) {
                log.write(spec.line, first, Character(alternative.character), .fillerPosition)
            }
        }
        return log.changes
    }
}
