/// MRZ text as corrected, with what the engine was sure of and what was changed.
public struct CorrectedMRZ: Sendable {
    public let text: MRZText
    /// Per line and column, the engine's confidence (0-1) in the character finally kept.
    public let confidences: [[Double]]
    public let corrections: [Correction]
}

/// Corrects OCR confusions with the MRZ grammar, the print and the check digits: runs the correction passes of
/// `Recognize/Correction/` in the order `passes` declares, each a rule with its own evidence (docs/corrector.md).
///
/// Confidently read characters are never changed to make a check digit pass: a genuine document printed with a
/// wrong check digit must be reported as printed (real-scans.md), and a forger's altered field must not be
/// "repaired" into one that passes.
public struct MRZCorrector: Sendable {
    /// Confidence under which a character counts as doubted by the engine: the shape and filler passes and the
    /// country-code correction may change it.
    ///
    /// On the bench set, characters read at 0.97-0.99 that a check-digit repair changed were 20 times out of 20 a
    /// forger's altered field whose check digit was left as it was.
    public var uncertainBelow: Double = 0.95

    /// Confidence under which the check-digit search may change a character to any of the engine's alternatives or
    /// look-alikes; above it only a sure `O` or `I` may become `0` or `1`.
    ///
    /// On the tuning set, the search's changes of characters read at 0.7 or more were right 1 time in 8 (each
    /// right one a sure `O` taken as `0`, which stays allowed).
    public var repairableBelow: Double = 0.7

    /// An alternative the engine offered with at least this confidence makes its character doubtful too.
    public var doubtfulAlternativeAbove: Double = 0.25

    /// Confidence given to a character the class passes had to change: the engine was wrong about it, so the
    /// replacement is a guess (under the policy's low-confidence threshold: a failure on it means rescan).
    public var classCorrectedConfidence: Double = 0.5

    /// Confidence left on a character whose OCR-B look-alike would make its failing field check pass.
    public var lookAlikeDoubtConfidence: Double = 0.7

    /// How much better (normalised correlation) another allowed OCR-B glyph must match a character's print than
    /// the glyph of the character read, for a strong shape suggestion where a check digit is the second witness.
    ///
    /// Margins from 0.02 to 0.1 made the same corrections with the MRZ model on the tuning set.
    public var shapeMargin: Double = 0.05
    /// The least correlation with which the better glyph must match.
    public var shapeMinimum: Double = 0.5
    /// The same two figures where no check digit confirms the shape: the engine must have doubted, and the print
    /// must look clearly like the other glyph.
    public var uncheckedShapeMargin: Double = 0.15
    public var uncheckedShapeMinimum: Double = 0.6
    /// The margin for a letter read where the print shows its digit twin (`O` printed as `0`, `S` as `5`): the
    /// stock engine reads digits as their letter twins, rarely the reverse.
    ///
    /// In document numbers on six generated sets, digits read as their letter twin matched the digit better by
    /// 0.027 or more; letters read right matched their digit twin at most 0.026 better.
    public var letterToDigitShapeMargin: Double = 0.03

    /// The codes an issuing state or nationality field may hold, without fillers (`D`, `UTO`); empty: no code
    /// correction (`UnknownCountryCode`).
    public var countryCodes: Set<String> = []

    /// Correlation with the MRZ's own filler shape above which a cell is taken for a filler.
    public var fillerShapeThreshold: Double = 0.75

    /// Letters the engine reads, sure of them, where the print shows another glyph (`PrintedOverRead`); empty: the
    /// pass is skipped. `MRZReader` sets `stockModelPrintedOverRead` for the stock model only.
    public var printedOverRead: [PrintedOverRead.Pair] = []

    /// The stock model's sure misreads that only the print shows, for `printedOverRead`.
    public static let stockModelPrintedOverRead = PrintedOverRead.stockModelPairs

    public init(uncertainBelow: Double = 0.95) { self.uncertainBelow = uncertainBelow }

