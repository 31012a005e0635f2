@testable import DocSentry
import Testing

/// A document number whose check fails whatever is read (TD3 line 2: L898902C3 with its check digit altered to 5).
@Suite struct LookAlikeInFailingFieldTests {
    let pass = LookAlikeInFailingField(margin: 0.15, letterToDigitMargin: 0.03, minimum: 0.6)

    @Test func aLetterWhosePrintIsItsDigitIsReadAsPrintedWhenNoOutcomeMoves() {
        let input = PassInput(.td3, [100: "L8989O2C35"], shape: printShowing([105: "0"], margin: 0.04))
        #expect(input.changes(pass) == [written(105, "0", .glyphShape)])
        let faint = PassInput(.td3, [100: "L8989O2C35"], shape: printShowing([105: "0"], margin: 0.02))
        #expect(faint.changes(pass).isEmpty)
    }

    /// A digit read where the print shows a letter needs the wide margin.
    @Test func aDigitWhosePrintIsALetterNeedsTheWideMargin() {
        #expect(PassInput(.td3, [100: "L898902C85"], shape: printShowing([108: "B"], margin: 0.1)).changes(pass).isEmpty)
        #expect(PassInput(.td3, [100: "L898902C85"], shape: printShowing([108: "B"], margin: 0.2)).changes(pass)
                == [written(108, "B", .glyphShape)])
    }

    /// Where the change makes the field's own check pass, the print and the check digit are two witnesses: taken.
    @Test func aChangeThatMakesTheFieldPassIsTaken() {
        let input = PassInput(.td3, [100: "L8989O2C36", 113: "7408122"], shape: printShowing([105: "0"], margin: 0.04))
        #expect(input.changes(pass) == [written(105, "0", .glyphShape)])
    }

    /// A position a passing check covers is left alone: here the composite passes with the O as read.
    @Test func positionsAPassingCheckCoversAreLeftAlone() {
        let input = PassInput(.td3, [100: "L8989O2C35", 143: checkDigit("L8989O2C35")], shape: printShowing([105: "0"], margin: 0.04))
        #expect(input.changes(pass).isEmpty)
    }

    @Test func fillersAreNotReadAsPrinted() {
        #expect(PassInput(.td3, [100: "L898902<35"], shape: printShowing([107: "C"], margin: 0.3)).changes(pass).isEmpty)
    }
}
