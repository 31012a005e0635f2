import DocSentry

/// The corrector (`MRZCorrector.correct`) on grids of recognised characters built from the bytes, as
/// `OCREngine` and `MRZReader.align` hand them over: one character (a grapheme, usually an MRZ character,
/// sometimes anything) per cell, a confidence, up to three alternatives (any non-empty text), a filler
/// likeness, and a print-shape comparison per cell; then the text pipeline on what it returns.
///
/// The first byte picks the format and which of the corrector's options are on (country codes from the
/// repository's rules, the stock model's print-over-read pairs); every cell then takes a few
/// bytes. Checked besides not crashing: a correction names a cell of the grid and changes what was read there,
/// the result has the format's shape, and one confidence per character.
enum CorrectorTarget {
    static let target = FuzzTarget(name: "corrector", summary: "MRZCorrector.correct on a grid of RecognizedCharacter") { bytes in
        var input = FuzzBytes(bytes)
        let options = input.byte()
        let format = MRZFormat.allCases[Int(options) % MRZFormat.allCases.count]
        var corrector = MRZCorrector()
        if options & 0x08 != 0 { corrector.countryCodes = Set(Shared.ruleSet.countries.keys) }
        if options & 0x20 != 0 { corrector.printedOverRead = MRZCorrector.stockModelPrintedOverRead }
        let withShapes = options & 0x40 != 0

        var grid: [[RecognizedCharacter]] = []
        var shapes: [[ShapeMatch?]] = []
        for _ in 0..<format.lineCount {
            var line: [RecognizedCharacter] = []
            var lineShapes: [ShapeMatch?] = []
            for _ in 0..<format.lineLength {
                line.append(cell(&input))
                lineShapes.append(shape(&input))
            }
            grid.append(line)
            shapes.append(lineShapes)
        }
        let measurer: MRZCorrector.ShapeMeasurer? = withShapes ? { line, column, _ in
            line < shapes.count && column < shapes[line].count ? shapes[line][column] : nil
        } : nil
        guard let corrected = corrector.correct(grid, format: format, shape: measurer) else { return true }

        expect(corrected.text.lines.count == format.lineCount && corrected.text.lines.allSatisfy { $0.count == format.lineLength },
               "corrected \(format) text has lines \(corrected.text.lines.map(\.count))")
        expect(corrected.confidences.map(\.count) == corrected.text.lines.map(\.count),
               "confidences \(corrected.confidences.map(\.count)) for lines \(corrected.text.lines.map(\.count))")
        for correction in corrected.corrections {
            expect((1...format.lineCount).contains(correction.line) && (1...format.lineLength).contains(correction.column),
                   "correction at line \(correction.line), column \(correction.column) of a \(format) grid")
            expect(correction.read != correction.chosen, "correction changes nothing: \(correction)")
        }
        let mode = Mode.allCases[Int(options >> 7)]  // checkpoint or audit
        let report = Shared.inspector(mode).inspect(corrected.text, file: "fuzz-input", confidences: corrected.confidences)
        _ = TextRenderer(color: false, verbose: true).render(report)
        return true
    }

    /// Odd things an engine can return for a cell: lowercase, look-alike punctuation, a combining sequence,
    /// a wide character, a flag (one grapheme of two scalars).
    static let oddCharacters: [String] = ["o", "«", "|", "(", " ", "é", "e\u{301}", "Ø", "０", "🇺🇸", "\u{200B}", "\t"]

    static func character(_ input: inout FuzzBytes) -> String {
        let choice = input.byte()
        switch choice {
        case 0..<222: return String(mrzAlphabet[Int(choice) % mrzAlphabet.count])
        case 222..<250: return oddCharacters[Int(choice - 222) % oddCharacters.count]
        default:
            // Any one grapheme of the next bytes as UTF-8.
            let text = input.text(upTo: 6)
            return text.first.map(String.init) ?? "<"
        }
    }

    static func cell(_ input: inout FuzzBytes) -> RecognizedCharacter {
        let read = character(&input)
        let confidence = input.unit()
        var alternatives: [RecognizedCharacter.Alternative] = []
        for _ in 0..<input.below(4) {
            // Usually one character; now and then several (a choice Tesseract returns as one symbol).
            var text = character(&input)
            if input.byte() > 240 { text += character(&input) }
            if text != read, !alternatives.contains(where: { $0.character == text }) {
                alternatives.append(.init(character: text, confidence: input.unit()))
            }
        }
        let filler = input.byte()
        let fillerLikeness: Double? = filler & 1 == 0 ? nil : Double(filler) / 127.5 - 1
        return RecognizedCharacter(character: read, confidence: confidence, alternatives: alternatives,
                                   box: [], fillerLikeness: fillerLikeness)
    }

    static func shape(_ input: inout FuzzBytes) -> ShapeMatch? {
        guard input.bool() else { return nil }
        let best = String(mrzAlphabet[input.below(mrzAlphabet.count)])
        return ShapeMatch(best: best, bestScore: input.unit() * 2 - 1, readScore: input.unit() * 2 - 1)
    }
}
