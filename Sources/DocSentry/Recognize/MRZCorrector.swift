/// One change the corrector made to what the engine read: recorded, never silent.
public struct Correction: Sendable, Equatable, Codable {
    /// 1-based line and column.
    public let line: Int
    public let column: Int
    public let read: String
    public let chosen: String
    /// Why: `character class` (a digit where only letters belong), `glyph shape`, `filler shape`,
    /// `filler position`, `document code`, `country code`, `listed number` or `check digit`.
    public let reason: String
    /// The engine's confidence in what it read (0-1).
    public var confidence: Double = 0
}

/// MRZ text as corrected, with what the engine was sure of and what was changed.
public struct CorrectedMRZ: Sendable {
    public let text: MRZText
    /// Per line and column, the engine's confidence (0-1) in the character finally kept.
    public let confidences: [[Double]]
    public let corrections: [Correction]
}

/// Corrects OCR confusions with the MRZ grammar: each position's character class first (a digit position cannot
/// hold `O`), then the OCR-B glyph shapes where a check digit confirms them (`GlyphShapes`), then the check
/// digits, which choose between the engine's alternatives for uncertain characters, never against the print.
///
/// Confidently read characters are never changed to make a check digit pass: a genuine document printed with a
/// wrong check digit must be reported as printed (real-scans.md).
public struct MRZCorrector: Sendable {
    /// Confidence under which a character counts as doubted by the engine: the shape and filler steps and the
    /// country-code correction may change it.
    ///
    /// Measured on the bench set (seed 424242): the right check-digit repairs changed characters read at 0.50-0.95;
    /// characters read at 0.97-0.99 that a repair changed were, 20 times out of 20, a forger's altered field
    /// whose check digit was left as it was: "repairing" those hides the fraud.
    public var uncertainBelow: Double = 0.95

    /// Confidence under which the check-digit search (step 5) may change a character to any of the engine's
    /// alternatives or look-alikes; above it only a sure `O` or `I` may become `0` or `1`.
    ///
    /// Chosen on the tuning set (seed 777, stock model): when the search could change any character under 0.95
    /// (or with a runner-up over 0.25), its changes of characters read at 0.7 or more were right 1 time in 8 (2 in
    /// 11 on the bench), each right one a sure `O` taken as `0`, which stays allowed; 6 of the 7 wrong ones were on
    /// forged documents, a left-over check digit "repaired" by changing what the forger printed. Under 0.7 its
    /// changes were right 2 times in 4. The MRZ model's reads are the same either way on both sets.
    public var repairableBelow: Double = 0.7

    /// An alternative the engine offered with at least this confidence makes its character doubtful too.
    public var doubtfulAlternativeAbove: Double = 0.25

    /// Confidence given to a character the class step had to change: the engine was wrong about it, so the
    /// replacement is a guess (under the policy's low-confidence threshold: a failure on it means rescan).
    public var classCorrectedConfidence: Double = 0.5

    /// Confidence left on a character whose OCR-B look-alike would make its failing field check pass.
    public var lookAlikeDoubtConfidence: Double = 0.7
    /// How much better (normalised correlation) another allowed OCR-B glyph must match a character's print than
    /// the glyph of the character read, for a strong shape suggestion (step 1b).
    ///
    /// Measured on a tuning set (seed 777, not the bench's): with the check digit as second witness, margins
    /// from 0.02 to 0.1 made the same corrections with the MRZ model; weaker suggestions are only tried one or two
    /// at a time on top of the strong ones.
    public var shapeMargin: Double = 0.05
    /// The least correlation with which the better glyph must match.
    public var shapeMinimum: Double = 0.5
    /// The same two figures where no check digit confirms the shape (steps 1c and 1d): the engine must have doubted, and
    /// the print must look clearly like the other glyph.
    public var uncheckedShapeMargin: Double = 0.15
    public var uncheckedShapeMinimum: Double = 0.6
    /// The margin for a letter read where the print shows its digit twin (`O` printed as `0`, `S` as `5`), in
    /// step 1c (a field that fails whatever is read) and step 1h (a field that passes with the letters): the
    /// stock engine reads digits as their letter twins, rarely the reverse.
    ///
    /// Chosen on the tuning set (seed 777, stock model): at margins 0.05, 0.02 and 0 the shape steps' letter-to-digit
    /// changes were all right (O to 0: 11, S to 5: 6, I to 1: 3...) and documents read exactly went from 113 to 115
    /// of 125; 0.05, the widest of the three, was kept. Narrowed to 0.03 on 2026-12-06, measured with the stock
    /// model on six generated sets (seeds 31337, 5150, 8080, 2727, 9191, 3030): in document numbers, digits read as
    /// their letter twin matched the digit better by 0.027 to 0.22 (B for 8), 0.035 and 0.04 (Z for 2), a median
    /// 0.052 (O for 0); letters read right matched their digit twin at most 0.026 better (Z; S 0.002, B -0.010),
    /// and 99 in 100 of the 1,294 O read anywhere by at most 0.004.
    public var letterToDigitShapeMargin: Double = 0.03

    /// The codes an issuing state or nationality field may hold, without fillers (`D`, `UTO`); empty: no code
    /// correction. A code read with doubt that is not among them is corrected to the one code its doubtful
    /// characters' look-alikes make, if exactly one does.
    public var countryCodes: Set<String> = []

    /// Document numbers on the rules' lists (published specimens, lost and stolen documents), without fillers;
    /// empty: no number correction. A number that is a listed one but for `O`/`0` or `I`/`1` is read as the
    /// listed one when the check digit agrees (step 4b).
    public var listedDocumentNumbers: ListedDocumentNumbers = []

    /// Correlation with the MRZ's own filler shape above which a cell is taken for a filler.
    public var fillerShapeThreshold: Double = 0.75

    public init(uncertainBelow: Double = 0.95) { self.uncertainBelow = uncertainBelow }

    /// Pairs OCR-B prints so alike that the engine's confidence does not settle them (real-scans.md: letters
    /// are common inside document numbers, `K682T8YLO` ends in a letter O): the check digit decides, even when
    /// the engine was sure.
    static let lookAlikes: [Character: Character] = MRZCharacter.digitTwins.reduce(into: [:]) { table, twin in
        table[twin.key] = twin.value
        table[twin.value] = twin.key
    }

    /// Letters that engines make of a filler cell (measured with the stock model on the bench set: K, E, S, X,
    /// C, O, G). Other letters (A, R...) can correlate with a blurred filler's ink but were never one: only
    /// these are taken for fillers by their shape.
    static let fillerLookAlikes: Set<Character> = ["K", "E", "C", "S", "X", "O", "G", "L", "Z"]

