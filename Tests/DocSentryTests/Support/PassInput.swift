@testable import DocSentry

/// What one correction pass is given in a test: a grid of `format`'s size that holds only the few characters the
/// test writes in (`text`, each string from `line * 100 + column` on), every other cell a filler; every cell read
/// at 0.97 unless `confidence` says otherwise, with the `alternatives` listed at `alternativeConfidence` and the
/// filler likeness given.
struct PassInput {
    var format: MRZFormat
    var grid: CorrectionGrid
    var shape: MRZCorrector.ShapeMeasurer?
    /// What the engine read before any pass; the grid's characters unless a test says otherwise.
    var engineRead: [[RecognizedCharacter]]?

    init(_ format: MRZFormat, _ text: [Int: String], confidence: [Int: Double] = [:], alternatives: [Int: [String]] = [:],
         alternativeConfidence: Double = 0.3, fillerLikeness: [Int: Double] = [:], shape: MRZCorrector.ShapeMeasurer? = nil) {
        var lines = Array(repeating: Array(repeating: Character("<"), count: format.lineLength), count: format.lineCount)
        for (start, characters) in text {
            for (offset, character) in characters.enumerated() { lines[start / 100][start % 100 + offset] = character }
        }
        self.format = format
        grid = CorrectionGrid(lines.enumerated().map { line, characters in
            characters.enumerated().map { column, character in
                let key = line * 100 + column
                return RecognizedCharacter(character: String(character), confidence: confidence[key] ?? 0.97,
                                           alternatives: (alternatives[key] ?? []).map { .init(character: $0, confidence: alternativeConfidence) },
                                           box: [], fillerLikeness: fillerLikeness[key])
            }
        })
        self.shape = shape
    }

    var evidence: CorrectionEvidence { CorrectionEvidence(format: format, engineRead: engineRead ?? grid.cells, shape: shape) }

    /// The changes `pass` makes to this input.
    func changes(_ pass: some CorrectionPass) -> [CellChange] { pass.changes(to: grid, evidence: evidence) }

    /// The grid's lines after `pass`.
    func lines(after pass: some CorrectionPass) -> [String] {
        var corrected = grid
        for change in changes(pass) { corrected.apply(change) }
        return corrected.cells.map { String($0.map { Character($0.character) }) }
    }

    /// The grid's lines as given.
    var lines: [String] { grid.cells.map { String($0.map { Character($0.character) }) } }
}

/// A change that writes `character` for `reason` at `key` (`line * 100 + column`).
func written(_ key: Int, _ character: Character, _ reason: Correction.Reason) -> CellChange {
    CellChange(key / 100, key % 100, .write(character, reason))
}

/// A change that bounds the confidence at `key` (`line * 100 + column`).
func bounded(_ key: Int, _ edit: CellChange.Edit) -> CellChange { CellChange(key / 100, key % 100, edit) }

/// The check digit of `field` (Doc 9303 Part 3 §4.9), for composing a field that passes.
func checkDigit(_ field: String) -> String { CheckDigit.character(for: Array(field)).map { String($0) } ?? "?" }
