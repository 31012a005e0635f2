@testable import DocSentry
import Testing

/// TD3 line 2 column 20: the sex.
@Suite struct SexTests {
    let pass = Sex(guessConfidence: 0.5)

    @Test func aSexOutOfClassTakesTheEnginesAllowedAlternativeAsAGuess() {
        #expect(PassInput(.td3, [120: "T"], alternatives: [120: ["H", "M"]]).changes(pass)
                == [written(120, "M", .characterClass), bounded(120, .guess(atMost: 0.5))])
    }

    @Test func withNoAllowedAlternativeItStays() {
        #expect(PassInput(.td3, [120: "T"], alternatives: [120: ["H"]]).changes(pass).isEmpty)
        #expect(PassInput(.td3, [120: "F"], alternatives: [120: ["M"]]).changes(pass).isEmpty)
    }
}
