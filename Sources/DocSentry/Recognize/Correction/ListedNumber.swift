/// A document number on the rules' lists (published specimens, lost and stolen documents) read with `O` for `0` or
/// `I` for `1`: the stock engine reads the French visa specimen `F00000000` as `FOOOOOOOO`, whose check digit passes
/// too (seven O for 0 shift the sum by 600), and the specimen would then go unlisted.
///
/// Fixes: a number that folds onto exactly one listed number takes its spelling (`listed number`) when the number's
/// check digit passes with it and no passing check breaks.
/// Evidence: two witnesses, the list and the check digit, as the code list is for `UnknownCountryCode`.
/// Never: changes a number its check digit does not then confirm, or one that is itself listed. With no list it
/// does nothing.
struct ListedNumber: CorrectionPass {
    let numbers: ListedDocumentNumbers

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        let layout = evidence.layout, groups = evidence.checkGroups
        guard !numbers.isEmpty, let spec = layout.spec(.documentNumber), let digit = layout.spec(.documentNumberCheckDigit),
              let group = groups.first(where: { $0.digit == (digit.line, digit.columns.lowerBound) }),
              let listed = numbers.spelling(of: MRZCharacter.withoutTrailingFillers(String(spec.columns.map { grid.character(spec.line, $0) })))
        else { return [] }
        var log = ChangeLog(grid)
        let passingBefore = groups.filter { $0.digit != group.digit && $0.passes(grid) }
        let changes: [CorrectionGrid.Substitution] = listed.enumerated().map { (spec.line, spec.columns.lowerBound + $0.offset, $0.element) }
        if group.passes(grid.with(changes), keeping: passingBefore) {
            for change in changes { log.write(change.line, change.column, change.character, .listedNumber) }
        }
        return log.changes
    }
}
