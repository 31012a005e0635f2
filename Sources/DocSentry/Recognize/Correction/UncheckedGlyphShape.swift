/// A character no check digit can witness (names, codes, the TD1 second optional data) that the engine doubted,
/// whose print shows another glyph: `X` for a name's filler, `T` for a sex's `M` on a warped page.
///
/// Fixes: the character takes the glyph its print matches by the wide `margin`. A character its position does not
/// allow (`T` for sex) has the grammar as second witness: `classMargin` is enough, and the glyph is a doubt
/// (`guessConfidence`). A position a check covers is taken only for the engine's runner-up that the check cannot
/// tell from the read (G and 6 differ by ten in check value, as do L and 1, U and 0, K and <): `6J7191666` read
/// for `GJ7191666`, G at 0.69 behind the 6, the print a clear G.
/// Evidence: the print, and the engine's doubt: a character under `uncertainBelow`, out of class, or with a real
/// runner-up (`doubtfulAlternativeAbove`).
/// Never: reopens a sure read on the print alone; a sure read changes only when the engine's own runner-up is the
/// glyph the print shows (`MACKENZIEX<TERESA`: X at 0.96 with < at 0.71 behind it, the print a clear filler).
struct UncheckedGlyphShape: CorrectionPass {
    let uncertainBelow: Double
    let doubtfulAlternativeAbove: Double
    /// How much better, and with what least correlation, the print must match the other glyph.
    let margin: Double
    let minimum: Double
    /// The same for a character its position does not allow.
    let classMargin: Double
    let classMinimum: Double
    let guessConfidence: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard let shape = evidence.shape else { return [] }
        var log = ChangeLog(grid)
        for line in grid.cells.indices {
            for column in grid.cells[line].indices {
                let read = log.grid[line, column]
                let covered = evidence.checked.contains(line * 100 + column)
                let unseenByCheck = covered ? Self.runnerUpUnseenByCheck(read, threshold: doubtfulAlternativeAbove) : nil
                guard !covered || unseenByCheck != nil else { continue }
                let violatesClass = !evidence.layout.characterClass(line: line, column: column).allows(Character(read.character))
                let offersAnother = read.alternatives.contains { $0.confidence >= doubtfulAlternativeAbove && $0.character != read.character }
                guard read.character != "<", read.confidence < uncertainBelow || violatesClass || offersAnother,
                      let match = shape(line, column, Character(read.character)), match.best != read.character
                else { continue }
                if covered, match.best != unseenByCheck.map({ String($0) }) { continue }
                guard read.confidence < uncertainBelow || violatesClass
                    || read.alternatives.contains(where: { $0.character == match.best && $0.confidence >= doubtfulAlternativeAbove })
                else { continue }
                guard match.bestScore >= (violatesClass ? classMinimum : minimum),
                      match.bestScore - match.readScore >= (violatesClass ? classMargin : margin)
                else { continue }
                log.write(line, column, Character(match.best), .glyphShape)
                if violatesClass { log.record(line, column, .doubt(atMost: guessConfidence)) }
            }
        }
        return log.changes
    }

    /// The engine's runner-up (at least `threshold`) that no check digit can tell from what it read.
    static func runnerUpUnseenByCheck(_ read: RecognizedCharacter, threshold: Double) -> Character? {
        read.alternatives.lazy
            .filter { $0.confidence >= threshold && $0.character != read.character }
            .map { Character($0.character) }
            .first { CheckGroup.cannotTell($0, Character(read.character)) }
    }
}
