/// A check digit that fails because the engine misread characters it doubted: the check digit chooses between the
/// engine's alternatives and the OCR-B look-alikes of those characters (Doc 9303 Part 3 §4.9).
///
/// Fixes (`check digit`): tries single, then double substitutions among the characters read under
/// `repairableBelow` (any digit for an unsure filler or a guessed character), a sure `O` or `I` only to `0` or `1`
/// (the twin, in positions open to both: OCR-B's two are alike), and every `O` and `I` of the field as `0` and `1`
/// at once (the stock model reads a run of zeros as `O`: `WSOGSOO6` for `WS0G5006`); applies the cheapest way to
/// make the check pass, breaking no passing check, when it is clearly cheapest: by 0.2, or at a fifth of the
/// runner-up's cost and by 0.1. A tie is left alone.
/// Evidence: the check digit, the engine's confidences and alternatives, and the print, which vetoes.
/// Never: overrules a sure character to make a check pass (a genuine document printed with a wrong check digit is
/// reported as printed; at 0.7 or more such repairs were mostly a forger's left-over check digit "repaired" by
/// changing what the forger printed); makes a digit a letter, however unsure; writes a glyph the print contradicts
/// (one its ink matches worse, by `shapeMargin`, than another glyph the position allows); writes a digit alone
/// among a field's fillers (`<<<<<<8`: fields are filled from their first position, Doc 9303 Parts 4-7 §4.2.2);
/// reopens a position a passing field check covers.
struct CheckDigitSearch: CorrectionPass {
    /// Confidence under which a character may become any of the engine's alternatives or look-alikes.
    let repairableBelow: Double
    /// How much better the print must match another allowed glyph than a candidate for the candidate to be refused.
    let shapeMargin: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        for group in evidence.checkGroups {
            for change in repair(group, evidence: evidence, grid: log.grid) {
                log.write(change.line, change.column, change.character, .checkDigit)
            }
        }
        return log.changes
    }

    /// The one clearly cheapest set of substitutions that makes `group` pass without breaking another check; empty
    /// when it passes already, or when none or no clear winner does.
    func repair(_ group: CheckGroup, evidence: CorrectionEvidence, grid: CorrectionGrid) -> [CorrectionGrid.Substitution] {
        guard !group.passes(grid) else { return [] }
        let layout = evidence.layout
        let otherGroups = evidence.checkGroups.filter { $0.digit != group.digit }
        let passingBefore = otherGroups.filter { $0.passes(grid) }
        // A position protected by a passing field check is not reconsidered by the composite.
        let protected = Set(passingBefore.filter { !$0.isComposite }.flatMap(\.positionKeys))
        var options: [(line: Int, column: Int, characters: [Character])] = []
        for position in group.covered + [group.digit] where !protected.contains(position.line * 100 + position.column) {
            let read = grid[position.line, position.column]
            let readCharacter = Character(read.character)
            let characterClass = layout.characterClass(line: position.line, column: position.column)
            var candidates: [Character]
            if read.confidence < repairableBelow {
                candidates = read.alternatives.map { Character($0.character) } + (LookAlikes.confusable[readCharacter] ?? [])
                // An unsure filler, or a digit the class pass had to guess, may be any digit: each has its own
                // check value, so at most one passes.
                if readCharacter == "<" || grid.guessed.contains(position.line * 100 + position.column) {
                    candidates += Array("0123456789")
                }
            } else if position != group.digit, characterClass == .any, let twin = LookAlikes.twins[readCharacter], MRZCharacter.isDigit(twin) {
                // Only letter to digit (O to 0, I to 1), never a sure digit to a letter: a forger's altered digit
                // must not be "repaired" into a letter that happens to satisfy the check digit. The twin only: the
                // engine's other choices for a sure O (Q, D, I) were wrong 4 times in 4.
                candidates = [twin]
            } else {
                continue
            }
            var seen = Set<Character>()
            candidates = candidates.filter { $0 != readCharacter && characterClass.allows($0) && seen.insert($0).inserted }
            // A digit, however unsure, is not made a letter to fit a check: the engines read digits as letters, not
            // the reverse, and such changes were right 2 times in 9.
            if MRZCharacter.isDigit(readCharacter) { candidates = candidates.filter { !MRZCharacter.isLetter($0) } }
            if readCharacter == "<", Self.wouldStandAlone(line: position.line, column: position.column, layout: layout, grid: grid) {
                candidates = candidates.filter(MRZCharacter.isFiller)
            }
            // Never to a glyph the print contradicts: otherwise a forger's altered field, or a misread one, is
            // "repaired" by rewriting another character, the check digit itself included (with one unsure position
            // in a check, some character always fits it).
            if let shape = evidence.shape, !candidates.isEmpty {
                candidates = candidates.filter { candidate in
                    guard let match = shape(position.line, position.column, candidate) else { return true }
                    return match.bestScore - match.readScore < shapeMargin
                }
            }
            if !candidates.isEmpty { options.append((position.line, position.column, candidates)) }
        }
        func attempt(_ changes: [CorrectionGrid.Substitution]) -> Bool { group.passes(grid.with(changes), keeping: passingBefore) }
        var solutions: [[CorrectionGrid.Substitution]] = []
        for option in options {
            for character in option.characters where attempt([(option.line, option.column, character)]) {
                solutions.append([(option.line, option.column, character)])
            }
        }
        // Pairs too: two look-alike changes (TOO944 for T00944) can be likelier than one change of a sure
        // character that happens to fit.
        if options.count <= 24 {
            for i in options.indices {
                for j in options.indices where j > i {
                    for a in options[i].characters {
                        for b in options[j].characters {
                            let changes = [(options[i].line, options[i].column, a), (options[j].line, options[j].column, b)]
                            if attempt(changes) { solutions.append(changes) }
                        }
                    }
                }
            }
        }
        // Every O and I of the field as 0 and 1 at once: more changes than singles and pairs reach. No forger gains
        // by printing O for 0.
        let twins = options.compactMap { option -> CorrectionGrid.Substitution? in
            guard let twin = MRZCharacter.digitTwins[grid.character(option.line, option.column)],
                  option.characters.contains(twin) else { return nil }
            return (option.line, option.column, twin)
        }
        if twins.count > 2, attempt(twins) { solutions.append(twins) }
        // The cheapest way to make the check pass: changing an unsure character, to a character the engine itself
        // offered, or between OCR-B look-alikes, is cheap.
        func cost(_ changes: [CorrectionGrid.Substitution]) -> Double {
            changes.reduce(0) { total, change in
                let read = grid[change.line, change.column]
                var cost = read.confidence
                if let offered = read.alternatives.first(where: { $0.character == String(change.character) }) { cost -= 0.5 * offered.confidence }
                // A letter read for its digit twin is cheap: document numbers are mostly digits.
                if LookAlikes.twins[Character(read.character)] == change.character { cost *= 0.3 }
                return total + max(0.01, cost)
            }
        }
        let ranked = solutions.map { ($0, cost($0)) }.sorted { $0.1 < $1.1 }
        // A clear winner: cheaper by 0.2, or (a change the engine all but offered itself, O to 0 at 6 px) a fifth
        // of the runner-up's cost and cheaper by 0.1.
        guard let best = ranked.first,
              ranked.count == 1 || ranked[1].1 - best.1 >= 0.2 || ranked[1].1 >= 5 * best.1 && ranked[1].1 - best.1 >= 0.1
        else { return [] }
        return best.0
    }

    /// Whether a character written over the filler at `line`, `column` would stand alone in its field: fillers
    /// (or the field's end) on both sides, and not at the field's start.
    ///
    /// A field's data start at its first position and "unused character positions shall be completed with filler
    /// characters" (Doc 9303 Parts 4-7 §4.2.2, field notes), so `<<<<<<8` or `<<<4<<<` is not how a field is
    /// printed, while a search that may write any digit over an unsure filler finds such a pass one time in ten.
    /// Names are exempt (a lone initial is a name component), and so is a field's first position (a one-character
    /// content).
    static func wouldStandAlone(line: Int, column: Int, layout: MRZLayout, grid: CorrectionGrid) -> Bool {
        guard let field = layout.field(line: line, column: column), field.name != .name, field.columns.count > 1, column > field.columns.lowerBound else { return false }
        let before = grid[line, column - 1].character == "<"
        let after = column + 1 >= field.columns.upperBound || grid[line, column + 1].character == "<"
        return before && after
    }
}
