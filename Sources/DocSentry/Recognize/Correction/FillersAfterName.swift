/// What the engine made of the faint end of a name line: a name ends with its first run of three fillers
/// (components take one `<`, identifiers two: Doc 9303 Part 3 §4.6), so what follows is filler.
///
/// Fixes: every character after the first run of three fillers becomes `<` (`filler position`).
/// Evidence: the grammar, and three fillers as the engine read them (not as corrected: a run made by corrections
/// proves nothing).
/// Never: ends a name at a run the corrections made, or at one that begins the field.
struct FillersAfterName: CorrectionPass {
    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let name = evidence.layout.spec(.name) else { return [] }
        var log = ChangeLog(grid)
        let read = name.columns.map { evidence.engineRead[name.line][$0] }
        let text = name.columns.map { grid.character(name.line, $0) }
        if let run = (0..<max(0, text.count - 2)).first(where: { read[$0] == "<" && read[$0 + 1] == "<" && read[$0 + 2] == "<" && $0 > 0 }) {
            for offset in (run + 3)..<text.count where text[offset] != "<" {
                log.write(name.line, name.columns.lowerBound + offset, "<", .fillerPosition)
            }
        }
        return log.changes
    }
}
