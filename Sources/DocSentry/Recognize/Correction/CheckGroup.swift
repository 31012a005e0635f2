/// A check digit and the positions it covers (line, column), 0-based (Doc 9303 Part 3 §4.9, each format's data
/// structure in Parts 4-7).
struct CheckGroup: Sendable {
    let digit: (line: Int, column: Int)
    let covered: [(line: Int, column: Int)]
    /// `<` is an acceptable digit when every covered character is a filler (TD3 optional data).
    let fillerAllowedWhenEmpty: Bool
    /// The composite check digit's group: it covers 20 positions or more in every format, a field at most 15.
    var isComposite: Bool { covered.count >= 20 }
    /// The covered positions and the digit itself, as `line * 100 + column` keys.
    var positionKeys: [Int] { (covered + [digit]).map { $0.line * 100 + $0.column } }

    /// Every check digit of `layout`: the fields' in layout order, then the composite's.
    static func all(_ layout: MRZLayout) -> [CheckGroup] {
        var groups: [CheckGroup] = []
        for spec in layout.checkDigits {
            guard let field = layout.spec(spec.field), let digit = layout.spec(spec.checkDigit) else { continue }
            groups.append(CheckGroup(digit: (digit.line, digit.columns.lowerBound),
                                     covered: field.columns.map { (field.line, $0) },
                                     fillerAllowedWhenEmpty: spec.checkDigit == .optionalDataCheckDigit))
        }
        if layout.format.hasCompositeCheckDigit, let composite = layout.spec(.compositeCheckDigit) {
            groups.append(CheckGroup(digit: (composite.line, composite.columns.lowerBound),
                                     covered: layout.compositeCoverage.flatMap { span in span.columns.map { (span.line, $0) } },
                                     fillerAllowedWhenEmpty: false))
        }
        return groups
    }

    /// Whether the check digit in `grid` is the one its covered characters give.
    func passes(_ grid: CorrectionGrid) -> Bool {
        let covered = covered.map { grid.character($0.line, $0.column) }
        let digit = grid.character(self.digit.line, self.digit.column)
        if fillerAllowedWhenEmpty, digit == "<", covered.allSatisfy({ $0 == "<" }) { return true }
        return CheckDigit.character(for: covered) == digit
    }

    /// Whether `trial` passes this check while every check of `passingBefore` still passes: a change that makes
    /// one check pass by breaking another is no correction.
    func passes(_ trial: CorrectionGrid, keeping passingBefore: [CheckGroup]) -> Bool {
        passes(trial) && passingBefore.allSatisfy { $0.passes(trial) }
    }

    /// The letters in this group's field that are the engine's usual readings of digits (`LookAlikes.digitForLetter`:
    /// O for 0, S for 5...), each with its digit, where the position allows that digit.
    func lettersReadForDigits(layout: MRZLayout, grid: CorrectionGrid) -> [CorrectionGrid.Substitution] {
        covered.compactMap { position in
            guard let digit = LookAlikes.digitForLetter[grid.character(position.line, position.column)],
                  layout.characterClass(line: position.line, column: position.column).allows(digit) else { return nil }
            return (position.line, position.column, digit)
        }
    }

    /// Whether no check digit can tell `a` from `b` at any position: their check values differ by a multiple of
    /// ten (G and 6, L and 1, U and 0, K and <), and the weighted sum is taken modulo 10 (Doc 9303 Part 3 §4.9).
    static func cannotTell(_ a: Character, _ b: Character) -> Bool {
        guard let first = MRZCharacter.checkValue(a), let second = MRZCharacter.checkValue(b) else { return false }
        return (first - second) % 10 == 0
    }
}
