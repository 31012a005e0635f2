@testable import DocSentry
import Testing

/// TD3 line 2 column 27: the expiry's check digit, the line's last digit before the optional data.
@Suite struct CharacterReadAsFillerTests {
    let pass = CharacterReadAsFiller(uncertainBelow: 0.95, fillerThreshold: 0.75, margin: 0.15, minimum: 0.6, keptConfidence: 0.7)

    /// A doubted filler whose ink is not this MRZ's filler, its print a 9: the 9, kept out of the check-digit
    /// search's reach.
    @Test func aDoubtedFillerWhoseInkIsADigitIsThatDigit() {
        let input = PassInput(.td3, [121: "120415"], confidence: [127: 0.5], fillerLikeness: [127: 0.45], shape: printShowing([127: "9"]))
        #expect(input.changes(pass) == [written(127, "9", .glyphShape), bounded(127, .confirm(atLeast: 0.7))])
    }

    @Test func aCellWhoseInkIsAFillerStays() {
        #expect(PassInput(.td3, [121: "120415"], confidence: [127: 0.5], fillerLikeness: [127: 0.9], shape: printShowing([127: "9"])).changes(pass).isEmpty)
    }

    /// A filler the engine was sure of, or one whose likeness was not measured, or with no print: no witness.
    @Test func withoutBothWitnessesItStays() {
        var sure = PassInput(.td3, [121: "120415"], fillerLikeness: [127: 0.45], shape: printShowing([127: "9"]))
        sure.grid.cells[1][27].box = [300, 0, 310, 20]
        #expect(sure.changes(pass).isEmpty)
        #expect(PassInput(.td3, [121: "120415"], confidence: [127: 0.5], shape: printShowing([127: "9"])).changes(pass).isEmpty)
        #expect(PassInput(.td3, [121: "120415"], confidence: [127: 0.5], fillerLikeness: [127: 0.45]).changes(pass).isEmpty)
    }
}