    /// Letters the engine reads, sure of them, where the print shows another glyph (step 1d, continued), with how
    /// much better (correlation) the print must match that glyph than the one read; empty: the step is skipped.
    /// `MRZReader` sets `stockModelPrintedOverRead` for the stock model. The MRZ model does not make these
    /// misreads (its reads were the same with and without them on fourteen generated sets), and the step asks
    /// for the print of every such letter, which costs a clean document about 20 ms (the glyphs drawn, then a
    /// millisecond a cell) where nothing else would look at its print.
    public var printedOverRead: [PrintedOverRead] = []

    /// Letters read (`read`) that are `printed` when the print matches that glyph better by `margin`.
    public typealias PrintedOverRead = (read: Set<Character>, printed: Character, margin: Double)

    /// The stock model's sure misreads that only the print shows, for `printedOverRead`.
    ///
    /// Measured with the stock model on eight generated sets (seeds 31337, 2468, 8642, 5150, 8080, 2727, 9191,
    /// 3030), letter positions no check digit covers: of the cells read O (on six of them, not 2468 and 8642),
    /// 20 printed D matched D better than O by -0.010 to 0.079 (19 by 0.015 or more), 1,266 printed O never (the
    /// closest -0.001, the median -0.19);
    /// cells read I whose print matched T best were 9, all printed T (by 0.084 to 0.139); cells read C, E, A
    /// or G whose print matched the MRZ's filler glyph best were 18, all fillers (by 0.065 to 0.149; step 1d asks
    /// 0.15 and the engine's doubt); cells read K, 6, all fillers (0.048 to 0.288), the K that begins a name
    /// (KOWALCZYK) excepted, as any first character of a field. Other pairs are not: the print matched C best on
    /// 36 cells rightly read O, T on 17 rightly read F, X on 21 rightly read K.
    public static let stockModelPrintedOverRead: [PrintedOverRead] = [
        (["O"], "D", 0.01), (["I"], "T", 0.05), (["C", "E", "A", "G", "K"], "<", 0.08),
    ]

