@testable import DocSentry
import Testing

/// The document number L898902C3 and its check digit 6 (TD3 line 2, columns 0-9).
@Suite struct CheckDigitSearchTests {
    let pass = CheckDigitSearch(repairableBelow: 0.7, shapeMargin: 0.05)

    @Test func theCheckDigitChoosesBetweenAnUnsureCharactersAlternatives() {
        let input = PassInput(.td3, [100: "L8989O2C36"], confidence: [105: 0.55], alternatives: [105: ["0", "D"]])
        #expect(input.changes(pass) == [written(105, "0", .checkDigit)])
    }

    /// A sure O may become 0 (OCR-B's two are alike), but not one of the engine's other choices.
    @Test func aSureLetterOnlyBecomesItsDigitTwin() {
        let input = PassInput(.td3, [100: "L8989O2C36"], confidence: [105: 0.98], alternatives: [105: ["Q", "D"]])
        #expect(input.changes(pass) == [written(105, "0", .checkDigit)])
    }

    /// A sure digit is never changed to make the check pass: a genuine document printed with a wrong check digit
    /// is reported as printed.
    @Test func aSureCharacterIsNotRepaired() {
        #expect(PassInput(.td3, [100: "L398902C36"]).changes(pass).isEmpty)
    }

    /// L898902C9, a forger's last digit with the check digit left: an unsure 0 read as O would fit (+24), but a
    /// digit is never made a letter.
    @Test func anUnsureDigitIsNotMadeALetter() {
        #expect(checkDigit("L8989O2C9") == "6")
        #expect(PassInput(.td3, [100: "L898902C96"], confidence: [105: 0.5]).changes(pass).isEmpty)
    }

    /// The check digit read as an unsure filler: some digit always fits. The right one (6) is written unless the
    /// print shows another digit there.
    @Test func aGlyphThePrintContradictsIsNotWritten() {
        #expect(PassInput(.td3, [100: "L898902C3<"], confidence: [109: 0.5]).changes(pass) == [written(109, "6", .checkDigit)])
        let shown = PassInput(.td3, [100: "L898902C3<"], confidence: [109: 0.5], shape: printShowing([109: "4"], margin: 0.1))
        #expect(shown.changes(pass).isEmpty)
    }

    /// A TD2 whose optional data (line 2, columns 28-34) only the composite covers: a digit written alone among
    /// its fillers would make a forger's left-over composite pass.
    @Test func aDigitIsNotWrittenAloneAmongFillers() {
        let covered = "D231458907" + String(repeating: "<", count: 19) + "4<"
        let input = PassInput(.td2, [100: "D231458907", 135: checkDigit(covered)], confidence: [133: 0.4])
        #expect(input.changes(pass).isEmpty)
    }
}
