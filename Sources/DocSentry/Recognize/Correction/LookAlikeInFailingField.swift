/// A digit read as a look-alike letter, or the reverse (`9` and `O`, `3` and `S`), in a field whose check fails
/// whatever is read (a forger's altered digit, a misprint): there the check digit cannot witness a shape.
///
/// Fixes: such characters whose print clearly shows the other glyph are read as printed, a letter by `margin`, a
/// digit by the narrower `letterToDigitMargin` (the stock engine reads digits as their letter twins, rarely the
/// reverse), when no check changes its outcome (the field still fails, every other check as before): what staff
/// see is then the character on the page, and no verdict moves. Unless the changes together make the field's own
/// check pass and break no passing check: then the print and the check digit are the two witnesses of
/// `CheckedGlyphShape`, whose combinations stop at two weak suggestions (`WSOGSOO6` read for `WS0G5006` needs four).
///
/// Exists for the stock `eng` model, which reads digits as their letter twins: with it `eng` read 15 more of 700
/// generated documents exactly; with the MRZ model it changed one read, wrong either way (docs/corrector.md).
/// Evidence: the print, and the checks' outcomes.
/// Never: moves a verdict on the print alone; touches a cell a passing check covers, or a filler.
struct LookAlikeInFailingField: CorrectionPass {
    /// How much better the print must match a letter than the digit read.
    let margin: Double
    /// How much better the print must match a digit than the letter read.
    let letterToDigitMargin: Double
    /// The least correlation with which the glyph shown must match.
    let minimum: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let shape = evidence.shape else { return [] }
        let groups = evidence.checkGroups
        var log = ChangeLog(grid)
        var outcome = groups.map { $0.passes(grid) }
        for index in groups.indices where !outcome[index] {
            let grid = log.grid
            let group = groups[index]
            let protected = Set(groups.indices.filter { outcome[$0] }.flatMap { groups[$0].positionKeys })
            var changes: [CorrectionGrid.Substitution] = []
            for position in group.covered where !protected.contains(position.line * 100 + position.column) {
                let read = grid.character(position.line, position.column)
                guard read != "<", let match = shape(position.line, position.column, read), let best = match.best.first,
                      best != read, MRZCharacter.isDigit(best) != MRZCharacter.isDigit(read),
                      evidence.layout.characterClass(line: position.line, column: position.column).allows(best),
                      match.bestScore >= minimum,
                      match.bestScore - match.readScore >= (MRZCharacter.isDigit(best) ? letterToDigitMargin : margin)
                else { continue }
                changes.append((position.line, position.column, best))
            }
            let trial = grid.with(changes)
            let trialOutcome = groups.map { $0.passes(trial) }
            let passingBefore = groups.indices.filter { outcome[$0] }.map { groups[$0] }
            guard !changes.isEmpty, trialOutcome == outcome || group.passes(trial, keeping: passingBefore) else { continue }
            for change in changes { log.write(change.line, change.column, change.character, .glyphShape) }
            outcome = trialOutcome
        }
        return log.changes
    }
}
