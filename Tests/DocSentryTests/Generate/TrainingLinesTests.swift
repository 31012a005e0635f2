import DocSentry
import Testing

/// The synthetic MRZ lines that train the recogniser: reproducible, in the MRZ alphabet, and true to the MRZ.
@Suite struct TrainingLinesTests {
    let alphabet = Set(MRZCharacter.alphabet)

    @Test func sameSeedSameLine() {
        for index in [0, 7, 123] {
            let first = TrainingLines.render(seed: 42, index: index)
            let second = TrainingLines.render(seed: 42, index: index)
            #expect(first == second)
            #expect(first.image.pixels.count == first.image.width * first.image.height)
            #expect(first.image.width > first.image.height)
        }
        #expect(TrainingLines.render(seed: 42, index: 1).image != TrainingLines.render(seed: 43, index: 1).image)
        #expect(TrainingLines.render(seed: 42, index: 1).image != TrainingLines.render(seed: 42, index: 2).image)
    }

    @Test func textIsTheMRZAlphabetOnly() {
        for index in 0..<200 {
            let content = TrainingLines.content(seed: 9, index: index)
            #expect((5...44).contains(content.line.count))
            #expect(content.line.allSatisfy(alphabet.contains), "line \(index)")
            #expect(TrainingLines.render(seed: 9, index: index).text == content.line)
        }
    }

    @Test func realisticLinesAreComposedMRZLines() throws {
        var formats = Set<MRZFormat>()
        var random = 0
        for index in 0..<300 {
            let content = TrainingLines.content(seed: 5, index: index)
            guard let fields = content.fields, let number = content.lineNumber else { random += 1; continue }
            formats.insert(fields.format)
            let lines = MRZComposer.compose(fields)
            #expect(lines[number] == content.line)
            #expect(content.line.count == fields.format.lineLength)
            // The composed MRZ is well formed: it parses as its format.
            let text = try MRZText(lines: lines)
            #expect(text.format == fields.format)
        }
        #expect(formats == Set(MRZFormat.allCases))
        #expect((20...100).contains(random), "about a fifth of the lines are random strings, got \(random) of 300")
    }

    @Test func pngEncodes() throws {
        let line = TrainingLines.render(seed: 1, index: 0)
        let png = try #require(TrainingLines.png(line.image))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
