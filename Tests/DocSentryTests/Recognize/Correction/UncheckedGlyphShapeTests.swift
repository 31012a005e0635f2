@testable import DocSentry
import Testing

/// TD3 line 1: the name from column 5, no check digit over it; line 2: the document number (columns 0-8) and the
/// sex (column 20).
@Suite struct UncheckedGlyphShapeTests {
    let pass = UncheckedGlyphShape(uncertainBelow: 0.95, doubtfulAlternativeAbove: 0.25, margin: 0.15, minimum: 0.6,
                                   classMargin: 0.05, classMinimum: 0.5, guessConfidence: 0.5)

    @Test func aDoubtedCharacterTakesTheGlyphItsPrintShowsByTheWideMargin() {
        let input = PassInput(.td3, [5: "MACKENZIEX<TERESA"], confidence: [14: 0.9], shape: printShowing([14: "<"], margin: 0.2))
        #expect(input.changes(pass) == [written(14, "<", .glyphShape)])
        let narrow = PassInput(.td3, [5: "MACKENZIEX<TERESA"], confidence: [14: 0.9], shape: printShowing([14: "<"], margin: 0.1))
        #expect(narrow.changes(pass).isEmpty)
    }

    /// A sure read is reopened only when the engine's own runner-up is the glyph the print shows.
    @Test func aSureReadNeedsTheEnginesRunnerUpToo() {
        #expect(PassInput(.td3, [5: "MACKENZIEX<TERESA"], shape: printShowing([14: "<"], margin: 0.3)).changes(pass).isEmpty)
        let runnerUp = PassInput(.td3, [5: "MACKENZIEX<TERESA"], alternatives: [14: ["<"]], alternativeConfidence: 0.71,
                                 shape: printShowing([14: "<"], margin: 0.3))
        #expect(runnerUp.changes(pass) == [written(14, "<", .glyphShape)])
    }

    /// A sex out of class has the grammar as second witness: the narrow margin, and the glyph stays a doubt.
    @Test func aCharacterOutOfClassTakesItsGlyphByTheNarrowMarginAsADoubt() {
        let input = PassInput(.td3, [120: "T"], shape: printShowing([120: "M"], margin: 0.06))
        #expect(input.changes(pass) == [written(120, "M", .glyphShape), bounded(120, .doubt(atMost: 0.5))])
    }

    /// In a checked field, only a runner-up the check digit cannot tell from the read (G and 6: ten apart).
    @Test func aCheckedPositionTakesOnlyARunnerUpTheCheckCannotSee() {
        let unseen = PassInput(.td3, [100: "6J7191666"], confidence: [100: 0.8], alternatives: [100: ["G"]], alternativeConfidence: 0.69,
                               shape: printShowing([100: "G"], margin: 0.2))
        #expect(unseen.changes(pass) == [written(100, "G", .glyphShape)])
        let seen = PassInput(.td3, [100: "6J7191666"], confidence: [100: 0.8], alternatives: [100: ["B"]], alternativeConfidence: 0.69,
                             shape: printShowing([100: "B"], margin: 0.2))
        #expect(seen.changes(pass).isEmpty)
    }
}