    /// Pairs OCR-B prints so alike that the engine's confidence does not settle them (`O`/`0`, `I`/`1`).
    static let lookAlikes = LookAlikes.twins

    /// Compares the print at a line and column (0-based) with the OCR-B glyphs, given the character now read there.
    public typealias ShapeMeasurer = (_ line: Int, _ column: Int, _ read: Character) -> ShapeMatch?

    /// The correction passes, in the order they run: the grammar's character classes first, then the print where a
    /// check digit or the engine's doubt is its second witness, then fillers by shape and position, the code list,
    /// the check-digit search, and last the doubts a still-failing check leaves.
    var passes: [any CorrectionPass] {
        [
            CharacterClass(guessConfidence: classCorrectedConfidence),
            FillerInsideNumber(),
            BadlyReadLine(doubtConfidence: lookAlikeDoubtConfidence),
            CheckedGlyphShape(margin: shapeMargin, minimum: shapeMinimum),
            LookAlikeInFailingField(margin: uncheckedShapeMargin, letterToDigitMargin: letterToDigitShapeMargin,
                                    minimum: uncheckedShapeMinimum),
            UncheckedGlyphShape(uncertainBelow: uncertainBelow, doubtfulAlternativeAbove: doubtfulAlternativeAbove,
                                margin: uncheckedShapeMargin, minimum: uncheckedShapeMinimum, classMargin: shapeMargin,
                                classMinimum: shapeMinimum, guessConfidence: classCorrectedConfidence),
            PrintedOverRead(pairs: printedOverRead, minimum: shapeMinimum),
            Sex(guessConfidence: classCorrectedConfidence),
            DocumentCode(margin: shapeMargin, minimum: shapeMinimum, guessConfidence: classCorrectedConfidence),
            LeadingFiller(margin: shapeMargin, minimum: shapeMinimum, confirmedConfidence: uncertainBelow),
            CharacterReadAsFiller(uncertainBelow: uncertainBelow, fillerThreshold: fillerShapeThreshold, margin: uncheckedShapeMargin,
                                  minimum: uncheckedShapeMinimum, keptConfidence: repairableBelow),
            LookAlikesInPassingField(letterToDigitMargin: letterToDigitShapeMargin, minimum: uncheckedShapeMinimum),
            FillerByShape(uncertainBelow: uncertainBelow, threshold: fillerShapeThreshold),
            FillerByPosition(uncertainBelow: uncertainBelow, doubtfulAlternativeAbove: doubtfulAlternativeAbove,
                             fillerThreshold: fillerShapeThreshold),
            UnknownCountryCode(codes: countryCodes, uncertainBelow: uncertainBelow, doubtfulAlternativeAbove: doubtfulAlternativeAbove),
            CheckDigitSearch(repairableBelow: repairableBelow, shapeMargin: shapeMargin),
            LookAlikeDoubt(doubtConfidence: lookAlikeDoubtConfidence),
        ]
    }

    /// Corrects grid-aligned characters of a known format (each line exactly the format's length).
    ///
    /// - Parameter shape: compares a character's print with the OCR-B glyphs; nil: no image to look at.
    public func correct(_ lines: [[RecognizedCharacter]], format: MRZFormat, shape: ShapeMeasurer? = nil) -> CorrectedMRZ? {
        guard lines.count == format.lineCount, lines.allSatisfy({ $0.count == format.lineLength }) else { return nil }
        let evidence = CorrectionEvidence(format: format, engineRead: lines, shape: shape)
        var grid = CorrectionGrid(lines)
        var corrections: [Correction] = []
        for pass in passes {
            for change in pass.changes(to: grid, evidence: evidence) {
                if let correction = grid.apply(change) { corrections.append(correction) }
            }
        }
        let corrected = grid.cells.map { String($0.map { Character($0.character) }) }
        guard let text = try? MRZText(lines: corrected), text.format == format || (text.format.isVisa == format.isVisa) else { return nil }
        return CorrectedMRZ(text: text, confidences: grid.cells.map { $0.map(\.confidence) }, corrections: corrections)
    }
}
