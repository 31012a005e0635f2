/// A cell the engine read no character in, or read as a filler with doubt, whose ink is not this MRZ's filler: the
/// stock engine folds a line's last character into the fillers before it (`<4` read as one `<`).
///
/// Exists for the stock `eng` model: with it `eng` read 5 more of 700 generated documents exactly; with the MRZ
/// model it changed one read, wrong either way (docs/corrector.md).
///
/// Fixes: the glyph the print matches by the wide `margin` is what was printed there. It is kept at
/// `keptConfidence` (`repairableBelow`): the check-digit search does not reopen it, and it stays under the policy's
/// low-confidence threshold, so a check failing on it asks for a rescan.
/// Evidence: two witnesses, the cell's filler likeness (under `fillerThreshold`) and the print.
/// Never: leaves the cell to the check-digit search, which would write whatever digit makes the check pass and, on
/// a forged document, hide the forgery.
struct CharacterReadAsFiller: CorrectionPass {
    let uncertainBelow: Double
    let fillerThreshold: Double
    let margin: Double
    let minimum: Double
    let keptConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let shape = evidence.shape else { return [] }
        var log = ChangeLog(grid)
        for line in grid.cells.indices {
            for column in grid.cells[line].indices {
                let cell = log.grid[line, column]
                guard cell.character == "<", cell.box.isEmpty || cell.confidence < uncertainBelow,
                      let likeness = cell.fillerLikeness, likeness < fillerThreshold,
                      let match = shape(line, column, "<"), let best = match.best.first, best != "<",
                      match.bestScore >= minimum, match.bestScore - match.readScore >= margin
                else { continue }
                log.write(line, column, best, .glyphShape)
                log.record(line, column, .confirm(atLeast: keptConfidence))
            }
        }
        return log.changes
    }
}
