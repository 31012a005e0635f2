@testable import DocSentry
import Testing

/// The document number L898902C3 and its check digit 6 (TD3 line 2, columns 0-9).
@Suite struct LookAlikeDoubtTests {
    let pass = LookAlikeDoubt(doubtConfidence: 0.7)

    /// LB98902C3, sure: read as 8 the B passes the check, and so, by chance, would the next 8 read as B (+21) or
    /// the 2 as Z (+231): all three become doubts, nothing is written.
    @Test func aLookAlikeThatWouldSatisfyTheCheckIsADoubt() {
        let input = PassInput(.td3, [100: "LB98902C36"])
        #expect(input.changes(pass) == [101, 103, 106].map { bounded($0, .doubt(atMost: 0.7)) })
        #expect(input.lines(after: pass) == input.lines)
    }

    /// A digit altered to another digit has no look-alike explanation.
    @Test func anAlteredDigitIsNoDoubt() {
        #expect(PassInput(.td3, [100: "L298902C36"]).changes(pass).isEmpty)
    }

    /// 555075065 read SSSO7SO6S, every letter sure: read as digits together they pass, so each is a doubt.
    @Test func aNumberReadAsLetterTwinsIsDoubted() {
        let input = PassInput(.td2, [100: "SSSO7SO6S" + checkDigit("555075065")])
        let changes = input.changes(pass)
        #expect(Set(changes.map { $0.line * 100 + $0.column }) == [100, 101, 102, 103, 105, 106, 108])
        #expect(changes.allSatisfy { $0.edit == .doubt(atMost: 0.7) })
    }
}
