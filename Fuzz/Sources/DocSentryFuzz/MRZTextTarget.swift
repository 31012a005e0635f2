import DocSentry

/// The MRZ text reader (`MRZText(reading:)`, what a swipe reader or a person sends), then the whole text
/// pipeline on what it accepts: parser, structure, check-digit and date validators, the rules, the report and
/// its text, JSON and redacted forms.
///
/// Each input is used twice: as text, as sent; and as MRZ characters laid into a format's exact shape (the first
/// byte picks the format, each next byte one of the 37 characters), so that the parser and validators see
/// well-shaped zones on every run, not only when a mutation happens to keep 2 x 44 valid characters.
enum MRZTextTarget {
    static let target = FuzzTarget(name: "mrz-text", summary: "MRZText(reading:), then parse, validate, judge and report") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        _ = MRZText.looksLikeMRZText(text)
        do throws(MRZTextError) {
            let mrz = try MRZText(reading: text)
            checkShape(mrz)
            inspect(mrz, mode: Mode.allCases[bytes.count % Mode.allCases.count], outputs: true)
        } catch {
            expect(!error.description.isEmpty && !error.description.contains("\n"), "MRZ text error: \(error.description)")
        }
        inspect(shaped(bytes), mode: Mode.allCases[Int(bytes.last ?? 0) % Mode.allCases.count], outputs: false)
        return true
    }

    /// The bytes as the characters of one format's zone (past the end of the input, fillers).
    static func shaped(_ bytes: [UInt8]) -> MRZText {
        var input = FuzzBytes(bytes)
        let format = MRZFormat.allCases[input.below(MRZFormat.allCases.count)]
        var lines: [String] = []
        for line in 0..<format.lineCount {
            var characters = (0..<format.lineLength).map { _ in mrzAlphabet[input.below(mrzAlphabet.count)] }
            // The visa formats are told from the others by their first character.
            if line == 0 { characters[0] = format.isVisa ? "V" : (characters[0] == "V" ? "P" : characters[0]) }
            lines.append(String(characters))
        }
        do throws(MRZTextError) {
            let mrz = try MRZText(lines: lines)
            expect(mrz.format.lineCount == format.lineCount && mrz.format.lineLength == format.lineLength,
                   "\(format) lines read as \(mrz.format)")
            return mrz
        } catch {
            expect(false, "well-shaped \(format) lines refused: \(error)")
            fatalError()
        }
    }

    static func checkShape(_ mrz: MRZText) {
        expect(mrz.lines.count == mrz.format.lineCount, "\(mrz.lines.count) lines for \(mrz.format)")
        for line in mrz.lines {
            expect(line.count == mrz.format.lineLength, "line of \(line.count) for \(mrz.format)")
            expect(line.allSatisfy { mrzAlphabet.contains($0) }, "non-MRZ character accepted in \(line)")
        }
    }

    /// The pipeline in one mode (each input picks one: three would triple the time of a run for little new
    /// code); with `outputs`, the report is also redacted and encoded as JSON.
    static func inspect(_ mrz: MRZText, mode: Mode, outputs: Bool) {
        let document = MRZParser.parse(mrz)
        for field in document.fields {
            expect(field.line >= 1 && field.line <= mrz.lines.count && field.column >= 1
                       && field.columns.upperBound <= mrz.format.lineLength,
                   "field \(field.name) at line \(field.line), columns \(field.columns)")
        }
        let report = Shared.inspector(mode).inspect(mrz, file: "fuzz-input")
        _ = TextRenderer(color: false, verbose: true).render(report)
        if outputs {
            _ = TextRenderer(color: false).render(Redaction.redact(report, document: document))
            _ = try? Shared.jsonEncoder.encode(report)
        }
    }
}