    /// Letters that OCR-B digits are mistaken for, and back (domain notes §2.1; PassportEye's class masks).
    static let letterForDigit: [Character: Character] = ["0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "8": "B", "7": "T"]

    /// Letters OCR-B prints alike, for the country-code search.
    static let letterLookAlikes: [Character: String] = [
        "O": "DQCGU", "D": "OB", "Q": "O", "C": "GO", "G": "CO", "U": "OV", "I": "LTJ", "L": "I", "T": "IY", "J": "I",
        "B": "ERD", "E": "FB", "F": "EP", "P": "FR", "R": "BP", "M": "NHW", "N": "MHW", "H": "NM", "V": "UY", "Y": "VT",
        "K": "X", "X": "K", "W": "NM",
    ]
    static let digitForLetter: [Character: Character] = [
        "O": "0", "Q": "0", "D": "0", "U": "0", "C": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6", "B": "8",
        "T": "7", "A": "4", "E": "8",
    ]
    /// Pairs the engine confuses, tried by the check-digit search in both directions (but never a digit to a letter).
    static let confusable: [Character: [Character]] = {
        let pairs: [(Character, Character)] = [("0", "O"), ("0", "D"), ("0", "Q"), ("0", "U"), ("1", "I"), ("1", "L"),
                                               ("2", "Z"), ("5", "S"), ("6", "G"), ("8", "B"), ("7", "T"), ("4", "A"),
                                               ("<", "K"), ("3", "8"), ("6", "8"), ("9", "8"), ("5", "6"), ("1", "7"),
                                               ("0", "8"), ("0", "9"), ("B", "D"), ("C", "G"), ("M", "N"), ("E", "F"), ("H", "N")]
        var table: [Character: [Character]] = [:]
        for (a, b) in pairs {
            table[a, default: []].append(b)
            table[b, default: []].append(a)
        }
        return table
    }()

    /// Compares the print at a line and column (0-based) with the OCR-B glyphs, given the character now read there.
    public typealias ShapeMeasurer = (_ line: Int, _ column: Int, _ read: Character) -> ShapeMatch?

    /// Corrects grid-aligned characters of a known format (each line exactly the format's length).
    ///
    /// - Parameter shape: compares a character's print with the OCR-B glyphs (steps 1b-1d); nil: no image to look at.
    public func correct(_ lines: [[RecognizedCharacter]], format: MRZFormat, shape: ShapeMeasurer? = nil) -> CorrectedMRZ? {
        guard lines.count == format.lineCount, lines.allSatisfy({ $0.count == format.lineLength }) else { return nil }
        let layout = MRZLayout.of(format)
        var grid = lines
        let original = lines.map { $0.map { Character($0.character) } }
        var corrections: [Correction] = []

        func set(_ line: Int, _ column: Int, _ character: Character, _ reason: String) {
            let read = grid[line][column].character
            guard read != String(character) else { return }
            corrections.append(Correction(line: line + 1, column: column + 1, read: read, chosen: String(character), reason: reason,
                                          confidence: grid[line][column].confidence))
            grid[line][column].character = String(character)
        }
        func character(_ line: Int, _ column: Int) -> Character { Character(grid[line][column].character) }
        /// Whether the cell lies in an optional-data field and it and every cell after it in that field hold a
        /// digit, a filler or a filler's look-alike.
        func endsOptionalDataInDigitsOrFillers(line: Int, from column: Int) -> Bool {
            guard let field = layout.field(line: line, column: column), field.name == .optionalData || field.name == .optionalData2
            else { return false }
            return (column..<field.columns.upperBound).allSatisfy { other in
                let read = character(line, other)
                return read == "<" || MRZCharacter.isDigit(read) || Self.fillerLookAlikes.contains(read)
            }
        }
        var classCorrected = Set<Int>()
        func setByClass(_ line: Int, _ column: Int, _ chosen: Character) {
            set(line, column, chosen, "character class")
            // K for < is the stock model's habit, not a doubt; any other change of class is a guess.
            if chosen != "<" {
                grid[line][column].confidence = min(grid[line][column].confidence, classCorrectedConfidence)
                classCorrected.insert(line * 100 + column)
            }
        }

        // 1. Character classes.
        for spec in layout.fields {
            for column in spec.columns {
                let read = character(spec.line, column)
                switch spec.characterClass {
                case .letterOrFiller:
                    if MRZCharacter.isDigit(read) {
                        let preferred = grid[spec.line][column].alternatives.first { MRZCharacter.isLetter(Character($0.character)) || $0.character == "<" }
                        setByClass(spec.line, column, preferred.map { Character($0.character) } ?? Self.letterForDigit[read] ?? "<")
                    }
                case .digitOrFiller, .checkDigit:
                    if MRZCharacter.isLetter(read) {
                        let preferred = grid[spec.line][column].alternatives.first { MRZCharacter.isDigit(Character($0.character)) || $0.character == "<" }
                        let fallback: Character = read == "K" ? "<" : (Self.digitForLetter[read] ?? "<")
                        setByClass(spec.line, column, preferred.map { Character($0.character) } ?? fallback)
                    }
                case .sex:
                    if read == "K" { setByClass(spec.line, column, "<") }
                case .any:
                    break
                }
            }
        }

        // A filler inside a document number (with characters after it) is not how numbers are printed: they are
        // padded at the end. Treat it as a doubt for the check digit to settle.
        if let number = layout.spec(.documentNumber) {
            let text = number.columns.map { character(number.line, $0) }
            if let lastCharacter = text.lastIndex(where: { $0 != "<" }) {
                for offset in 0..<lastCharacter where text[offset] == "<" {
                    grid[number.line][number.columns.lowerBound + offset].confidence = min(0.5, grid[number.line][number.columns.lowerBound + offset].confidence)
                }
            }
        }

        // A line where the class step had to guess three or more characters was read badly as a whole (blur,
        // glare): none of its characters is sure enough for a failure on it to mean fraud.
        for line in grid.indices where classCorrected.filter({ $0 / 100 == line }).count >= 3 {
            for column in grid[line].indices {
                grid[line][column].confidence = min(grid[line][column].confidence, lookAlikeDoubtConfidence)
            }
        }

        // 1b. Glyph shapes, where a check digit confirms them: a field whose check fails, and whose print matches
        // other OCR-B glyphs clearly better than what was read, is corrected to those glyphs when that makes the
        // check pass. Two witnesses (the ink and the check digit) are needed: the shape alone also moves correct
        // reads on warped or unevenly lit scans, and a forger's altered character matches its own glyph.
        let groups = checkGroups(layout)
        // Positions some check digit covers (`line * 100 + column`).
        let checked = Set(groups.flatMap(\.positionKeys))
        for group in groups where shape != nil && !passes(group, grid) {
            // The composite covers the field, so a misread in the field makes it pass by chance one time in ten
            // (the stock model's O for 0 did on bench documents 0018 and 0130, forged numbers whose composite was
            // left as it was): a field check made to pass by two witnesses, the print and its own check digit,
            // may break a composite that passed, and the composite then reports what it sees.
            let passingBefore = groups.filter { passes($0, grid) && !(!group.isComposite && $0.isComposite) }
            // Strong suggestions (the print clearly another glyph) are taken together; weak ones (a slightly
            // better match) only one or two at a time on top of them, since each try is a chance for a wrong
            // combination to pass by luck.
            var strong: [Change] = []
            var weak: [Change] = []
            for position in group.covered + [group.digit] {
                let read = grid[position.line][position.column]
                guard let match = shape?(position.line, position.column, Character(read.character)), match.best != read.character,
                      match.bestScore >= shapeMinimum,
                      layout.characterClass(line: position.line, column: position.column).allows(Character(match.best))
                else { continue }
                let change = (position.line, position.column, Character(match.best))
                if match.bestScore - match.readScore >= shapeMargin { strong.append(change) } else { weak.append(change) }
            }
            guard !strong.isEmpty || !weak.isEmpty else { continue }
            func works(_ changes: [Change]) -> Bool { passes(group, keeping: passingBefore, Self.applying(changes, to: grid)) }
            var levels: [[[Change]]] = []
            if !strong.isEmpty { levels.append([strong]) }
            levels.append(weak.map { strong + [$0] })
            if weak.count <= 6 {
                levels.append(weak.indices.flatMap { i in weak.indices.filter { $0 > i }.map { strong + [weak[i], weak[$0]] } })
            }
            if strong.count > 1 { levels.append(strong.map { [$0] }) }
            var chosen: [Change] = []
            for level in levels {
                let passing = level.filter(works)
                if passing.count == 1 { chosen = passing[0]; break }
                if passing.count > 1 { break }
            }
            for change in chosen { set(change.line, change.column, change.character, "glyph shape") }
        }

        // 1c. A field whose check fails whatever is read (a forger's altered digit, a misprint) cannot witness a
        // shape: there a digit read as its look-alike letter, or the reverse (9 and O, 3 and S), whose print is
        // clearly the other glyph is read as printed (a letter by the wide margin of step 1d, a digit by the
        // narrower `letterToDigitShapeMargin`), and only when no check changes its outcome (the field still
        // fails, every other check as before): what staff see is the character on the page, and no verdict moves.
        // Unless the changes make the field's own check pass and break no passing check: then the print and the
        // check digit are the two witnesses of step 1b, whose combinations stop at two weak suggestions on top
        // of the strong ones (seed 8642 document 0100, a genuine visa's WS0G5006 read WSOGSOO6, needs four).
        if let shape {
            var outcome = groups.map { passes($0, grid) }
            for index in groups.indices where !outcome[index] {
                let group = groups[index]
                let protected = Set(groups.indices.filter { outcome[$0] }.flatMap { groups[$0].positionKeys })
                var changes: [Change] = []
                for position in group.covered where !protected.contains(position.line * 100 + position.column) {
                    let read = Character(grid[position.line][position.column].character)
                    guard read != "<", let match = shape(position.line, position.column, read), let best = match.best.first,
                          best != read, MRZCharacter.isDigit(best) != MRZCharacter.isDigit(read),
                          layout.characterClass(line: position.line, column: position.column).allows(best),
                          match.bestScore >= uncheckedShapeMinimum,
                          match.bestScore - match.readScore >= (MRZCharacter.isDigit(best) ? letterToDigitShapeMargin : uncheckedShapeMargin)
                    else { continue }
                    changes.append((position.line, position.column, best))
                }
                let trial = Self.applying(changes, to: grid)
                let trialOutcome = groups.map { passes($0, trial) }
                let passingBefore = groups.indices.filter { outcome[$0] }.map { groups[$0] }
                guard !changes.isEmpty, trialOutcome == outcome || passes(group, keeping: passingBefore, trial) else { continue }
                for change in changes { set(change.line, change.column, change.character, "glyph shape") }
                outcome = trialOutcome
            }
        }

        // 1d. Glyph shapes where no check digit can witness (names, codes, the TD1 second optional data): a
        // character the engine itself doubted takes the glyph its print matches by a wide margin. A sure read is
        // left alone here (without a check digit the shape is the only witness against it) unless the engine
        // offered that glyph as a real runner-up: then the print and the engine's own second choice agree.
        // A position a check covers is taken only for a runner-up the check cannot tell from the read: G and 6
        // differ by ten in check value, as do L and 1, U and 0, K and < (bench document 0260, GJ7191666 read
        // 6J7191666 with G at 0.69 behind the 6, the print a clear G); there too the print and the runner-up decide.
        if let shape {
            for line in grid.indices {
                for column in grid[line].indices {
                    let read = grid[line][column]
                    let covered = checked.contains(line * 100 + column)
                    let unseenByCheck = covered ? Self.runnerUpUnseenByCheck(read, threshold: doubtfulAlternativeAbove) : nil
                    guard !covered || unseenByCheck != nil else { continue }
                    let violatesClass = !layout.characterClass(line: line, column: column).allows(Character(read.character))
                    let offersAnother = read.alternatives.contains { $0.confidence >= doubtfulAlternativeAbove && $0.character != read.character }
                    guard read.character != "<", read.confidence < uncertainBelow || violatesClass || offersAnother,
                          let match = shape(line, column, Character(read.character)), match.best != read.character
                    else { continue }
                    if covered, match.best != unseenByCheck.map({ String($0) }) { continue }
                    // A sure read is reopened only when the engine's own runner-up is the glyph the print shows
                    // (MACKENZIEX<TERESA: X at 0.96 with < at 0.71 behind it, the print a clear filler).
                    guard read.confidence < uncertainBelow || violatesClass
                        || read.alternatives.contains(where: { $0.character == match.best && $0.confidence >= doubtfulAlternativeAbove })
                    else { continue }
                    // A character its position does not allow (T for sex) has the grammar as second witness: the
                    // margin asked of a check-confirmed shape is enough.
                    guard match.bestScore >= (violatesClass ? shapeMinimum : uncheckedShapeMinimum),
                          match.bestScore - match.readScore >= (violatesClass ? shapeMargin : uncheckedShapeMargin)
                    else { continue }
                    set(line, column, Character(match.best), "glyph shape")
                    if violatesClass { grid[line][column].confidence = min(grid[line][column].confidence, classCorrectedConfidence) }
                }
            }
        }

        // 1d, continued. Where no check digit covers a letter position, the stock engine is sure and wrong in a few
        // ways only the print shows (`printedOverRead`, set for the stock model): D read as O (OCR-B's D is its O
        // with a straight back: IDBEL read IOBEL), T as I (PRT read PRI, another State's code), and fillers read as
        // C, E, A, G or K. There the print's glyph is taken by the pair's own margin, whatever the engine's
        // confidence.
        if let shape, !printedOverRead.isEmpty {
            for line in grid.indices {
                for column in grid[line].indices where !checked.contains(line * 100 + column) {
                    let read = character(line, column)
                    let allowed = layout.characterClass(line: line, column: column)
                    guard allowed == .letterOrFiller,
                          let pair = printedOverRead.first(where: { $0.read.contains(read) }),
                          // A name or code never begins with a filler (step 1f).
                          pair.printed != "<" || layout.field(line: line, column: column)?.columns.first != column,
                          let printed = shape(line, column, pair.printed), let asRead = shape(line, column, read),
                          printed.readScore >= shapeMinimum, printed.readScore - asRead.readScore >= pair.margin
                    else { continue }
                    set(line, column, pair.printed, pair.printed == "<" ? "filler shape" : "glyph shape")
                }
            }
        }

        // 1e. A sex the shapes did not settle (F, M or < only: Doc 9303 Part 4, note p): the engine's first allowed
        // alternative, as a guess.
        if let sex = layout.spec(.sex) {
            for column in sex.columns where !MRZCharacterClass.sex.allows(character(sex.line, column)) {
                if let alternative = grid[sex.line][column].alternatives.first(where: { MRZCharacterClass.sex.allows(Character($0.character)) }) {
                    setByClass(sex.line, column, Character(alternative.character))
                }
            }
        }

        // 1e, continued. A document code that begins with no letter an MRZ of these lines may begin with
        // (`MRZFormat.documentCodeFirstLettersOfItsLines`: the format tried here is a guess the text then settles,
        // so a visa's V on 2x44 lines is no misread) has the grammar as second witness, as the sex has: the letter its
        // print shows by the narrow margin, else the engine's first allowed alternative, kept as a guess; with
        // neither, the character read is a doubt. The engines misread a line's first character at its edge, sure
        // of it (I as Z, L or T on strong perspective, glare or blur): on three generated sets (seeds 5150, 8080,
        // 2727) those were 4 of the 5 genuine documents rejected; no forgery in the generator alters the code.
        let firstLetters = format.documentCodeFirstLettersOfItsLines
        if let code = layout.spec(.documentCode), let column = code.columns.first, case let read = character(code.line, column),
           !firstLetters.contains(read) {
            let readScore = shape?(code.line, column, read)?.readScore
            let shown = firstLetters.sorted().compactMap { letter -> (Character, Double)? in
                shape?(code.line, column, letter).map { (letter, $0.readScore) }
            }.max { $0.1 < $1.1 }
            if let (letter, score) = shown, let readScore, score >= shapeMinimum, score - readScore >= shapeMargin {
                set(code.line, column, letter, "document code")
            } else if let alternative = grid[code.line][column].alternatives.first(where: { firstLetters.contains(Character($0.character)) }) {
                set(code.line, column, Character(alternative.character), "document code")
            }
            grid[code.line][column].confidence = min(grid[code.line][column].confidence, classCorrectedConfidence)
        }

        // 1f. A document number or a name never begins with a filler (both are written from their first position
        // and padded at the end: Doc 9303 Parts 4-7, each format's data structure): a leading < with characters after
        // it is a misread, often a K whose stem the crop's edge cut (K and < have the same check value). Its glyph
        // when the print shows a character clearly, else the engine's first alternative that is one; otherwise it
        // stays.
        for name in [MRZFieldName.documentNumber, .name] {
            guard let spec = layout.spec(name), let first = spec.columns.first, character(spec.line, first) == "<",
                  spec.columns.dropFirst().contains(where: { character(spec.line, $0) != "<" })
            else { continue }
            let allowed = layout.characterClass(line: spec.line, column: first)
            if let match = shape?(spec.line, first, "<"), let best = match.best.first, best != "<",
               match.bestScore >= shapeMinimum, match.bestScore - match.readScore >= shapeMargin {
                // Two witnesses, the grammar and the print: not a doubt for the check-digit search to reopen (on a
                // forged number it would find a pair of changes that makes the altered field pass).
                set(spec.line, first, best, "glyph shape")
                grid[spec.line][first].confidence = max(grid[spec.line][first].confidence, uncertainBelow)
            } else if let alternative = grid[spec.line][first].alternatives.first(where: {
                $0.character != "<" && allowed.allows(Character($0.character)) }) {
                set(spec.line, first, Character(alternative.character), "filler position")
            }
        }

        // 1g. A cell the engine read no character in, or read as a filler with doubt, whose ink is not this MRZ's
        // filler: the stock engine folds a line's last character into the fillers before it (`<4` read as one `<`;
        // a line's last digit lost on 9 of the 257 readable bench documents), and the check-digit search would
        // then write whatever digit makes the check pass, which on a forged document hides the forgery. The glyph
        // the print matches by step 1d's wide margin is what was printed there (stock model, bench and tuning sets: 14
        // such reads, all right). It is not reopened by the search (confidence `repairableBelow`) and stays under the
        // policy's low-confidence threshold: a check failing on it asks for a rescan.
        if let shape {
            for line in grid.indices {
                for column in grid[line].indices {
                    let cell = grid[line][column]
                    guard cell.character == "<", cell.box.isEmpty || cell.confidence < uncertainBelow,
                          let likeness = cell.fillerLikeness, likeness < fillerShapeThreshold,
                          let match = shape(line, column, "<"), let best = match.best.first, best != "<",
                          match.bestScore >= uncheckedShapeMinimum, match.bestScore - match.readScore >= uncheckedShapeMargin
                    else { continue }
                    set(line, column, best, "glyph shape")
                    grid[line][column].confidence = max(cell.confidence, repairableBelow)
                }
            }
        }

        // 1h. A field whose check passes with letters that are the stock engine's readings of digits (ROS790586
        // for R93790586, OS for 93: two look-alikes can shift the weighted sum by a multiple of ten): letters whose
        // print is clearly their digit's glyph become those digits when the check still passes with all of them
        // (a wrong set of digits would pass one time in ten) and every other check keeps its outcome. Only
        // look-alikes the check digit can see are taken (G and 6, L and 1, U and 0 differ by ten in check value:
        // the check cannot witness them), so one letter alone never keeps a passing check passing: two at least.
        if let shape {
            let outcome = groups.map { passes($0, grid) }
            for (group, passing) in zip(groups, outcome) where passing && !group.isComposite {
                let letters = Self.lettersReadForDigits(group, layout: layout, grid: grid).filter {
                    !Self.checkCannotTell(character($0.line, $0.column), $0.character)
                }
                guard letters.count >= 2 else { continue }
                var changes: [Change] = []
                for position in letters {
                    guard let match = shape(position.line, position.column, character(position.line, position.column)),
                          let best = match.best.first, MRZCharacter.isDigit(best), match.bestScore >= uncheckedShapeMinimum,
                          match.bestScore - match.readScore >= letterToDigitShapeMargin
                    else { continue }
                    changes.append((position.line, position.column, best))
                }
                let trial = Self.applying(changes, to: grid)
                guard !changes.isEmpty, groups.map({ passes($0, trial) }) == outcome else { continue }
                for change in changes { set(change.line, change.column, change.character, "glyph shape") }
            }
        }

        // 2. Fillers by shape: a cell whose ink matches this MRZ's own fillers is a filler, whatever letter the
        // engine made of it (K, E, C, X...). Digits are left to the check digits, except in the run of digits and
        // fillers that ends an optional-data field: blurred fillers there come out as 6 and 0, several in a row,
        // which only a check digit covering the whole field could catch and no search of a few changes undoes (the
        // composite of a TD1 was then "repaired" to fit them). Those need the close match and the engine's doubt:
        // measured with the stock model on two generated sets tuned on by nobody (seeds 2468, 31337), fillers read
        // as digits matched the MRZ's fillers at 0.96-0.99, printed digits in the same fields at 0.26-0.45.
        for line in grid.indices {
            for column in grid[line].indices {
                guard let likeness = grid[line][column].fillerLikeness else { continue }
                let read = character(line, column)
                // K carries the chevron of < in its arms, and a letter the engine was sure of needs more than a
                // likeness to be overruled: both need a closer match.
                let sure = grid[line][column].confidence >= uncertainBelow
                let closeMatch = max(fillerShapeThreshold, 0.9)
                let threshold = read == "K" || sure ? closeMatch : fillerShapeThreshold
                if Self.fillerLookAlikes.contains(read), likeness >= threshold {
                    set(line, column, "<", "filler shape")
                } else if MRZCharacter.isDigit(read), !sure, likeness >= closeMatch,
                          endsOptionalDataInDigitsOrFillers(line: line, from: column) {
                    set(line, column, "<", "filler shape")
                } else if read == "<", likeness < 0.3, grid[line][column].confidence > 0.5 {
                    // The engine says filler but the ink says otherwise: keep it, but as a doubt.
                    grid[line][column].confidence = 0.5
                }
            }
        }

        // 3. Fillers read as K: a run of K and < that reaches the end of its field is filler; in a name, a K after
        // a filler and before a filler (or the end) is filler too.
        for spec in layout.fields where spec.characterClass == .any || spec.name == .name || spec.characterClass == .letterOrFiller {
            var column = spec.columns.upperBound - 1
            while column >= spec.columns.lowerBound, "K<".contains(character(spec.line, column)) {
                column -= 1
            }
            let runStart = column + 1
            let run = (runStart..<spec.columns.upperBound)
            let hasFiller = run.contains { character(spec.line, $0) == "<" }
            // A trailing run of K alone could be a real K ending the field (a name like ...ERIK): only when a filler
            // is in the run, or the run is longer than 2, is it filler.
            if hasFiller || run.count > 2 || spec.characterClass == .letterOrFiller && spec.name != .name {
                // The K that begins the run is single when a filler follows it, whatever the engine made of cells
                // further along: ERIK<<<<<<KEKKK, the faint end of a visa's name line read as letters, still
                // ends a name in K (seeds 9191, 3030 and 2727: four ERIKs made ERI, one a genuine visa).
                let leadingKs = run.prefix { character(spec.line, $0) == "K" }.count
                for c in run where character(spec.line, c) == "K" {
                    let single = c == runStart && leadingKs == 1 && c > spec.columns.lowerBound
                    // ERIK<<<: a single K right after a letter is the end of a name, unless the engine doubted it.
                    if spec.name == .name, single, MRZCharacter.isLetter(character(spec.line, c - 1)),
                       !hasFillerAlternative(grid[spec.line][c]) || looksUnlikeFiller(grid[spec.line][c]) {
                        continue
                    }
                    // GJ58898K<: a single K ending a document number or optional data before its filler is printed
                    // when its ink does not look like this MRZ's fillers; no check digit can tell K from <. (Seed
                    // 2468, document 0176, a genuine visa: both models read the K, this step made it a filler.)
                    if spec.name != .name, single, character(spec.line, c - 1) != "<", looksUnlikeFiller(grid[spec.line][c]) {
                        continue
                    }
                    set(spec.line, c, "<", "filler position")
                }
            }
            if spec.name == .name {
                let name = (spec.columns).map { character(spec.line, $0) }
                var text = Substring(String(name))
                while text.last == "<" { text = text.dropLast() }
                if !text.contains("<<"), let range = text.range(of: "KK") {
                    // A person's name has a << between primary and secondary identifiers; with none, the first KK
                    // between letters is that separator read as letters.
                    let offset = text.distance(from: text.startIndex, to: range.lowerBound)
                    let before = offset > 0 ? name[offset - 1] : "<"
                    let after = offset + 2 < name.count ? name[offset + 2] : "<"
                    if MRZCharacter.isLetter(before), MRZCharacter.isLetter(after), after != "K" {
                        set(spec.line, spec.columns.lowerBound + offset, "<", "filler position")
                        set(spec.line, spec.columns.lowerBound + offset + 1, "<", "filler position")
                    }
                }
                for c in spec.columns where character(spec.line, c) == "K" {
                    let previous: Character = c > spec.columns.lowerBound ? character(spec.line, c - 1) : "<"
                    let next: Character = c + 1 < spec.columns.upperBound ? character(spec.line, c + 1) : "<"
                    if previous == "<" && (next == "<" || next == "K") && c > spec.columns.lowerBound {
                        set(spec.line, c, "<", "filler position")
                    } else if c > spec.columns.lowerBound, hasFillerAlternative(grid[spec.line][c]), grid[spec.line][c].confidence < uncertainBelow,
                              !looksUnlikeFiller(grid[spec.line][c]) {
                        set(spec.line, c, "<", "filler position")
                    }
                }
            }
        }

        // A name ends with its first run of three fillers (components take one <, identifiers two): what follows
        // is filler, whatever the engine made of the faint end of the line.
        if let name = layout.spec(.name) {
            // Three fillers as the engine read them (not as corrected): a run made by corrections proves nothing.
            let read = name.columns.map { original[name.line][$0] }
            let text = name.columns.map { character(name.line, $0) }
            if let run = (0..<max(0, text.count - 2)).first(where: { read[$0] == "<" && read[$0 + 1] == "<" && read[$0 + 2] == "<" && $0 > 0 }) {
                for offset in (run + 3)..<text.count where text[offset] != "<" {
                    set(name.line, name.columns.lowerBound + offset, "<", "filler position")
                }
            }
        }

        // 4. Country codes: a doubtful code that is no State's is corrected when exactly one code is in reach.
        if !countryCodes.isEmpty {
            for name in [MRZFieldName.issuingState, .nationality] {
                guard let spec = layout.spec(name) else { continue }
                if let code = correctedCountryCode(spec, grid: grid, original: original) {
                    for (offset, column) in spec.columns.enumerated() {
                        set(spec.line, column, code[offset], "country code")
                    }
                }
            }
        }

        // 4b. Listed numbers: the stock engine reads the published specimen number F00000000 as FOOOOOOOO, whose
        // check digit passes too (seven O for 0 shift the sum by 600), and a specimen or a stolen document would
        // then go unlisted. A number that folds onto exactly one listed number (O as 0, I as 1) takes its spelling
        // when the number's check digit passes with it and no passing check breaks: the list and the check digit
        // are the two witnesses, as the code list is for country codes.
        if !listedDocumentNumbers.isEmpty, let spec = layout.spec(.documentNumber), let digit = layout.spec(.documentNumberCheckDigit),
           let group = groups.first(where: { $0.digit == (digit.line, digit.columns.lowerBound) }),
           let listed = listedDocumentNumbers.spelling(of: MRZCharacter.withoutTrailingFillers(String(spec.columns.map { character(spec.line, $0) }))) {
            let passingBefore = groups.filter { $0.digit != group.digit && passes($0, grid) }
            let changes: [Change] = listed.enumerated().map { (spec.line, spec.columns.lowerBound + $0.offset, $0.element) }
            if passes(group, keeping: passingBefore, Self.applying(changes, to: grid)) {
                for change in changes { set(change.line, change.column, change.character, "listed number") }
            }
        }

        // 5. Check digits choose between alternatives of uncertain characters.
        for group in groups {
            resolve(group, among: groups, layout: layout, grid: &grid, corrections: &corrections, classCorrected: classCorrected,
                    shape: shape)
        }

        // 6. A field check that still fails but would pass with one OCR-B look-alike swapped (2 for Z, 8 for B in a
        // document number) is not evidence of fraud on its own: the swapped character becomes a doubt, so the
        // failure asks for a rescan instead of a reject. Nothing is changed: which reading is right is for a
        // person to see on the document.
        for group in groups where !group.isComposite && !passes(group, grid) {
            for position in group.covered {
                let read = Character(grid[position.line][position.column].character)
                let characterClass = layout.characterClass(line: position.line, column: position.column)
                for twin in Self.confusable[read] ?? [] where characterClass.allows(twin)
                    && MRZCharacter.isDigit(twin) != MRZCharacter.isDigit(read) && twin != "<" && read != "<" {
                    if passes(group, Self.applying([(position.line, position.column, twin)], to: grid)) {
                        grid[position.line][position.column].confidence = min(grid[position.line][position.column].confidence, lookAlikeDoubtConfidence)
                    }
                }
            }
            // The same for the whole field read as letters: in strong blur the stock engine reads a number's digits
            // as their letter twins, sure of each (SSSO7SO6S for 555075065). When all its look-alike letters read
            // as digits make the check pass, they are doubts too.
            let twins = Self.lettersReadForDigits(group, layout: layout, grid: grid)
            if twins.count >= 2, passes(group, Self.applying(twins, to: grid)) {
                for twin in twins {
                    grid[twin.line][twin.column].confidence = min(grid[twin.line][twin.column].confidence, lookAlikeDoubtConfidence)
                }
            }
        }

        let lines = grid.map { String($0.map { Character($0.character) }) }
        guard let text = try? MRZText(lines: lines), text.format == format || (text.format.isVisa == format.isVisa) else { return nil }
        return CorrectedMRZ(text: text, confidences: grid.map { $0.map(\.confidence) }, corrections: corrections)
    }

    /// The one known code within reach of a doubtful code field, as the field's characters (filler-padded).
    ///
    /// Only characters the engine doubted (under `uncertainBelow`, or with an offered alternative) may change,
    /// to an alternative or an OCR-B look-alike of what was read: a code a forger printed and the engine read
    /// clearly stays as printed, and is reported.
    private func correctedCountryCode(_ spec: MRZFieldSpec, grid: [[RecognizedCharacter]], original: [[Character]]) -> [Character]? {
        let read = spec.columns.map { Character(grid[spec.line][$0].character) }
        func known(_ characters: [Character]) -> Bool {
            let text = String(characters)
            guard let end = text.lastIndex(where: { $0 != "<" }) else { return false }
            let code = text[...end]
            return !code.contains("<") && countryCodes.contains(String(code))
        }
        guard !known(read) else { return nil }
        var options: [[(character: Character, cost: Double)]] = []
        for (offset, column) in spec.columns.enumerated() {
            let cell = grid[spec.line][column]
            var choices: [(Character, Double)] = [(read[offset], 0)]
            let doubtful = cell.confidence < uncertainBelow
                || cell.alternatives.contains { $0.confidence >= doubtfulAlternativeAbove && $0.character != cell.character }
            if doubtful {
                var seen: Set<Character> = [read[offset]]
                for alternative in cell.alternatives {
                    let character = Character(alternative.character)
                    if (MRZCharacter.isLetter(character) || character == "<"), seen.insert(character).inserted {
                        choices.append((character, max(0.01, cell.confidence - 0.5 * alternative.confidence)))
                    }
                }
                let engineRead = original[spec.line][column]
                let lookAlikes = (Self.letterLookAlikes[read[offset]] ?? "") + (Self.letterForDigit[engineRead].map { String($0) } ?? "")
                for character in lookAlikes where seen.insert(character).inserted {
                    choices.append((character, max(0.01, cell.confidence)))
                }
            }
            options.append(choices)
        }
        var solutions: [([Character], Double)] = []
        func search(_ offset: Int, _ prefix: [Character], _ cost: Double) {
            if offset == options.count {
                if known(prefix) { solutions.append((prefix, cost)) }
                return
            }
            for choice in options[offset] { search(offset + 1, prefix + [choice.character], cost + choice.cost) }
        }
        search(0, [], 0)
        // One character at most: a code two or three changes away is another code, not a misread (a forger's
        // unlisted EPS must not become GRD).
        solutions = solutions.filter { solution in zip(solution.0, read).filter { $0 != $1 }.count <= 1 }
        let ranked = solutions.sorted { $0.1 < $1.1 }
        guard let best = ranked.first, ranked.count == 1 || ranked[1].1 - best.1 >= 0.2 else { return nil }
        return best.0
    }

    /// One character to write at a line and column (0-based).
    typealias Change = (line: Int, column: Int, character: Character)

    /// `grid` with `changes` written in: a trial to test against the checks before anything is kept.
    static func applying(_ changes: [Change], to grid: [[RecognizedCharacter]]) -> [[RecognizedCharacter]] {
        var trial = grid
        for change in changes { trial[change.line][change.column].character = String(change.character) }
        return trial
    }

    /// The letters in `group`'s field that are the engine's usual readings of digits (`digitForLetter`: O for 0,
    /// S for 5...), each with its digit, where the position allows that digit.
    static func lettersReadForDigits(_ group: CheckGroup, layout: MRZLayout, grid: [[RecognizedCharacter]]) -> [Change] {
        group.covered.compactMap { position in
            guard let digit = digitForLetter[Character(grid[position.line][position.column].character)],
                  layout.characterClass(line: position.line, column: position.column).allows(digit) else { return nil }
            return (position.line, position.column, digit)
        }
    }

    /// Whether no check digit can tell `a` from `b` at any position: their check values differ by a multiple of
    /// ten (G and 6, L and 1, U and 0, K and <), and the weighted sum is taken modulo 10 (Doc 9303 Part 3 §4.9).
    static func checkCannotTell(_ a: Character, _ b: Character) -> Bool {
        guard let first = MRZCharacter.checkValue(a), let second = MRZCharacter.checkValue(b) else { return false }
        return (first - second) % 10 == 0
    }

    /// The engine's runner-up (at least `threshold`) that no check digit can tell from what it read.
    static func runnerUpUnseenByCheck(_ read: RecognizedCharacter, threshold: Double) -> Character? {
        read.alternatives.lazy
            .filter { $0.confidence >= threshold && $0.character != read.character }
            .map { Character($0.character) }
            .first { checkCannotTell($0, Character(read.character)) }
    }

    /// The cell's ink was measured and does not match this MRZ's fillers: a real K (VIKTOR, ERIK), whatever
    /// alternative the engine offered.
    private func looksUnlikeFiller(_ character: RecognizedCharacter) -> Bool {
        guard let likeness = character.fillerLikeness else { return false }
        return likeness < fillerShapeThreshold
    }

    /// The engine offered `<` as a real runner-up (not one of the faint choices it always lists).
    private func hasFillerAlternative(_ character: RecognizedCharacter) -> Bool {
        character.alternatives.contains { $0.character == "<" && $0.confidence >= doubtfulAlternativeAbove }
    }

    /// A check digit and the positions it covers (line, column), 0-based.
    struct CheckGroup {
        let digit: (line: Int, column: Int)
        let covered: [(line: Int, column: Int)]
        /// `<` is an acceptable digit when every covered character is a filler (TD3 optional data).
        let fillerAllowedWhenEmpty: Bool
        /// The composite check digit's group: it covers 20 positions or more in every format, a field at most 15.
        var isComposite: Bool { covered.count >= 20 }
        /// The covered positions and the digit itself, as `line * 100 + column` keys.
        var positionKeys: [Int] { (covered + [digit]).map { $0.line * 100 + $0.column } }
    }

    /// Whether a character written over the filler at `line`, `column` would stand alone in its field: fillers
    /// (or the field's end) on both sides, and not at the field's start.
    ///
    /// A field's data start at its first position and "unused character positions shall be completed with filler
    /// characters" (Doc 9303 Parts 4-7 §4.2.2, field notes), so `<<<<<<8` or `<<<4<<<` is not how a field is
    /// printed, while a check-digit search that may write any digit over an unsure filler finds such a pass one
    /// time in ten. Names are exempt (a lone initial is a name component), and so is a field's first position (a
    /// one-character content).
    static func wouldStandAlone(line: Int, column: Int, layout: MRZLayout, grid: [[RecognizedCharacter]]) -> Bool {
        guard let field = layout.field(line: line, column: column), field.name != .name, field.columns.count > 1, column > field.columns.lowerBound else { return false }
        let before = grid[line][column - 1].character == "<"
        let after = column + 1 >= field.columns.upperBound || grid[line][column + 1].character == "<"
        return before && after
    }

    func checkGroups(_ layout: MRZLayout) -> [CheckGroup] {
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

    /// Whether `trial` passes `group` while every check of `passingBefore` still passes: a change that makes one
    /// check pass by breaking another is no correction.
    private func passes(_ group: CheckGroup, keeping passingBefore: [CheckGroup], _ trial: [[RecognizedCharacter]]) -> Bool {
        passes(group, trial) && passingBefore.allSatisfy { passes($0, trial) }
    }

    private func passes(_ group: CheckGroup, _ grid: [[RecognizedCharacter]]) -> Bool {
        let covered = group.covered.map { Character(grid[$0.line][$0.column].character) }
        let digit = Character(grid[group.digit.line][group.digit.column].character)
        if group.fillerAllowedWhenEmpty, digit == "<", covered.allSatisfy({ $0 == "<" }) { return true }
        return CheckDigit.character(for: covered) == digit
    }

    /// Tries single, then double substitutions among uncertain characters; applies one only when it is the only
    /// way to make the check pass without breaking another check.
    private func resolve(_ group: CheckGroup, among groups: [CheckGroup], layout: MRZLayout, grid: inout [[RecognizedCharacter]],
                         corrections: inout [Correction], classCorrected: Set<Int>, shape: ShapeMeasurer?) {
        guard !passes(group, grid) else { return }
        let otherGroups = groups.filter { $0.digit != group.digit }
        let passingBefore = otherGroups.filter { passes($0, grid) }
        // A position protected by a passing field check is not reconsidered by the composite.
        let protected = Set(passingBefore.filter { !$0.isComposite }.flatMap(\.positionKeys))
        var options: [(line: Int, column: Int, characters: [Character])] = []
        for position in group.covered + [group.digit] where !protected.contains(position.line * 100 + position.column) {
            let read = grid[position.line][position.column]
            let readCharacter = Character(read.character)
            let characterClass = layout.characterClass(line: position.line, column: position.column)
            var candidates: [Character]
            if read.confidence < repairableBelow {
                candidates = read.alternatives.map { Character($0.character) } + (Self.confusable[readCharacter] ?? [])
                // An unsure filler, or a digit the class step had to guess, may be any digit: each has its own
                // check value, so at most one passes.
                if readCharacter == "<" || classCorrected.contains(position.line * 100 + position.column) {
                    candidates += Array("0123456789")
                }
            } else if position != group.digit, characterClass == .any, let twin = Self.lookAlikes[readCharacter], MRZCharacter.isDigit(twin) {
                // Only letter to digit (O to 0, I to 1), never a sure digit to a letter: a forger's altered digit
                // must not be "repaired" into a letter that happens to satisfy the check digit. Measured: widening
                // this to B/8, S/5, Z/2, G/6 gained nothing with the stock model and, with the MRZ model, made 10
                // wrong repairs on forged documents out of 10. The twin only: the engine's other choices for a
                // sure O (Q, D, I) made 4 wrong repairs of 4 on the bench and tuning sets.
                candidates = [twin]
            } else {
                continue
            }
            var seen = Set<Character>()
            candidates = candidates.filter { $0 != readCharacter && characterClass.allows($0) && seen.insert($0).inserted }
            // A digit, however unsure, is not made a letter to fit a check: the engines read digits as letters, not
            // the reverse, and a forger's altered field "repaired" that way passes. Measured over nine generated
            // sets, both models: such changes were right 2 times in 9.
            if MRZCharacter.isDigit(readCharacter) { candidates = candidates.filter { !MRZCharacter.isLetter($0) } }
            if readCharacter == "<", Self.wouldStandAlone(line: position.line, column: position.column, layout: layout, grid: grid) {
                candidates = candidates.filter(MRZCharacter.isFiller)
            }
            // Never to a glyph the print contradicts: one the ink matches worse, by the shape margin, than another
            // glyph the position allows. Otherwise a forger's altered field, or a misread one, is "repaired" by
            // rewriting another character, the check digit itself included: tuning set 0114, an O read for a check
            // digit 0 made 2 to fit the altered number; seed 1357 document 0072, a composite check digit 4 read as a
            // filler and written 2 (with one unsure position in a check, some character always fits it). Until
            // 2026-12-06 only the glyph of the character read could contradict; the wider test came with the 6-px
            // shapes (`MRZReader.shapeMinimumHeight`), where it kept 3 forged documents from passing misread.
            if let shape, !candidates.isEmpty {
                candidates = candidates.filter { candidate in
                    guard let match = shape(position.line, position.column, candidate) else { return true }
                    return match.bestScore - match.readScore < shapeMargin
                }
            }
            if !candidates.isEmpty { options.append((position.line, position.column, candidates)) }
        }
        func attempt(_ changes: [Change]) -> Bool { passes(group, keeping: passingBefore, Self.applying(changes, to: grid)) }
        var solutions: [[Change]] = []
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
        // Every O and I of the field as 0 and 1 at once: the stock model reads a run of zeros as O (a genuine visa's
        // WS0G5006 as WSOGSOO6, the O at 0.88-0.99; seed 8642, document 0100), more changes than singles and pairs
        // reach, and the failed check then rejected an honest traveller. No forger gains by printing O for 0.
        let twins = options.compactMap { option -> Change? in
            guard let twin = MRZCharacter.digitTwins[Character(grid[option.line][option.column].character)],
                  option.characters.contains(twin) else { return nil }
            return (option.line, option.column, twin)
        }
        if twins.count > 2, attempt(twins) { solutions.append(twins) }
        // Choose the cheapest way to make the check pass: changing an unsure character, to a character the engine
        // itself offered, or between OCR-B look-alikes, is cheap; a clear winner is applied, a tie is left alone.
        func cost(_ changes: [Change]) -> Double {
            changes.reduce(0) { total, change in
                let read = grid[change.0][change.1]
                var cost = read.confidence
                if let offered = read.alternatives.first(where: { $0.character == String(change.2) }) { cost -= 0.5 * offered.confidence }
                // A letter read for its digit twin is cheap: document numbers are mostly digits.
                if Self.lookAlikes[Character(read.character)] == change.2 { cost *= 0.3 }
                return total + max(0.01, cost)
            }
        }
        let ranked = solutions.map { ($0, cost($0)) }.sorted { $0.1 < $1.1 }
        var chosen: [Change]?
        // A clear winner: cheaper by 0.2, or (a change the engine all but offered itself, O to 0 at 6 px) a fifth
        // of the runner-up's cost and cheaper by 0.1.
        if let best = ranked.first,
           ranked.count == 1 || ranked[1].1 - best.1 >= 0.2 || ranked[1].1 >= 5 * best.1 && ranked[1].1 - best.1 >= 0.1 {
            chosen = best.0
        }
        guard let chosen else { return }
        for (line, column, character) in chosen {
            corrections.append(Correction(line: line + 1, column: column + 1, read: grid[line][column].character,
                                          chosen: String(character), reason: "check digit", confidence: grid[line][column].confidence))
            grid[line][column].character = String(character)
        }
    }
}
