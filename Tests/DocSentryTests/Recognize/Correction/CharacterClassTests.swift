@testable import DocSentry
import Testing

/// TD3 positions: line 1 columns 2-4 issuing state (letters); line 2 columns 0-8 document number (any), 13-18
/// date of birth (digits), 20 sex.
@Suite struct CharacterClassTests {
    let pass = CharacterClass(guessConfidence: 0.5)

    @Test func aLetterInADateBecomesItsDigitAsAGuess() {
        let input = PassInput(.td3, [113: "74O812"])
        #expect(input.changes(pass) == [written(115, "0", .characterClass), bounded(115, .guess(atMost: 0.5))])
    }

    @Test func aDigitInACodeTakesTheEnginesLetterAlternativeFirst() {
        #expect(PassInput(.td3, [2: "UT0"], alternatives: [4: ["8", "D"]]).changes(pass)
                == [written(4, "D", .characterClass), bounded(4, .guess(atMost: 0.5))])
        #expect(PassInput(.td3, [2: "UT0"]).lines(after: pass)[0].hasPrefix("<<UTO"))
    }

    /// K for a filler is the stock model's habit, not a guess: the confidence stays.
    @Test func aKInADigitOrSexPositionIsAFillerNotAGuess() {
        #expect(PassInput(.td3, [120: "K", 113: "K"]).changes(pass) == [written(113, "<", .characterClass), written(120, "<", .characterClass)])
    }

    @Test func positionsOpenToLettersAndDigitsAreLeftAlone() {
        #expect(PassInput(.td3, [100: "L8989O2C3", 2: "UTO", 113: "740812"]).changes(pass).isEmpty)
    }
}
