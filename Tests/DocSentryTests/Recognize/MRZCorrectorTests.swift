@testable import DocSentry
import Testing

/// The corrector on engine output built from real MRZs with the engine's typical confusions injected.
@Suite struct MRZCorrectorTests {
    /// Engine output for `lines`, every character sure unless listed in `uncertain` (line, column → alternatives).
    func engineOutput(_ lines: [String], confidence: [Int: Double] = [:], alternatives: [Int: [String]] = [:],
                      alternativeConfidence: Double = 0.3) -> [[RecognizedCharacter]] {
        lines.enumerated().map { lineIndex, line in
            line.enumerated().map { column, character in
                let key = lineIndex * 100 + column
                return RecognizedCharacter(
                    character: String(character), confidence: confidence[key] ?? 0.97,
                    alternatives: (alternatives[key] ?? []).map { .init(character: $0, confidence: alternativeConfidence) }, box: [])
            }
        }
    }

    /// The corrector as `MRZReader` sets it up for the stock model.
    var stockModelCorrector: MRZCorrector {
        var corrector = MRZCorrector()
        corrector.printedOverRead = MRZCorrector.stockModelPrintedOverRead
        return corrector
    }

    /// An MRZ composed for a test: what the test is about is given, the rest is the UTO specimen's (Doc 9303 Part 4,
    /// Appendix A: born 12 August 1974, male, nationality UTO).
    func composed(_ format: MRZFormat, code: String, state: String = "UTO", surname: String, givenNames: [String], number: String,
                  nationality: String = "UTO", born: String = "740812", sex: String = "M", expires: String = "300101") -> [String] {
        MRZComposer.compose(MRZFields(format: format, documentCode: code, issuingState: state, primaryIdentifier: [surname],
                                      secondaryIdentifier: givenNames, documentNumber: number, nationality: nationality,
                                      dateOfBirth: born, sex: sex, dateOfExpiry: expires))
    }

