/// A sex that is not `F`, `M` or `<` (Doc 9303 Part 4, note p) after the print was consulted (`UncheckedGlyphShape`):
/// a `T` or `H` on a warped page.
///
/// Fixes: the engine's first alternative the position allows, as a guess (`guessConfidence`, `character class`).
/// Evidence: the grammar and the engine's own alternatives.
/// Never: invents a sex the engine did not offer: with no allowed alternative the character stays as read.
struct Sex: CorrectionPass {
    let guessConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let sex = evidence.layout.spec(.sex) else { return [] }
        var log = ChangeLog(grid)
        for column in sex.columns where !MRZCharacterClass.sex.allows(log.grid.character(sex.line, column)) {
            if let alternative = log.grid[sex.line, column].alternatives.first(where: { MRZCharacterClass.sex.allows(Character($0.character)) }) {
                log.writeByClass(sex.line, column, Character(alternative.character), guessConfidence: guessConfidence)
            }
        }
        return log.changes
    }
}
