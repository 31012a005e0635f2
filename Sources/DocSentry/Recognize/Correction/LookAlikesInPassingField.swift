/// A field whose check passes with letters that are the stock engine's readings of digits: `ROS790586` for
/// `R93790586` (`OS` for `93`: two look-alikes can shift the weighted sum by a multiple of ten).
///
/// Exists for the stock `eng` model: with it `eng` read 6 more of 700 generated documents exactly; the MRZ model
/// never gave it anything to change (docs/corrector.md).
///
/// Fixes: letters whose print is clearly their digit's glyph (by `letterToDigitMargin`) become those digits when
/// the check still passes with all of them and every other check keeps its outcome.
/// Evidence: the print, with the check digit as second witness: a wrong set of digits would pass one time in ten.
/// Only look-alikes the check digit can see are taken (G and 6, L and 1, U and 0 differ by ten in check value), so
/// one letter alone never keeps a passing check passing: two at least.
/// Never: changes the composite's positions through the composite alone, or moves any check's outcome.
struct LookAlikesInPassingField: CorrectionPass {
    let letterToDigitMargin: Double
    let minimum: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let shape = evidence.shape else { return [] }
        let groups = evidence.checkGroups
        var log = ChangeLog(grid)
        let outcome = groups.map { $0.passes(grid) }
        for (group, passing) in zip(groups, outcome) where passing && !group.isComposite {
            let grid = log.grid
            let letters = group.lettersReadForDigits(layout: evidence.layout, grid: grid).filter {
                !CheckGroup.cannotTell(grid.character($0.line, $0.column), $0.character)
            }
            guard letters.count >= 2 else { continue }
            var changes: [CorrectionGrid.Substitution] = []
            for position in letters {
                guard let match = shape(position.line, position.column, grid.character(position.line, position.column)),
                      let best = match.best.first, MRZCharacter.isDigit(best), match.bestScore >= minimum,
                      match.bestScore - match.readScore >= letterToDigitMargin
                else { continue }
                changes.append((position.line, position.column, best))
            }
            let trial = grid.with(changes)
            guard !changes.isEmpty, groups.map({ $0.passes(trial) }) == outcome else { continue }
            for change in changes { log.write(change.line, change.column, change.character, .glyphShape) }
        }
        return log.changes
    }
}
