/// A digit where only letters belong, or a letter where only digits belong (Doc 9303 Part 3 §4.2: each field's
/// character class): `O` in a date, `0` in a name, `K` for a sex's filler.
///
/// Fixes: the character becomes the engine's first alternative of the right class, else its OCR-B look-alike
/// (`0` to `O`, `8` to `B`, `K` to `<`), else a filler.
/// Evidence: the grammar alone, so the choice is a guess: its confidence falls to `guessConfidence` and the cell
/// is marked guessed (the check-digit search may then write any digit there). A `K` made a filler is the stock
/// model's habit, not a guess.
/// Never: touches a character its position allows; a field where letters and digits are both legal (document
/// number, optional data) is left to the check digit and the print.
struct CharacterClass: CorrectionPass {
    /// The confidence of a guessed character: under the policy's low-confidence threshold, so that a check failing
    /// on it asks for a rescan.
    let guessConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        for spec in evidence.layout.fields {
            for column in spec.columns {
                let cell = log.grid[spec.line, column]
                let read = Character(cell.character)
                switch spec.characterClass {
                case .letterOrFiller:
                    if MRZCharacter.isDigit(read) {
                        let preferred = cell.alternatives.first { MRZCharacter.isLetter(Character($0.character)) || $0.character == "<" }
                        log.writeByClass(spec.line, column, preferred.map { Character($0.character) } ?? LookAlikes.letterForDigit[read] ?? "<",
                                         guessConfidence: guessConfidence)
                    }
                case .digitOrFiller, .checkDigit:
                    if MRZCharacter.isLetter(read) {
                        let preferred = cell.alternatives.first { MRZCharacter.isDigit(Character($0.character)) || $0.character == "<" }
                        let fallback: Character = read == "K" ? "<" : (LookAlikes.digitForLetter[read] ?? "<")
                        log.writeByClass(spec.line, column, preferred.map { Character($0.character) } ?? fallback, guessConfidence: guessConfidence)
                    }
                case .sex:
                    if read == "K" { log.writeByClass(spec.line, column, "<", guessConfidence: guessConfidence) }
                case .any:
                    break
                }
            }
        }
        return log.changes
    }
}
