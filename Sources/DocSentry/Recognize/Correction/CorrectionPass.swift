/// One rule of the corrector: given the grid of characters as corrected so far and the evidence it may use, the
/// changes it makes, in order, each with its reason.
///
/// A pass never writes into the grid itself: `MRZCorrector` applies its changes, records every character changed
/// as a `Correction`, and hands the result to the next pass of `MRZCorrector.passes`.
protocol CorrectionPass: Sendable {
    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange]
}

/// One change a pass makes to one cell of the grid: a character written with its reason, or a confidence bound.
struct CellChange: Equatable, Sendable, CustomStringConvertible {
    enum Edit: Equatable, Sendable {
        /// The character becomes `Character`, for `Correction.Reason`.
        case write(Character, Correction.Reason)
        /// The confidence falls to at most the figure: the character is doubted (a failure on it asks for a rescan).
        case doubt(atMost: Double)
        /// The same, and the character counts as a guess of the character-class passes (`CorrectionGrid.guessed`).
        case guess(atMost: Double)
        /// The confidence rises to at least the figure: a character two witnesses settled, which later passes
        /// leave alone.
        case confirm(atLeast: Double)
    }

    /// 0-based line and column.
    let line: Int
    let column: Int
    let edit: Edit

    init(_ line: Int, _ column: Int, _ edit: Edit) {
        self.line = line
        self.column = column
        self.edit = edit
    }

    var description: String { "line \(line) column \(column): \(edit)" }
}

/// The MRZ as the corrector holds it between passes: every cell's character, confidence and alternatives, and which
/// characters were guessed.
struct CorrectionGrid: Equatable, Sendable {
    var cells: [[RecognizedCharacter]]
    /// Cells (`line * 100 + column`) whose character the character-class passes had to guess: the check-digit
    /// search may write any digit there, and a line with three or more is doubted as a whole.
    var guessed: Set<Int> = []

    init(_ cells: [[RecognizedCharacter]]) { self.cells = cells }

    subscript(line: Int, column: Int) -> RecognizedCharacter { cells[line][column] }

    /// The character now at a line and column (0-based).
    func character(_ line: Int, _ column: Int) -> Character { Character(cells[line][column].character) }

    /// One character to write at a line and column (0-based), in a trial.
    typealias Substitution = (line: Int, column: Int, character: Character)

    /// The grid with `substitutions` written in: a trial to test against the checks before anything is kept.
    func with(_ substitutions: [Substitution]) -> CorrectionGrid {
        var trial = self
        for substitution in substitutions { trial.cells[substitution.line][substitution.column].character = String(substitution.character) }
        return trial
    }

    /// Applies `change`; returns the record of a character changed (with the engine's confidence in the one it replaces).
    @discardableResult
    mutating func apply(_ change: CellChange) -> Correction? {
        let (line, column) = (change.line, change.column)
        switch change.edit {
        case let .write(character, reason):
            let read = cells[line][column].character
            guard read != String(character) else { return nil }
            cells[line][column].character = String(character)
            return Correction(line: line + 1, column: column + 1, read: read, chosen: String(character), reason: reason,
                              confidence: cells[line][column].confidence)
        case let .doubt(bound):
            cells[line][column].confidence = min(cells[line][column].confidence, bound)
        case let .guess(bound):
            cells[line][column].confidence = min(cells[line][column].confidence, bound)
            guessed.insert(line * 100 + column)
        case let .confirm(bound):
            cells[line][column].confidence = max(cells[line][column].confidence, bound)
        }
        return nil
    }

    /// Whether `change` would alter anything: a character already there, or a bound the confidence already keeps,
    /// is no change.
    func isChanged(by change: CellChange) -> Bool {
        let cell = cells[change.line][change.column]
        switch change.edit {
        case let .write(character, _): return cell.character != String(character)
        case let .doubt(bound): return cell.confidence > bound
        case let .guess(bound): return cell.confidence > bound || !guessed.contains(change.line * 100 + change.column)
        case let .confirm(bound): return cell.confidence < bound
        }
    }
}

/// What a pass may consult besides the characters: the format's grammar and check digits, what the engine first
/// read, and the print.
struct CorrectionEvidence {
    let format: MRZFormat
    let layout: MRZLayout
    /// The characters as the engine read them, before any pass.
    let engineRead: [[Character]]
    /// Every check digit of the format with the positions it covers.
    let checkGroups: [CheckGroup]
    /// Positions some check digit covers or is (`line * 100 + column`).
    let checked: Set<Int>
    /// Compares a cell's print with the OCR-B glyphs; nil: no image to look at (or print too small to be a witness).
    let shape: MRZCorrector.ShapeMeasurer?

    init(format: MRZFormat, engineRead: [[RecognizedCharacter]], shape: MRZCorrector.ShapeMeasurer?) {
        self.format = format
        layout = MRZLayout.of(format)
        self.engineRead = engineRead.map { $0.map { Character($0.character) } }
        checkGroups = CheckGroup.all(layout)
        checked = Set(checkGroups.flatMap(\.positionKeys))
        self.shape = shape
    }
}

/// The changes a pass makes, each applied at once to the pass's own copy of the grid so that its later decisions
/// see its earlier ones, as `MRZCorrector` will when it applies them in the same order.
struct ChangeLog {
    private(set) var grid: CorrectionGrid
    private(set) var changes: [CellChange] = []

    init(_ grid: CorrectionGrid) { self.grid = grid }

    /// Records and applies `edit` at a line and column (0-based), unless it would change nothing.
    mutating func record(_ line: Int, _ column: Int, _ edit: CellChange.Edit) {
        let change = CellChange(line, column, edit)
        guard grid.isChanged(by: change) else { return }
        grid.apply(change)
        changes.append(change)
    }

    mutating func write(_ line: Int, _ column: Int, _ character: Character, _ reason: Correction.Reason) {
        record(line, column, .write(character, reason))
    }

    /// A character the grammar forces (`character class`). K for < is the stock model's habit, not a doubt; any
    /// other change of class is a guess.
    mutating func writeByClass(_ line: Int, _ column: Int, _ chosen: Character, guessConfidence: Double) {
        write(line, column, chosen, .characterClass)
        if chosen != "<" { record(line, column, .guess(atMost: guessConfidence)) }
    }
}
