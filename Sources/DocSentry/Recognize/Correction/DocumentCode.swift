/// A document code that begins with no letter an MRZ of these lines may begin with
/// (`MRZFormat.documentCodeFirstLettersOfItsLines`: `P` or `V` on 2x44, `A`, `C`, `I` or `V` on 2x36, `A`, `C` or
/// `I` on 3x30). The engines misread a line's first character at its edge, sure of it: `I` as `Z`, `L` or `T` on
/// strong perspective, glare or blur.
///
/// Fixes: the letter its print shows by `margin`, else the engine's first allowed alternative; either way, and with
/// neither, the character becomes a doubt (`guessConfidence`): a rescan, not a reject.
/// Evidence: the grammar as second witness, with the print or the engine's alternative. The format tried is itself
/// a guess the text then settles, so a visa's `V` on 2x44 lines is no misread.
/// Never: changes a code whose first letter its lines allow. No forgery the generator makes alters the code.
struct DocumentCode: CorrectionPass {
    let margin: Double
    let minimum: Double
    let guessConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        let firstLetters = evidence.format.documentCodeFirstLettersOfItsLines
        guard let code = evidence.layout.spec(.documentCode), let column = code.columns.first,
              case let read = grid.character(code.line, column), !firstLetters.contains(read)
        else { return [] }
        var log = ChangeLog(grid)
        let shape = evidence.shape
        let readScore = shape?(code.line, column, read)?.readScore
        let shown = firstLetters.sorted().compactMap { letter -> (Character, Double)? in
            shape?(code.line, column, letter).map { (letter, $0.readScore) }
        }.max { $0.1 < $1.1 }
        if let (letter, score) = shown, let readScore, score >= minimum, score - readScore >= margin {
            log.write(code.line, column, letter, .documentCode)
        } else if let alternative = grid[code.line, column].alternatives.first(where: { firstLetters.contains(Character($0.character)) }) {
            log.write(code.line, column, Character(alternative.character), .documentCode)
        }
        log.record(code.line, column, .doubt(atMost: guessConfidence))
        return log.changes
    }
}
