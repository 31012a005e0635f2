@testable import DocSentry
import Testing

/// The document number L898902C3 and its check digit 6 (TD3 line 2, columns 0-9).
@Suite struct CheckedGlyphShapeTests {
    let pass = CheckedGlyphShape(margin: 0.05, minimum: 0.5)

    @Test func aPrintThatMakesTheFailingCheckPassIsRead() {
        let input = PassInput(.td3, [100: "L89B902C36"], shape: printShowing([103: "8"], margin: 0.2))
        #expect(input.changes(pass) == [written(103, "8", .glyphShape)])
    }

    @Test func withoutThePrintNothingChanges() {
        #expect(PassInput(.td3, [100: "L89B902C36"]).changes(pass).isEmpty)
    }

    /// A forger's altered digit matches its own glyph: the check still fails, and what the print shows elsewhere
    /// does not make it pass.
    @Test func aPrintThatLeavesTheCheckFailingIsNotTaken() {
        let forged = PassInput(.td3, [100: "L89B902C46"], shape: printShowing([103: "8"], margin: 0.2))
        #expect(forged.changes(pass).isEmpty)
    }

    /// Two weak suggestions (under the margin) on their own are tried, one at a time: the one that makes the check
    /// pass is taken, the other not.
    @Test func weakSuggestionsAreTriedOneAtATime() {
        let input = PassInput(.td3, [100: "L89B902C36"], shape: printShowing([103: (glyph: "8", margin: 0.02), 107: (glyph: "G", margin: 0.02)]))
        #expect(input.changes(pass) == [written(103, "8", .glyphShape)])
    }
}
