@testable import DocSentry
import Testing

/// TD3 line 1 columns 2-4: the issuing State.
@Suite struct UnknownCountryCodeTests {
    let pass = UnknownCountryCode(codes: ["UTO", "NLD", "GRD"], uncertainBelow: 0.95, doubtfulAlternativeAbove: 0.25)

    @Test func aDoubtfulUnknownCodeTakesTheOneKnownCodeInReach() {
        #expect(PassInput(.td3, [0: "P<UTD"], confidence: [4: 0.8]).changes(pass) == [written(4, "O", .countryCode)])
    }

    /// A code read clearly is reported as printed (a forger's), and so is one two or three changes from a code.
    @Test func aSureOrDistantCodeStays() {
        #expect(PassInput(.td3, [0: "P<UTD"]).changes(pass).isEmpty)
        let forged = PassInput(.td3, [0: "P<EPS"], confidence: [2: 0.8, 3: 0.8, 4: 0.8], alternatives: [2: ["G"], 3: ["R"], 4: ["D"]])
        #expect(forged.changes(pass).isEmpty)
    }

    @Test func withoutACodeListNothingChanges() {
        let pass = UnknownCountryCode(codes: [], uncertainBelow: 0.95, doubtfulAlternativeAbove: 0.25)
        #expect(PassInput(.td3, [0: "P<UTD"], confidence: [4: 0.8]).changes(pass).isEmpty)
    }
}
