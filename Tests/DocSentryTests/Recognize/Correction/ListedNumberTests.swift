@testable import DocSentry
import Testing

/// The French visa specimen number F00000000 (MRV-B line 2, columns 0-8, check digit in 9) read FOOOOOOO0: seven
/// O for 0 shift the sum by 600, and the check digit passes both ways.
@Suite struct ListedNumberTests {
    let pass = ListedNumber(numbers: ["F00000000", "X00000002"])

    @Test func aNumberFoldingOntoAListedOneTakesItsSpellingWhenTheCheckAgrees() {
        let input = PassInput(.mrvB, [100: "FOOOOOOO0" + checkDigit("F00000000")])
        #expect(input.changes(pass) == (101...107).map { written($0, "0", .listedNumber) })
    }

    @Test func aWrongCheckDigitOrAListedSpellingStays() {
        #expect(PassInput(.mrvB, [100: "FOOOOOOO03"]).changes(pass).isEmpty)
        #expect(PassInput(.mrvB, [100: "F00000000" + checkDigit("F00000000")]).changes(pass).isEmpty)
        #expect(PassInput(.mrvB, [100: "FOOOOOOO0" + checkDigit("F00000000")]).changes(ListedNumber(numbers: [])).isEmpty)
    }
}
