/// A filler the engine read as a letter (`K`, `E`, `C`, `X`...): every MRZ prints many fillers in one typeface and
/// size, so a cell whose ink matches this MRZ's own fillers (`RecognizedCharacter.fillerLikeness`, measured by
/// `FillerShape`) is a filler, whatever letter the engine made of it.
///
/// Exists for the stock `eng` model, which reads runs of fillers as letters: with it `eng` read 6 more of 700
/// generated documents exactly; with the MRZ model it changed no read (docs/corrector.md).
///
/// Fixes: a filler look-alike letter (`LookAlikes.ofFiller`) matching the fillers by `threshold` becomes `<`; a `K`
/// (which carries the chevron of `<` in its arms) or a letter the engine was sure of needs the close match (0.9).
/// A digit the engine doubted becomes `<` only by the close match and only in the run of digits and fillers that
/// ends an optional-data field: blurred fillers there come out as `6` and `0`, several in a row, which only a check
/// digit covering the whole field could catch (fillers read as digits matched at 0.96-0.99, printed digits in the
/// same fields at 0.26-0.45). A cell read `<` whose ink does not look like a filler (under 0.3) becomes a doubt.
/// Evidence: the cell's ink against the MRZ's own fillers.
/// Never: makes a filler of a letter engines do not confuse with one (`A`, `R`: blur makes them correlate too), or
/// of a digit elsewhere (digits are left to the check digits).
struct FillerByShape: CorrectionPass {
    let uncertainBelow: Double
    /// Correlation with the MRZ's own filler shape above which a cell is taken for a filler.
    let threshold: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        for line in grid.cells.indices {
            for column in grid.cells[line].indices {
                guard let likeness = log.grid[line, column].fillerLikeness else { continue }
                let read = log.grid.character(line, column)
                let sure = log.grid[line, column].confidence >= uncertainBelow
                let closeMatch = max(threshold, 0.9)
                let needed = read == "K" || sure ? closeMatch : threshold
                if LookAlikes.ofFiller.contains(read), likeness >= needed {
                    log.write(line, column, "<", .fillerShape)
                } else if MRZCharacter.isDigit(read), !sure, likeness >= closeMatch,
                          endsOptionalDataInDigitsOrFillers(log.grid, line: line, from: column, layout: evidence.layout) {
                    log.write(line, column, "<", .fillerShape)
                } else if read == "<", likeness < 0.3, log.grid[line, column].confidence > 0.5 {
                    log.record(line, column, .doubt(atMost: 0.5))
                }
            }
        }
        return log.changes
    }

    /// Whether the cell lies in an optional-data field and it and every cell after it in that field hold a digit,
    /// a filler or a filler's look-alike.
    func endsOptionalDataInDigitsOrFillers(_ grid: CorrectionGrid, line: Int, from column: Int, layout: MRZLayout) -> Bool {
        guard let field = layout.field(line: line, column: column), field.name == .optionalData || field.name == .optionalData2
        else { return false }
        return (column..<field.columns.upperBound).allSatisfy { other in
            let read = grid.character(line, other)
            return read == "<" || MRZCharacter.isDigit(read) || LookAlikes.ofFiller.contains(read)
        }
    }
}