    /// A genuine visa whose number the stock model read WSOGSOO6 for WS0G5006, every O sure (seed 8642 document 0100).
    var halvorsenVisa: [String] {
        composed(.mrvA, code: "V<", state: "IRL", surname: "HALVORSEN", givenNames: ["HUGO"], number: "WS0G5006",
                 nationality: "IND", born: "890723", expires: "270310")
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
        let lines = composed(.td3, code: "P<", surname: "ERIK", givenNames: ["KARL", "MAKKONEN"], number: "X1234567")
        let misread = [lines[0].replacingOccurrences(of: "<<<<", with: "KKKK"), lines[1]]
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .td3))
        #expect(corrected.text.lines == lines)
    }

    /// ERIK at the end of a visa's name, the line's faint end read as letters (seed 9191 document 0131,
    /// ERIK<<<<<<KEKKK): the K after ERI is the name's, the later ones are fillers. Counting every K of the
    /// trailing run made ERIK's K one of two and the name ERI.
    @Test func aNameEndingInKKeepsItWhenTheLineEndIsReadAsLetters() throws {
        let lines = composed(.mrvB, code: "V<", state: "JPN", surname: "MORENO", givenNames: ["ERIK"], number: "T7215477",
            nationality: "UKR", born: "650320", expires: "280304")
        #expect(lines[0].hasSuffix("ERIK<<<<<<<<<<<<<<<<<<<"))
        let misread = replacing(lines, 0, 35, with: "K")
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .mrvB))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections.map(\.column) == [36])
    }

    /// A K the engine doubted (a filler among its alternatives) stays a K when its ink does not look like this
    /// MRZ's fillers: VIKTOR is not VI<TOR.
    @Test func aDoubtedKThatLooksLikeAKIsKept() throws {
        let lines = composed(.td3, code: "P<", surname: "MORENO", givenNames: ["VIKTOR"], number: "X1234567")
        let k = try #require(Array(lines[0]).firstIndex(of: "K"))
        var output = engineOutput(lines, confidence: [k: 0.65], alternatives: [k: ["<"]])
        #expect(try #require(MRZCorrector().correct(output, format: .td3)).text.lines[0].contains("VI<TOR"))
        for column in output[0].indices { output[0][column].fillerLikeness = lines[0][lines[0].index(lines[0].startIndex, offsetBy: column)] == "<" ? 0.95 : 0.2 }
        #expect(try #require(MRZCorrector().correct(output, format: .td3)).text.lines == lines)
    }

    /// A K ending a document number right before its filler (GJ58898K<, a genuine visa of the seed-2468 set) is
    /// printed when its ink does not look like this MRZ's fillers; the same cell inked like a filler is the stock
    /// model's K for <. No check digit can tell the two (K and < differ by 20 in check value).
    @Test func aKEndingADocumentNumberIsKeptWhenItsInkIsNoFiller() throws {
        let lines = composed(.mrvA, code: "V<", state: "NOR", surname: "ROSSETTI", givenNames: ["LIESBETH"], number: "GJ58898K",
            nationality: "TUR", born: "810820", sex: "F", expires: "271125")
        let k = 7
        #expect(Array(lines[1])[k] == "K" && Array(lines[1])[k + 1] == "<")
        var output = engineOutput(lines)
        for line in output.indices {
            for column in output[line].indices {
                output[line][column].fillerLikeness = Array(lines[line])[column] == "<" ? 0.95 : 0.2
            }
        }
        #expect(try #require(MRZCorrector().correct(output, format: .mrvA)).text.lines == lines)

        output[1][k].fillerLikeness = 0.9
        let asFiller = try #require(MRZCorrector().correct(output, format: .mrvA)).text.lines[1]
        #expect(Array(asFiller)[k] == "<")
    }

    /// A forger's altered document number with its check digit left, the check digit read O (class: 0, a guess): the
    /// search would rewrite the check digit to fit the altered number and the forgery would pass (tuning set 0114).
    /// When the print of the check digit is a clear 0, the check may not overrule it.
    @Test func theCheckDigitSearchDoesNotRewriteACharacterItsPrintShows() throws {
        let genuine = composed(.mrvA, code: "V<", state: "BEL", surname: "ESPOSITO", givenNames: ["ELIAS"], number: "W8Z94059",
            nationality: "ARG", born: "080804", expires: "310318")
        #expect(Array(genuine[1])[9] == "0")
        let altered = replacing(genuine, 1, 6, with: "8")  // W8Z94089 (check digit 1), the 0 left as it was
        let misread = replacing(altered, 1, 9, with: "O")
        let output = engineOutput(misread)
        // Without the print the search fits the check digit to the altered number.
        let fitted = try #require(MRZCorrector().correct(output, format: .mrvA))
        #expect(fitted.corrections.contains { $0.reason == .checkDigit && $0.column == 10 })
        // The print of column 10 of line 2 is a clear 0.
        let kept = try #require(MRZCorrector().correct(output, format: .mrvA, shape: printShowing([109: "0"], margin: 0.35)))
        #expect(!kept.corrections.contains { $0.reason == .checkDigit })
        #expect(kept.text.lines == altered)
    }

    /// A forger changed L898902C3's last digit to 9 and left the check digits; the engine doubted the 0 in it. As
    /// O (check value 24) the altered number would pass both its check and the composite: a digit is never made a
    /// letter to fit a check, and the failure stays for a person to see.
    @Test func anUnsureDigitIsNotMadeALetterToFitACheck() throws {
        let forged = replacing(Vectors.td3, 1, 8, with: "9")
        let fitting = replacing(forged, 1, 5, with: "O")
        let check = { (line: String) in CheckDigit.character(for: Array(line).prefix(9)) == Array(line)[9] }
        #expect(!check(forged[1]) && check(fitting[1]))
        let corrected = try #require(MRZCorrector().correct(engineOutput(forged, confidence: [105: 0.5]), format: .td3))
        #expect(corrected.text.lines == forged)
        #expect(corrected.corrections.isEmpty)
    }

    /// A forger's composite check digit 4 (seed 1357, document 0072, 6-px print) read as a filler, unsure: some
    /// digit always makes the composite pass there. The print shows a 4 more clearly, by the shape margin, than
    /// any digit that fits, so none is written.
    @Test func theCheckDigitSearchDoesNotWriteAGlyphThePrintContradicts() throws {
        let forged = replacing(Vectors.td3, 1, 43, with: "4")
        let misread = replacing(forged, 1, 43, with: "<")
        let output = engineOutput(misread, confidence: [143: 0.5])
        let fitted = try #require(MRZCorrector().correct(output, format: .td3))
        #expect(fitted.text.lines == Vectors.td3, "without the print, the digit that fits")
        let kept = try #require(MRZCorrector().correct(output, format: .td3, shape: printShowing([143: "4"], margin: 0.1)))
        #expect(!kept.corrections.contains { $0.reason == .checkDigit })
        #expect(kept.text.lines[1].last != Vectors.td3[1].last)
    }

    /// IDBEL read IOBEL, sure (seed 8080 document 0176): no check digit covers the code, and OCR-B's D and O
    /// correlate alike with most prints. An O whose print matches D better by the margin is a D; an O whose print
    /// matches D a little less stays, as does an O where a digit may stand (there the check digit decides).
    @Test func anOWhosePrintIsADIsReadAsD() throws {
        let lines = composed(.td1, code: "ID", state: "BEL", surname: "DUBOIS", givenNames: ["ODILE"], number: "SG052W234",
            nationality: "BEL", born: "890408", sex: "F", expires: "290219")
        let misread = replacing(lines, 0, 1, with: "O")
        let printed = { (margin: Double) in printShowing([1: "D"], margin: margin) }
        let byPrint = try #require(stockModelCorrector.correct(engineOutput(misread), format: .td1, shape: printed(0.02)))
        #expect(byPrint.text.lines == lines)
        // The MRZ model does not make this misread: its corrector does not look.
        #expect(try #require(MRZCorrector().correct(engineOutput(misread), format: .td1, shape: printed(0.02))).text.lines == misread)
        #expect(byPrint.corrections.map(\.reason) == [.glyphShape])
        let close = try #require(stockModelCorrector.correct(engineOutput(misread), format: .td1, shape: printed(0.005)))
        #expect(close.text.lines == misread)
        // The O of DUBOIS and of ODILE, printed as O, stay.
        let name = try #require(stockModelCorrector.correct(engineOutput(lines), format: .td1,
                                                            shape: printShowing([203: "O", 208: "O"], margin: 0.15)))
        #expect(name.text.lines == lines)
    }

    /// PRT read PRI (seed 8642 document 0118, a genuine card that passed as Puerto Rico's): both are codes, no check
    /// digit covers the issuing State, and the engine was sure. The print shows a T by the pair's margin. A name's
    /// filler read as C, its print the MRZ's filler, is a filler; a C whose print is only a little more like one
    /// stays.
    @Test func aSureTReadAsIAndAFillerReadAsCAreReadAsPrinted() throws {
        let lines = composed(.td2, code: "I<", state: "PRT", surname: "SILVA", givenNames: ["ANA"], number: "SG052W234",
            nationality: "PRT", born: "890408", sex: "F", expires: "290219")
        #expect(lines[0].hasPrefix("I<PRTSILVA<<ANA<<<"))
        var misread = replacing(lines, 0, 4, with: "I")
        misread = replacing(misread, 0, 15, with: "C")
        let printed = { (fillerMargin: Double) in printShowing([4: (glyph: "T", margin: 0.1), 15: (glyph: "<", margin: fillerMargin)]) }
        let corrected = try #require(stockModelCorrector.correct(engineOutput(misread), format: .td2, shape: printed(0.1)))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections.map(\.reason) == [.glyphShape, .fillerShape])
        let close = try #require(stockModelCorrector.correct(engineOutput(misread), format: .td2, shape: printed(0.05)))
        #expect(close.text.lines == replacing(lines, 0, 15, with: "C"))
    }

    /// ANNE<MARIE read ANNEKMARIE, sure (seed 3030 document 0170, a genuine visa): the print is the MRZ's filler.
    /// A K that begins a name is never taken for one, whatever its print (KOWALCZYK, seed 2727 document 0059).
    @Test func aSureKWhosePrintIsAFillerIsOneUnlessItBeginsTheName() throws {
        let lines = composed(.mrvB, code: "V<", state: "NZL", surname: "KOWALCZYK", givenNames: ["ANNE", "MARIE"], number: "K1111646",
            nationality: "GHA", born: "031215", sex: "F", expires: "280129")
        #expect(lines[0].hasPrefix("V<NZLKOWALCZYK<<ANNE<MARIE<<"))
        let misread = replacing(lines, 0, 20, with: "K")
        let fillerPrint = printShowing([20: "<", 5: "<"], margin: 0.1)
        let corrected = try #require(stockModelCorrector.correct(engineOutput(misread), format: .mrvB, shape: fillerPrint))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections.map(\.column) == [21])
    }

    /// A genuine visa's WS0G5006 read WSOGSOO6 (seed 8642 document 0100): the print shows 5 clearly and each 0
    /// by less than the strong margin, and the number's check passes with all four, not with fewer. The print and
    /// the check digit are the two witnesses: the four are read as printed (glyph shape), not left to the
    /// check-digit search.
    @Test func aFailingFieldIsReadAsPrintedWhenThatMakesItsCheckPass() throws {
        let lines = halvorsenVisa
        var misread = lines
        for (column, letter) in [(2, "O"), (4, "S"), (5, "O"), (6, "O")] as [(Int, Character)] {
            misread = replacing(misread, 1, column, with: letter)
        }
        let shape = printShowing([102: (glyph: "0", margin: 0.04), 104: (glyph: "5", margin: 0.1), 105: (glyph: "0", margin: 0.04),
                                  106: (glyph: "0", margin: 0.04)])
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .mrvA, shape: shape))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections.count == 4 && corrected.corrections.allSatisfy { $0.reason == .glyphShape })
    }

    /// A card's document code I read as Z, sure (seed 5150 document 0087, strong perspective: the genuine card
    /// was rejected). No card's code begins with Z: the letter the print shows, else the engine's allowed
    /// alternative, as a guess; with neither, the Z stays, as a doubt (a rescan, not a reject).
    @Test func aDocumentCodeOutsideItsFormatsLettersIsAGuess() throws {
        let misread = replacing(Vectors.td1, 0, 0, with: "Z")
        let shown = printShowing([0: "I"], margin: 0.15)
        let byPrint = try #require(MRZCorrector().correct(engineOutput(misread), format: .td1, shape: shown))
        #expect(byPrint.text.lines == Vectors.td1)
        #expect(byPrint.corrections.map(\.reason) == [.documentCode])
        #expect(byPrint.confidences[0][0] <= 0.5)
        let byAlternative = try #require(MRZCorrector().correct(engineOutput(misread, alternatives: [0: ["2", "I"]]), format: .td1))
        #expect(byAlternative.text.lines == Vectors.td1)
        let neither = try #require(MRZCorrector().correct(engineOutput(misread), format: .td1))
        #expect(neither.text.lines == misread)
        #expect(neither.confidences[0][0] <= 0.5)
        // Deciding which way up a page reads, a code so corrected counts as the misplaced character it was: text
        // read upside down must not win by it.
        #expect(Inspector.readScore(byPrint) < Inspector.readScore(neither))
    }

    /// A genuine visa's WS0G5006 read WSOGSOO6, every O sure (seed 8642, document 0100, stock model): three changes,
    /// more than the search's singles and pairs, and the failed check rejected an honest traveller.
    @Test func everyOOfAFailingFieldIsTriedAsZeroAtOnce() throws {
        let lines = halvorsenVisa
        var misread = lines
        for column in [2, 5, 6] { misread = replacing(misread, 1, column, with: "O") }
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .mrvA))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections.map(\.column).sorted() == [3, 6, 7])
        #expect(corrected.corrections.allSatisfy { $0.read == "O" && $0.chosen == "0" && $0.reason == .checkDigit })
    }

    @Test func characterClassesFixDigitsAndLetters() throws {
        // O for 0 in the date of birth, 1 for I in the issuing state.
        var lines = replacing(Vectors.td1, 1, 2, with: "O")
        lines = replacing(lines, 0, 4, with: "0")
        let corrected = try #require(MRZCorrector().correct(engineOutput(lines), format: .td1))
        #expect(corrected.text.lines == Vectors.td1)
        #expect(corrected.corrections.map(\.reason) == [.characterClass, .characterClass])
        #expect(corrected.corrections.contains(Correction(line: 2, column: 3, read: "O", chosen: "0", reason: .characterClass, confidence: 0.97)))
    }

    /// In a document number letters and digits are both legal: the check digit chooses, when the engine was unsure.
    @Test func checkDigitChoosesBetweenUncertainAlternatives() throws {
        let lines = replacing(Vectors.td3, 1, 5, with: "O")   // L8989O2C3: the 0 read as O
        let output = engineOutput(lines, confidence: [105: 0.55], alternatives: [105: ["0", "D"]])
        let corrected = try #require(MRZCorrector().correct(output, format: .td3))
        #expect(corrected.text.lines == Vectors.td3)
        #expect(corrected.corrections == [Correction(line: 2, column: 6, read: "O", chosen: "0", reason: .checkDigit, confidence: 0.55)])
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

    /// A field's data start at its first position (Doc 9303 Parts 4-7 §4.2.2): the check-digit search does not
    /// write a digit over a filler with fillers on both sides, which would turn a failing composite (a forger's
    /// left-over check digit) into a pass. A filler read among the field's characters is still restored.
    @Test func aDigitIsNotWrittenAloneAmongFillers() throws {
        // TD2 composite check digit 6 altered to 2; the last optional-data filler (line 2 column 35) read unsure.
        let forged = replacing(Vectors.td2, 1, 35, with: "2")
        let corrected = try #require(MRZCorrector().correct(engineOutput(forged, confidence: [134: 0.4]), format: .td2))
        #expect(corrected.text.lines == forged)
        #expect(corrected.corrections.isEmpty)
        // Without the rule a digit there would pass: some digit at that position makes the composite give 2.
        _ = try #require("0123456789".first { candidate in
            let line = Array(replacing(forged, 1, 34, with: candidate)[1])
            return CheckDigit.character(for: Array(line[0..<10] + line[13..<20] + line[21..<35])) == "2"
        })
        // The personal number ZE184226B with its 4 read as an unsure filler: restored by its check digit.
        let misread = replacing(Vectors.td3, 1, 32, with: "<")
        let restored = try #require(MRZCorrector().correct(engineOutput(misread, confidence: [132: 0.4]), format: .td3))
        #expect(restored.text.lines == Vectors.td3)
    }

    /// A forger's altered digit, read at 0.98 with the engine's faint runner-up choices beside it (as
    /// `lstm_choice_mode=2` always lists some): the faint choices do not make it doubtful, the check stays failed.
    @Test func faintAlternativesDoNotOpenASureCharacterToRepair() throws {
        let altered = replacing(Vectors.td3, 1, 16, with: "4")   // date of birth 740812 -> 740412, check digit left
        let output = engineOutput(altered, confidence: [116: 0.98], alternatives: [116: ["8", "9"]], alternativeConfidence: 0.02)
        let corrected = try #require(MRZCorrector().correct(output, format: .td3))
        #expect(corrected.text.lines == altered)
        #expect(corrected.corrections.isEmpty)
        // A strong runner-up (0.4) does not open it either: the search changes only what the engine read under
        // `repairableBelow` (0.7). Read at 0.6, the check digit settles it.
        let runnerUp = engineOutput(altered, confidence: [116: 0.98], alternatives: [116: ["8"]], alternativeConfidence: 0.4)
        #expect(try #require(MRZCorrector().correct(runnerUp, format: .td3)).text.lines == altered)
        let doubtful = engineOutput(altered, confidence: [116: 0.6], alternatives: [116: ["8"]], alternativeConfidence: 0.4)
        #expect(try #require(MRZCorrector().correct(doubtful, format: .td3)).text.lines == Vectors.td3)
    }

    /// A sure O may still become 0 (OCR-B's two are alike), but not one of the engine's other choices for it:
    /// on the bench and tuning sets a sure O taken as Q, D or I to pass a check was wrong 4 times out of 4.
    @Test func aSureLetterOnlyBecomesItsDigitTwin() throws {
        let misread = replacing(Vectors.td3, 1, 5, with: "O")   // L8989O2C3: the 0 read as O, sure
        let corrected = try #require(MRZCorrector().correct(
            engineOutput(misread, confidence: [105: 0.98], alternatives: [105: ["Q", "D"]], alternativeConfidence: 0.3), format: .td3))
        #expect(corrected.text.lines == Vectors.td3)
        #expect(corrected.corrections == [Correction(line: 2, column: 6, read: "O", chosen: "0", reason: .checkDigit, confidence: 0.98)])
        // XO1234567 with its check digit altered by 7: the engine's runner-up D for the printed O would pass
        // (D - O = -11, weight 3), and the O stays as printed.
        let lines = composed(.td3, code: "P<", surname: "MORENO", givenNames: ["ANA"], number: "XO1234567", sex: "F")
        let digit = try #require(Array(lines[1])[9].wholeNumberValue)
        let forged = replacing(lines, 1, 9, with: Character(String((digit + 7) % 10)))
        #expect(CheckDigit.character(for: Array("XD1234567")) == Array(forged[1])[9])
        let output = engineOutput(forged, confidence: [101: 0.98], alternatives: [101: ["D"]], alternativeConfidence: 0.3)
        #expect(try #require(MRZCorrector().correct(output, format: .td3)).text.lines == forged)
    }

    /// In strong blur the stock engine reads a whole number's digits as their letter twins, sure of each (bench
    /// tuning document 0025: 555075065 read SSSO7SO6S at 0.98). Read as digits they pass the check: they become
    /// doubts, so the failure asks for a rescan, not a reject. A number altered digit for digit gets no doubt.
    @Test func aNumberReadAsLetterTwinsIsDoubted() throws {
        let lines = composed(.td2, code: "ID", state: "FIN", surname: "LEHTINEN", givenNames: ["LAILA"], number: "555075065",
            nationality: "FIN", born: "630123", sex: "F", expires: "271107")
        let misread = [lines[0], "SSSO7SO6S" + lines[1].dropFirst(9)]
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread, confidence: Dictionary(uniqueKeysWithValues: (100..<109).map { ($0, 0.98) })), format: .td2))
        #expect(corrected.text.lines == misread)
        for (column, character) in misread[1].prefix(9).enumerated() {
            #expect(corrected.confidences[1][column] == (character.isLetter ? 0.7 : 0.98))
        }
        let altered = [lines[0], "555075068" + lines[1].dropFirst(9)]
        let sure = try #require(MRZCorrector().correct(engineOutput(altered), format: .td2))
        #expect(sure.confidences[1].allSatisfy { $0 == 0.97 })
    }

    /// Filler by shape: a K, E or X whose ink matches the MRZ's fillers becomes `<`; an A or R never does (blur
    /// makes them correlate with a filler, but no engine reads a filler as A), nor does a sure letter that only
    /// looks somewhat like one.
    @Test func fillerShapeOverrulesOnlyFillerLookAlikes() throws {
        let lines = Vectors.td3
        let first = Array(lines[0])
        // Columns 38-43 of line 1 are fillers: read them as K, E, X; and mark the letters A, R of the name as
        // filler-like too, as a strong blur makes them.
        var misread = first
        misread[38] = "K"; misread[39] = "E"; misread[40] = "X"
        var output = engineOutput([String(misread), lines[1]], confidence: [38: 0.8, 39: 0.7, 40: 0.85])
        for column in output[0].indices {
            output[0][column].fillerLikeness = first[column] == "<" ? 0.95 : 0.1
        }
        let letters = output[0].indices.filter { "AR".contains(first[$0]) }
        #expect(!letters.isEmpty)
        for column in letters { output[0][column].fillerLikeness = 0.92 }
        // A sure E (0.99) that looks only moderately like a filler (0.8) is kept.
        let name = Array(first)
        let sureE = try #require(name.indices.first { name[$0] == "E" })
        output[0][sureE].confidence = 0.99
        output[0][sureE].fillerLikeness = 0.8
        let corrected = try #require(MRZCorrector().correct(output, format: .td3))
        #expect(corrected.text.lines == lines)
        #expect(Set(corrected.corrections.map(\.column)) == [39, 40, 41])
        #expect(corrected.corrections.allSatisfy { $0.reason == .fillerShape })
    }

    /// Blurred fillers ending a TD1's optional data read as 6 and 0 (held-out set, seed 31337, document 0121): their ink
    /// matches the MRZ's fillers, the engine doubted them, and only the composite covers them. A printed digit of
    /// the field, or a filler-like digit the engine was sure of, is not touched.
    @Test func fillersReadAsDigitsAtTheEndOfOptionalDataAreRestoredByShape() throws {
        let lines = Vectors.td1
        var misread = Array(lines[0])
        for (column, digit) in [(22, "6"), (23, "6"), (24, "0"), (26, "0")] { misread[column] = Character(digit) }
        var output = engineOutput([String(misread), lines[1], lines[2]], confidence: [22: 0.85, 23: 0.83, 24: 0.87, 26: 0.8])
        for column in output[0].indices {
            output[0][column].fillerLikeness = Array(lines[0])[column] == "<" ? 0.99 : 0.35
        }
        let corrected = try #require(MRZCorrector().correct(output, format: .td1))
        #expect(corrected.text.lines == lines)
        #expect(Set(corrected.corrections.map(\.column)) == [23, 24, 25, 27])
        #expect(corrected.corrections.allSatisfy { $0.reason == .fillerShape && $0.chosen == "<" })

        // The same digits read with confidence stay (the composite then fails on them); so does a doubted digit
        // whose ink does not look like a filler.
        var sure = output
        for column in [22, 23, 24, 26] { sure[0][column].confidence = 0.97 }
        #expect(try #require(MRZCorrector().correct(sure, format: .td1)).corrections.allSatisfy { $0.reason != .fillerShape })
        var inked = output
        inked[0][26].fillerLikeness = 0.45
        #expect(try #require(MRZCorrector().correct(inked, format: .td1)).text.lines[0] == String(Array(lines[0])[0..<26]) + "0" + String(Array(lines[0])[27...]))
    }

    /// A failing document-number check that one OCR-B look-alike would satisfy (the first 8 of L898902C3 read,
    /// sure, as B): nothing is changed, but the character becomes a doubt, so the failure asks for a rescan, not a
    /// reject.
    @Test func aLookAlikeThatWouldSatisfyTheCheckMakesADoubt() throws {
        let misread = replacing(Vectors.td3, 1, 1, with: "B")
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread, confidence: [101: 0.99]), format: .td3))
        #expect(corrected.text.lines == misread)
        #expect(corrected.corrections.isEmpty)
        #expect(corrected.confidences[1][1] == 0.7)
        #expect(corrected.confidences[1][2] == 0.97)
        // A digit altered to another digit has no look-alike explanation: it stays sure.
        let altered = replacing(Vectors.td3, 1, 1, with: "2")
        let sure = try #require(MRZCorrector().correct(engineOutput(altered), format: .td3))
        #expect(sure.confidences[1].allSatisfy { $0 == 0.97 })
    }

    /// A line on which the class step had to guess three characters (letters in the dates) was read badly as a
    /// whole: all its characters become doubts, so a failure anywhere on it asks for a rescan.
    @Test func aBadlyReadLineIsDoubtedAsAWhole() throws {
        var misread = replacing(Vectors.td3, 1, 13, with: "Z")   // 7408122 -> Z4O8122, expiry 1204159 -> 12O4159
        misread = replacing(misread, 1, 15, with: "O")
        misread = replacing(misread, 1, 23, with: "O")
        let corrected = try #require(MRZCorrector().correct(engineOutput(misread), format: .td3))
        #expect(corrected.corrections.filter { $0.reason == .characterClass }.count == 3)
        #expect(corrected.confidences[1].allSatisfy { $0 <= 0.7 })
        #expect(corrected.confidences[0].allSatisfy { $0 == 0.97 })
        // Two guesses are not enough.
        let two = try #require(MRZCorrector().correct(engineOutput(replacing(misread, 1, 23, with: "0")), format: .td3))
        #expect(two.confidences[1][0] == 0.97)
    }

    /// A doubtful country code that is no State's is corrected to the one known code its look-alikes reach; a
    /// clearly read unknown code (a forger's) is left as printed for the rules to report.
    @Test func countryCodesAreCorrectedOnlyWhereTheEngineDoubted() throws {
        var corrector = MRZCorrector()
        corrector.countryCodes = ["UTO", "D", "NLD", "NOR"]
        let misread = replacing(Vectors.td3, 0, 4, with: "D")   // P<UTD...: the O of UTO read as D
        let doubtful = try #require(corrector.correct(engineOutput(misread, confidence: [4: 0.8]), format: .td3))
        #expect(doubtful.text.lines == Vectors.td3)
        #expect(doubtful.corrections == [Correction(line: 1, column: 5, read: "D", chosen: "O", reason: .countryCode, confidence: 0.8)])
        let sure = try #require(corrector.correct(engineOutput(misread, confidence: [4: 0.99]), format: .td3))
        #expect(sure.text.lines == misread)
        // A code three changes away is another code, not a misread: a forger's unlisted EPS stays EPS even when
        // the engine doubted every letter and offered G, R and D.
        corrector.countryCodes.insert("GRD")
        let forged = replacing(replacing(replacing(Vectors.td3, 0, 2, with: "E"), 0, 3, with: "P"), 0, 4, with: "S")
        let offered = engineOutput(forged, confidence: [2: 0.8, 3: 0.8, 4: 0.8], alternatives: [2: ["G"], 3: ["R"], 4: ["D"]])
        #expect(try #require(corrector.correct(offered, format: .td3)).text.lines == forged)
        // Without a code list nothing changes.
        #expect(try #require(MRZCorrector().correct(engineOutput(misread, confidence: [4: 0.8]), format: .td3)).text.lines == misread)
    }

    /// Heavy blur makes OCR-B's N a W: a genuine Japanese card's JPN read JPW, the W doubted at 0.92 (seed 1357,
    /// document 0130, stock model), and the unknown issuer rejected it.
    @Test func aBlurredNReadAsWIsReachedInACountryCode() throws {
        let lines = composed(.td1, code: "I<", state: "JPN", surname: "HAVERKAMP", givenNames: ["MARCO", "LUCAS"], number: "NX733HL14",
            nationality: "JPN", born: "780808", expires: "280708")
        var corrector = MRZCorrector()
        corrector.countryCodes = ["JPN", "NLD"]
        let misread = replacing(lines, 0, 4, with: "W")
        let corrected = try #require(corrector.correct(engineOutput(misread, confidence: [4: 0.92]), format: .td1))
        #expect(corrected.text.lines == lines)
        #expect(corrected.corrections == [Correction(line: 1, column: 5, read: "W", chosen: "N", reason: .countryCode, confidence: 0.92)])
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

    /// A 6-px TD2 (bench document 0189): every character read at about 0.5, the leading 0 of 0053R7509 read O
    /// with 0 as the engine's strong runner-up. Making its second character 4, the engine's runner-up there, would
    /// pass the check too (both shift the sum by 2 mod 10), but that change is six times dearer: the cheap one is
    /// taken.
    @Test func aFarCheaperRepairWinsWithASmallerGap() throws {
        let lines = composed(.td2, code: "I<", state: "NOR", surname: "PETROVA", givenNames: ["NINA"], number: "0053R7509",
            nationality: "NOR", born: "430703", sex: "F", expires: "280712")
        let misread = [lines[0], "O" + lines[1].dropFirst()]
        func output(leadingAlternative: Double) -> [[RecognizedCharacter]] {
            var output = engineOutput(misread)
            for column in output[1].indices { output[1][column].confidence = 0.49 }
            output[1][0].confidence = 0.46
            output[1][0].alternatives = [.init(character: "0", confidence: leadingAlternative)]
            output[1][1].alternatives = [.init(character: "4", confidence: 0.58)]
            return output
        }
        // Costs 0.03 against 0.20: a fifth, and 0.17 apart.
        let corrected = try #require(MRZCorrector().correct(output(leadingAlternative: 0.71), format: .td2))
        #expect(corrected.text.lines == lines)
        // Costs 0.09 against 0.20: neither rule holds, the tie is left for a person.
        let tie = try #require(MRZCorrector().correct(output(leadingAlternative: 0.3), format: .td2))
        #expect(tie.text.lines == misread)
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
