/// A line on which the character-class passes had to guess three or more characters was read badly as a whole
/// (blur, glare).
///
/// Fixes: nothing is written; every character of the line becomes a doubt (confidence at most `doubtConfidence`),
/// so a check failing anywhere on it asks for a rescan, never a reject.
/// Evidence: the guesses (`CorrectionGrid.guessed`).
/// Never: changes a character; two guesses are not enough.
struct BadlyReadLine: CorrectionPass {
    let doubtConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        for line in grid.cells.indices where grid.guessed.filter({ $0 / 100 == line }).count >= 3 {
            for column in grid.cells[line].indices {
                log.record(line, column, .doubt(atMost: doubtConfidence))
            }
        }
        return log.changes
    }
}
