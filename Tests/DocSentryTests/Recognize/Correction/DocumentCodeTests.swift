@testable import DocSentry
import Testing

/// A TD1 (3x30) whose code may begin with A, C or I, read Z at the line's edge.
@Suite struct DocumentCodeTests {
    let pass = DocumentCode(margin: 0.05, minimum: 0.5, guessConfidence: 0.5)

    @Test func theLetterThePrintShowsAsADoubt() {
        #expect(PassInput(.td1, [0: "Z<UTO"], shape: printShowing([0: "I"], margin: 0.15)).changes(pass)
                == [written(0, "I", .documentCode), bounded(0, .doubt(atMost: 0.5))])
    }

    @Test func elseTheEnginesAllowedAlternative() {
        #expect(PassInput(.td1, [0: "Z<UTO"], alternatives: [0: ["2", "I"]]).changes(pass)
                == [written(0, "I", .documentCode), bounded(0, .doubt(atMost: 0.5))])
    }

    @Test func withNeitherTheCodeStaysAsADoubt() {
        #expect(PassInput(.td1, [0: "Z<UTO"]).changes(pass) == [bounded(0, .doubt(atMost: 0.5))])
    }

    /// A visa's V on 2x44 lines is allowed there: no misread.
    @Test func aCodeItsLinesAllowIsLeftAlone() {
        #expect(PassInput(.td1, [0: "I<UTO"]).changes(pass).isEmpty)
        #expect(PassInput(.td3, [0: "V<UTO"]).changes(pass).isEmpty)
    }
}
