@testable import DocSentry
import Testing

/// TD3 line 1: the name from column 5; line 2 columns 0-8: the document number.
@Suite struct FillerByPositionTests {
    let pass = FillerByPosition(uncertainBelow: 0.95, doubtfulAlternativeAbove: 0.25, fillerThreshold: 0.75)

    /// ERIK<<<...<<KKKK: the run of K and < to the field's end is filler, the K that ends the name is not.
    @Test func aRunOfKAndFillersToTheFieldsEndIsFillerButTheNamesLastK() {
        #expect(PassInput(.td3, [5: "ERIK", 40: "KKKK"]).changes(pass) == (40...43).map { written($0, "<", .fillerPosition) })
    }

    /// The name's last K is a filler when the engine offered < for it and its ink, where measured, looks like one.
    @Test func aDoubtedLastKIsAFillerUnlessItsInkIsAK() {
        let doubted = PassInput(.td3, [5: "ERIK"], alternatives: [8: ["<"]])
        #expect(doubted.changes(pass) == [written(8, "<", .fillerPosition)])
        let inked = PassInput(.td3, [5: "ERIK"], alternatives: [8: ["<"]], fillerLikeness: [8: 0.2])
        #expect(inked.changes(pass).isEmpty)
    }

    /// SMITH<<ANNA with its << read KK: a person's name needs the separator.
    @Test func theFirstKKBetweenLettersOfANameWithoutSeparatorIsOne() {
        #expect(PassInput(.td3, [5: "SMITHKKANNA"]).changes(pass) == [written(10, "<", .fillerPosition), written(11, "<", .fillerPosition)])
        #expect(PassInput(.td3, [5: "SMITH<<ANNAKKARI"]).changes(pass).isEmpty)
    }

    /// GJ58898K<: no check digit tells K from <; the ink does.
    @Test func aKEndingADocumentNumberStaysWhenItsInkIsNoFiller() {
        #expect(PassInput(.td3, [100: "GJ58898K"], fillerLikeness: [107: 0.2]).changes(pass).isEmpty)
        #expect(PassInput(.td3, [100: "GJ58898K"], fillerLikeness: [107: 0.9]).changes(pass) == [written(107, "<", .fillerPosition)])
        #expect(PassInput(.td3, [100: "GJ58898K"]).changes(pass) == [written(107, "<", .fillerPosition)])
    }
}
