/// A filler inside a document number, with characters after it: numbers are written from their first position and
/// padded at the end (Doc 9303 Parts 4-7, each format's data structure), so the engine misread that cell.
///
/// Fixes: nothing is written; the filler becomes a doubt (confidence at most 0.5) for the check-digit search to
/// settle.
/// Evidence: the grammar.
/// Never: changes a character.
struct FillerInsideNumber: CorrectionPass {
    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let number = evidence.layout.spec(.documentNumber) else { return [] }
        var log = ChangeLog(grid)
        let text = number.columns.map { grid.character(number.line, $0) }
        if let lastCharacter = text.lastIndex(where: { $0 != "<" }) {
            for offset in 0..<lastCharacter where text[offset] == "<" {
                log.record(number.line, number.columns.lowerBound + offset, .doubt(atMost: 0.5))
            }
        }
        return log.changes
    }
}
