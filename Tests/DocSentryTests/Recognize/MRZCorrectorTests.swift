@testable import DocSentry
import Testing

/// The corrector on engine output built from real MRZs with the engine's typical confusions injected.
@Suite struct MRZCorrectorTests {
    /// Engine output for `lines`, every character sure unless listed in `uncertain` (line, column → alternatives).
    func engineOutput(_ lines: [String], confidence: [Int: Double] = [:], alternatives: [Int: [String]] = [:]) -> [[RecognizedCharacter]] {
        lines.enumerated().map { lineIndex, line in
            line.enumerated().map { column, character in
                let key = lineIndex * 100 + column
                return RecognizedCharacter(
                    character: String(character), confidence: confidence[key] ?? 0.97,
                    alternatives: (alternatives[key] ?? []).map { .init(character: $0, confidence: 0.3) }, box: [])
            }
        }
    }

    func replacing(_ lines: [String], _ line: Int, _ column: Int, with character: Character) -> [String] {
        var copy = lines
        var characters = Array(copy[line])
        characters[column] = character
        copy[line] = String(characters)
        return copy
    }

    @Test func fillersReadAsKAreRestoredByPosition() throws {
        // Every filler of the TD3 specimen read as K: check digits cannot see it (K ≡ < mod 10). The single
        // filler between ANNA and MARIA is told from a letter only by the engine's doubt.
        let lines = Vectors.td3.map { $0.replacingOccurrences(of: "<", with: "K") }
        let output = engineOutput(lines, confidence: [19: 0.6], alternatives: [19: ["<"]])
        let corrected = try #require(MRZCorrector().correct(output, format: .td3))
        #expect(corrected.text.lines == Vectors.td3)
        #expect(corrected.corrections.allSatisfy { $0.read == "K" && $0.chosen == "<" })
        #expect(corrected.corrections.count == Vectors.td3.joined().filter { $0 == "<" }.count)
    }

    @Test func aRealKInANameIsKept() throws {
        let lines = MRZComposer.compose(MRZFields(format: .td3, documentCode: "P<", issuingState: "UTO",
            primaryIdentifier: ["ERIK"], secondaryIdentifier: ["KARL", "MAKKONEN"], documentNumber: "X1234567",
            nationality: "UTO", dateOfBirth: "740812", sex: "M", dateOfExpiry: "300101"))
        let misread = [lines[0].replacingOccurrences(of: "<<<<", with: "KKKK"), lines[1]]
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .td3))
        #expect(corrected.text.lines == lines)
    }

    @Test func characterClassesFixDigitsAndLetters() throws {
        // O for 0 in the date of birth, 1 for I in the issuing state.
        var lines = replacing(Vectors.td1, 1, 2, with: "O")
        lines = replacing(lines, 0, 4, with: "0")
        let corrected = try #require(MRZCorrector().correct(engineOutput(lines), format: .td1))
        #expect(corrected.text.lines == Vectors.td1)
        #expect(corrected.corrections.map(\.reason) == ["character class", "character class"])
        #expect(corrected.corrections.contains(Correction(line: 2, column: 3, read: "O", chosen: "0", reason: "character class", confidence: 0.97)))
    }

    /// In a document number letters and digits are both legal: the check digit chooses, when the engine was unsure.
    @Test func checkDigitChoosesBetweenUncertainAlternatives() throws {
        let lines = replacing(Vectors.td3, 1, 5, with: "O")   // L8989O2C3: the 0 read as O
        let output = engineOutput(lines, confidence: [105: 0.55], alternatives: [105: ["0", "D"]])
        let corrected = try #require(MRZCorrector().correct(output, format: .td3))
        #expect(corrected.text.lines == Vectors.td3)
        #expect(corrected.corrections == [Correction(line: 2, column: 6, read: "O", chosen: "0", reason: "check digit", confidence: 0.55)])
    }

    /// A confidently read character is never changed to make a check digit pass: genuine documents with wrong
    /// check digits exist and must be reported as printed.
    @Test func confidentCharactersAreNotRepaired() throws {
        // A check digit printed wrong (6 for 5), and a field digit read confidently (3 for 8).
        var lines = replacing(Vectors.td3, 1, 9, with: "5")
        #expect(try #require(MRZCorrector().correct(engineOutput(lines), format: .td3)).corrections.isEmpty)
        lines = replacing(Vectors.td3, 1, 1, with: "3")
        let corrected = try #require(MRZCorrector().correct(engineOutput(lines), format: .td3))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections.isEmpty)
    }

    /// OCR-B 0 and O are so alike that the check digit decides between them even when the engine was sure
    /// (real-scans.md: letters are common in document numbers, so no position is forced to a digit).
    @Test func lookAlikesInDocumentNumbersAreSettledByTheCheckDigit() throws {
        let lines = ["V<IRLGALLAGHER<<ANDRES<<<<<<<<<<<<<<", "T00944N597PHL0301187M2904272<<<<<<<<"]
        let misread = [lines[0], "TOO944N597PHL0301187M2904272<<<<<<<<"]
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .mrvB))
        #expect(corrected.text.lines == lines)
        let single = ["V<IRLVERHOEVEN<<TERESA<<<<<<<<<<<<<<<<<<<<<<", "ZC7O002378KEN6512297F3009082<<<<<<<<<<<<<<<<"]
        let fixed = try #require(MRZCorrector().correct(engineOutput(single), format: .mrvA))
        #expect(fixed.text.lines[1].hasPrefix("ZC70002378"))
    }

    @Test func wrongShapeIsNil() {
        #expect(MRZCorrector().correct(engineOutput([Vectors.td3[0]]), format: .td3) == nil)
    }

    @Test func alignmentPlacesSymbolsOnThePitchGrid() {
        // 10 cells of 20 px starting at x = 3 (ink from 6 to 200 - 3 - 3); symbols in cells 0, 1 and 9 only.
        let extent = MRZReader.InkExtent(left: 6, right: 200, top: 0, bottom: 30)
        func symbol(_ c: String, _ cell: Int) -> RecognizedCharacter {
            let pitch = 194.0 / 9.7
            let left = Int(6 - 0.15 * pitch + Double(cell) * pitch + 4)
            return RecognizedCharacter(character: c, confidence: 0.9, alternatives: [], box: [left, 0, left + 12, 30])
        }
        let aligned = MRZReader.align([symbol("P", 0), symbol("D", 1), symbol("9", 9)], extent: extent, length: 10)
        #expect(aligned.map(\.character).joined() == "PD<<<<<<<9")
        #expect(aligned[4].confidence == 0.5)
    }
}
