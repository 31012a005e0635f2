@testable import DocSentry
import Testing

/// TD3 line 1: the name from column 5; line 2 columns 28-41: the optional data.
@Suite struct FillerByShapeTests {
    let pass = FillerByShape(uncertainBelow: 0.95, threshold: 0.75)

    @Test func aFillerLookAlikeWhoseInkIsAFillerIsOne() {
        let input = PassInput(.td3, [5: "ANNA<<<EX"], confidence: [12: 0.8, 13: 0.8], fillerLikeness: [12: 0.8, 13: 0.8])
        #expect(input.changes(pass) == [written(12, "<", .fillerShape), written(13, "<", .fillerShape)])
    }

    /// K carries the chevron of < in its arms, and a sure letter needs more than a likeness: both the close match.
    @Test func aKOrASureLetterNeedsTheCloseMatch() {
        #expect(PassInput(.td3, [5: "ANNA<<<K"], confidence: [12: 0.8], fillerLikeness: [12: 0.8]).changes(pass).isEmpty)
        #expect(PassInput(.td3, [5: "ANNA<<<K"], confidence: [12: 0.8], fillerLikeness: [12: 0.92]).changes(pass) == [written(12, "<", .fillerShape)])
        #expect(PassInput(.td3, [5: "ANNA<<<E"], confidence: [12: 0.99], fillerLikeness: [12: 0.8]).changes(pass).isEmpty)
    }

    /// Blur makes an A or an R correlate with a filler, but no engine reads a filler as one.
    @Test func lettersEnginesDoNotMakeOfFillersStay() {
        #expect(PassInput(.td3, [5: "ANNA<<<R"], confidence: [5: 0.8, 12: 0.8], fillerLikeness: [5: 0.95, 12: 0.95]).changes(pass).isEmpty)
    }

    /// Doubted digits ending an optional-data field, inked like its fillers, are fillers; a printed digit before
    /// a letter, or one the engine was sure of, is not.
    @Test func doubtedDigitsEndingOptionalDataAreFillersByTheCloseMatch() {
        let input = PassInput(.td3, [128: "ZE1842266"], confidence: [135: 0.8, 136: 0.8], fillerLikeness: [135: 0.95, 136: 0.95])
        #expect(input.changes(pass) == [written(135, "<", .fillerShape), written(136, "<", .fillerShape)])
        #expect(PassInput(.td3, [128: "ZE1842266"], fillerLikeness: [135: 0.95, 136: 0.95]).changes(pass).isEmpty)
        #expect(PassInput(.td3, [128: "ZE18422B6"], confidence: [136: 0.8], fillerLikeness: [136: 0.95]).changes(pass)
                == [written(136, "<", .fillerShape)])
        #expect(PassInput(.td3, [128: "ZE1842266B"], confidence: [135: 0.8, 136: 0.8], fillerLikeness: [135: 0.95, 136: 0.95]).changes(pass).isEmpty)
    }

    @Test func aFillerWhoseInkIsNoFillerIsADoubt() {
        #expect(PassInput(.td3, [5: "ANNA"], fillerLikeness: [9: 0.2]).changes(pass) == [bounded(9, .doubt(atMost: 0.5))])
    }
}
