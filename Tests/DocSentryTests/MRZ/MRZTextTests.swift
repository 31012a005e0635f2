import DocSentry
import Testing

/// Bad MRZ text gets an error that names line and column, never a crash or a silent pass.
@Suite struct MRZTextTests {
    @Test func swipeReaderInputIsTolerated() throws {
        let text = try MRZText(reading: "\r\n P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10 \n\n")
        #expect(text.lines == Vectors.td3)
        #expect(text.format == .td3)
    }

    @Test func lowercaseNamesLineAndColumn() {
        #expect(throws: MRZTextError.invalidCharacter(line: 1, column: 6, character: "e")) {
            try MRZText(lines: ["P<UTOeRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", Vectors.td3[1]])
        }
        let error = MRZTextError.invalidCharacter(line: 1, column: 6, character: "e")
        #expect(error.description.contains("line 1, column 6: lowercase 'e'"))
    }

    @Test func fortyFiveCharactersNameTheLine() {
        #expect(throws: MRZTextError.wrongLineLength(line: 2, length: 45, format: .td3)) {
            try MRZText(lines: [Vectors.td3[0], Vectors.td3[1] + "<"])
        }
    }

    @Test func otherShapesAreErrors() {
        #expect(throws: MRZTextError.wrongLineCount(count: 1, lengths: [44])) { try MRZText(lines: [Vectors.td3[0]]) }
        #expect(throws: MRZTextError.empty) { try MRZText(reading: " \n \n") }
        #expect(throws: MRZTextError.invalidCharacter(line: 2, column: 10, character: "-")) {
            try MRZText(lines: [Vectors.td2[0], "D23145890-UTO7408122F1204159<<<<<<<6"])
        }
        #expect(throws: MRZTextError.unequalLineLengths(lengths: [20, 20])) {
            try MRZText(lines: [String(repeating: "<", count: 20), String(repeating: "<", count: 20)])
        }
    }

    @Test func visaAndCardFormatsAreToldApartByTheFirstLetter() throws {
        #expect(try MRZText(lines: Vectors.mrvA).format == .mrvA)
        #expect(try MRZText(lines: Vectors.mrvB).format == .mrvB)
        #expect(try MRZText(lines: Vectors.td2).format == .td2)
    }
}
