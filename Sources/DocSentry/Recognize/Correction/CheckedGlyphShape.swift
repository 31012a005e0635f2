/// A field whose check fails, and whose print matches other OCR-B glyphs clearly better than what was read: the
/// stock model's confident `9` for `O`, `3` for `S`, `8` for `B` in document numbers and optional data.
///
/// Fixes: the characters become the glyphs their print shows when that makes the field's check pass, breaking no
/// passing check. Strong suggestions (the print another glyph by `margin`) are taken together; weak ones (a
/// better match by less) only one or two at a time on top of them, since each try is a chance for a wrong
/// combination to pass by luck; the first level of trials with exactly one way to pass wins.
/// Evidence: two witnesses, the print and the check digit. The shape alone also moves correct reads on warped or
/// unevenly lit scans.
/// Never: changes a field its check digit does not then confirm, so a forger's altered character, which matches
/// its own glyph, stays as printed and its field still fails.
struct CheckedGlyphShape: CorrectionPass {
    /// How much better (correlation) another allowed glyph must match the print than the glyph read, for a strong
    /// suggestion.
    let margin: Double
    /// The least correlation with which the better glyph must match.
    let minimum: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let shape = evidence.shape else { return [] }
        let groups = evidence.checkGroups
        var log = ChangeLog(grid)
        for group in groups where !group.passes(log.grid) {
            let grid = log.grid
            // The composite covers the field, so a misread in the field makes it pass by chance one time in ten:
            // a field check made to pass by two witnesses, the print and its own check digit, may break a
            // composite that passed, and the composite then reports what it sees.
            let passingBefore = groups.filter { $0.passes(grid) && !(!group.isComposite && $0.isComposite) }
            var strong: [CorrectionGrid.Substitution] = []
            var weak: [CorrectionGrid.Substitution] = []
            for position in group.covered + [group.digit] {
                let read = grid[position.line, position.column]
                guard let match = shape(position.line, position.column, Character(read.character)), match.best != read.character,
                      match.bestScore >= minimum,
                      evidence.layout.characterClass(line: position.line, column: position.column).allows(Character(match.best))
                else { continue }
                let change = (position.line, position.column, Character(match.best))
                if match.bestScore - match.readScore >= margin { strong.append(change) } else { weak.append(change) }
            }
            guard !strong.isEmpty || !weak.isEmpty else { continue }
            func works(_ changes: [CorrectionGrid.Substitution]) -> Bool { group.passes(grid.with(changes), keeping: passingBefore) }
            var levels: [[[CorrectionGrid.Substitution]]] = []
            if !strong.isEmpty { levels.append([strong]) }
            levels.append(weak.map { strong + [$0] })
            if weak.count <= 6 {
                levels.append(weak.indices.flatMap { i in weak.indices.filter { $0 > i }.map { strong + [weak[i], weak[$0]] } })
            }
            if strong.count > 1 { levels.append(strong.map { [$0] }) }
            var chosen: [CorrectionGrid.Substitution] = []
            for level in levels {
                let passing = level.filter(works)
                if passing.count == 1 { chosen = passing[0]; break }
                if passing.count > 1 { break }
            }
            for change in chosen { log.write(change.line, change.column, change.character, .glyphShape) }
        }
        return log.changes
    }
}
