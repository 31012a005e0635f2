/// Letters the stock `eng` model reads, sure of them, where the print shows another glyph, in letter positions no
/// check digit covers: `D` read as `O` (OCR-B's D is its O with a straight back: `IDBEL` read `IOBEL`), `T` as `I`
/// (`PRT` read `PRI`, another State's code), and fillers read as `C`, `E`, `A`, `G` or `K` (`ANNE<MARIE` read
/// `ANNEKMARIE`).
///
/// For the stock `eng` model only: `MRZReader` gives it `stockModelPairs` for that model, and with no pairs the
/// pass does nothing. The MRZ model does not make these misreads, and asking for the print of every such letter
/// costs a clean document about 20 ms where nothing else would look at its print. With `eng` it read 3 more of
/// 700 generated documents exactly (docs/corrector.md).
/// Fixes: the print's glyph is taken by the pair's own margin, whatever the engine's confidence.
/// Evidence: the print, measured against both glyphs.
/// Never: makes the first character of a name or code a filler (`KOWALCZYK`); touches a position a check digit
/// covers (there the check decides) or one where digits are allowed.
public struct PrintedOverRead: CorrectionPass {
    /// Letters read (`read`) that are `printed` when the print matches that glyph better by `margin` (correlation).
    public struct Pair: Sendable {
        public let read: Set<Character>
        public let printed: Character
        public let margin: Double

        public init(read: Set<Character>, printed: Character, margin: Double) {
            self.read = read
            self.printed = printed
            self.margin = margin
        }
    }

    let pairs: [Pair]
    /// The least correlation with which the printed glyph must match.
    let minimum: Double

    /// The stock model's sure misreads that only the print shows, each with the margin that told them apart on
    /// generated sets: of 1,266 printed `O`, none matched `D` better by 0.01 (the closest -0.001), while 19 of 20
    /// `D` read as `O` did by 0.015 or more; `T` read as `I` by 0.084 or more; fillers read as letters by 0.048 or
    /// more (docs/corrector.md).
    public static let stockModelPairs: [Pair] = [
        Pair(read: ["O"], printed: "D", margin: 0.01), Pair(read: ["I"], printed: "T", margin: 0.05),
        Pair(read: ["C", "E", "A", "G", "K"], printed: "<", margin: 0.08),
    ]

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let shape = evidence.shape, !pairs.isEmpty else { return [] }
        var log = ChangeLog(grid)
        for line in grid.cells.indices {
            for column in grid.cells[line].indices where !evidence.checked.contains(line * 100 + column) {
                let read = log.grid.character(line, column)
                let allowed = evidence.layout.characterClass(line: line, column: column)
                guard allowed == .letterOrFiller,
                      let pair = pairs.first(where: { $0.read.contains(read) }),
                      // A name or code never begins with a filler (`LeadingFiller`).
                      pair.printed != "<" || evidence.layout.field(line: line, column: column)?.columns.first != column,
                      let printed = shape(line, column, pair.printed), let asRead = shape(line, column, read),
                      printed.readScore >= minimum, printed.readScore - asRead.readScore >= pair.margin
                else { continue }
                log.write(line, column, pair.printed, pair.printed == "<" ? .fillerShape : .glyphShape)
            }
        }
        return log.changes
    }
}
