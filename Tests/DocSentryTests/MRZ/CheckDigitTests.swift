import DocSentry
import Testing

@Suite struct CheckDigitTests {
    /// ICAO Doc 9303 Part 3 §4.9 and Appendix A worked examples.
    @Test(arguments: [("520727", 3), ("AB2134<<<", 5),
                      ("HA672242<658022549601086<<<<<<<<<<<<<<0", 8),   // TD3 composite (sum 448)
                      ("D231458907<<<<<<<<<<<<<<<34071279507122<<<<<<<<<<<", 2),  // TD1 composite (sum 392)
                      ("HA672242<658022549601086<<<<<<<", 8)])          // TD2 composite
    func icaoWorkedExamples(characters: String, expected: Int) {
        #expect(CheckDigit.compute(characters) == expected)
    }

    @Test func valuesFollowTheStandard() {
        #expect(MRZCharacter.checkValue("<") == 0)
        #expect(MRZCharacter.checkValue("A") == 10)
        #expect(MRZCharacter.checkValue("Z") == 35)
        #expect(MRZCharacter.checkValue("a") == nil)
        #expect(MRZCharacter.checkValue("Ä") == nil)
        #expect(CheckDigit.compute("L898902C3".map { $0 }) == 6)
    }
}
