@testable import DocSentry
import Testing

/// TD3 line 2 columns 0-8: the document number; line 1 from column 5: the name.
@Suite struct LeadingFillerTests {
    let pass = LeadingFiller(margin: 0.05, minimum: 0.5, confirmedConfidence: 0.95)

    /// The print and the grammar agree: the glyph, confirmed so that the check-digit search leaves it.
    @Test func aLeadingFillerTakesTheGlyphItsPrintShows() {
        let input = PassInput(.td3, [100: "<12345678"], confidence: [100: 0.6], shape: printShowing([100: "K"], margin: 0.1))
        #expect(input.changes(pass) == [written(100, "K", .glyphShape), bounded(100, .confirm(atLeast: 0.95))])
    }

    @Test func elseTheEnginesFirstAllowedAlternative() {
        #expect(PassInput(.td3, [5: "<OWALCZYK"], alternatives: [5: ["<", "K"]]).changes(pass) == [written(5, "K", .fillerPosition)])
    }

    @Test func otherwiseItStays() {
        #expect(PassInput(.td3, [100: "<12345678"]).changes(pass).isEmpty)
    }

    /// An empty field begins with a filler as it should.
    @Test func anEmptyFieldIsLeftAlone() {
        #expect(PassInput(.td3, [:], alternatives: [100: ["K"]], shape: printShowing([100: "K"])).changes(pass).isEmpty)
    }
}
