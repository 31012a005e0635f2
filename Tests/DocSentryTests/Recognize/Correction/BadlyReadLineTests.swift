@testable import DocSentry
import Testing

@Suite struct BadlyReadLineTests {
    let pass = BadlyReadLine(doubtConfidence: 0.7)

    @Test func threeGuessesOnALineDoubtEveryCharacterOfIt() {
        var input = PassInput(.td2, [100: "D23145890"])
        input.grid.guessed = [113, 115, 123]
        let changes = input.changes(pass)
        #expect(changes == (0..<36).map { bounded(100 + $0, .doubt(atMost: 0.7)) })
    }

    @Test func twoGuessesOrGuessesOnTwoLinesDoNot() {
        var input = PassInput(.td2, [:])
        input.grid.guessed = [113, 115, 3]
        #expect(input.changes(pass).isEmpty)
    }
}
