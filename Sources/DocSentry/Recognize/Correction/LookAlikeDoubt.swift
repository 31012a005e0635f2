/// A field check that still fails but would pass with one digit/letter look-alike swapped (`2` for `Z`, `8` for `B`
/// in a document number), or with all its look-alike letters read as digits (`SSSO7SO6S` for `555075065`, strong
/// blur read by the stock model, each letter sure), is not evidence of fraud on its own.
///
/// Fixes: nothing is written: the swapped characters become doubts (`doubtConfidence`), so the failure asks for a
/// rescan (`review`) instead of a reject. Which reading is right is for a person to see on the document.
/// Evidence: the check digit.
/// Never: changes a character, or moves a forgery to `pass`. On one altered document number in two such a swap
/// exists by chance, which moves those forgeries from `reject` to `review`.
struct LookAlikeDoubt: CorrectionPass {
    let doubtConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        for group in evidence.checkGroups where !group.isComposite && !group.passes(grid) {
            for position in group.covered {
                let read = grid.character(position.line, position.column)
                let characterClass = evidence.layout.characterClass(line: position.line, column: position.column)
                for twin in LookAlikes.confusable[read] ?? [] where characterClass.allows(twin)
                    && MRZCharacter.isDigit(twin) != MRZCharacter.isDigit(read) && twin != "<" && read != "<" {
                    if group.passes(grid.with([(position.line, position.column, twin)])) {
                        log.record(position.line, position.column, .doubt(atMost: doubtConfidence))
                    }
                }
            }
            let twins = group.lettersReadForDigits(layout: evidence.layout, grid: grid)
            if twins.count >= 2, group.passes(grid.with(twins)) {
                for twin in twins { log.record(twin.line, twin.column, .doubt(atMost: doubtConfidence)) }
            }
        }
        return log.changes
    }
}
