@testable import DocSentry
import Foundation
import Testing

@Suite struct CorrectionTests {
    /// Reports carry the reason as the words they always did (`ocr.corrections[].reason`), and an audit resumed
    /// from its JSON lines reads them back.
    @Test func reasonsAreEncodedAsTheirWords() throws {
        let words: [Correction.Reason: String] = [
            .characterClass: "character class", .glyphShape: "glyph shape", .fillerShape: "filler shape",
            .fillerPosition: "filler position", .documentCode: "document code", .countryCode: "country code",
            .listedNumber: "listed number", .checkDigit: "check digit",
        ]
        for (reason, word) in words {
            let correction = Correction(line: 2, column: 6, read: "O", chosen: "0", reason: reason, confidence: 0.55)
            let json = String(decoding: try JSONEncoder().encode(correction), as: UTF8.self)
            #expect(json.contains("\"reason\":\"\(word)\""))
            #expect(try JSONDecoder().decode(Correction.self, from: Data(json.utf8)) == correction)
            #expect("\(reason)" == word)
        }
    }

    /// A pass's changes, applied in order, give the grid the corrector passes on: a write is recorded with the
    /// engine's confidence in the character it replaces, a bound only moves the confidence one way.
    @Test func changesApplyInOrder() {
        var grid = PassInput(.td3, [113: "74O812"], confidence: [115: 0.9]).grid
        let correction = grid.apply(written(115, "0", .characterClass))
        #expect(correction == Correction(line: 2, column: 16, read: "O", chosen: "0", reason: .characterClass, confidence: 0.9))
        #expect(grid.apply(written(115, "0", .characterClass)) == nil)
        grid.apply(bounded(115, .guess(atMost: 0.5)))
        #expect(grid[1, 15].confidence == 0.5 && grid.guessed == [115])
        grid.apply(bounded(115, .doubt(atMost: 0.7)))
        #expect(grid[1, 15].confidence == 0.5)
        grid.apply(bounded(115, .confirm(atLeast: 0.95)))
        #expect(grid[1, 15].confidence == 0.95)
    }
}
