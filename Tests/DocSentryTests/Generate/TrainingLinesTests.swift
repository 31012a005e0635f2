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

    /// Photo-style lines look like the real photographed lines a line cropper makes: black and white only, the text
    /// 33-40 px high (up to 2.4 times that when bits of the neighbouring lines are kept above and below it), white
    /// margins (10 px above, 10-12 below, a few pixels at either side) around ink that fills the rest: 53-118 px.
    @Test func photoStyleLinesAreCroppedScaledAndBinarised() {
        for index in 0..<12 {
            let line = TrainingLines.render(seed: 3, index: index, style: .photo)
            #expect(line == TrainingLines.render(seed: 3, index: index, style: .photo))
            #expect(line.text == TrainingLines.content(seed: 3, index: index).line)
            let image = line.image
            #expect((53...118).contains(image.height), "line \(index): \(image.height) px high")
            #expect(image.pixels.allSatisfy { $0 == 0 || $0 == 255 }, "line \(index) is not binarised")
            func inkRows(_ rows: Range<Int>) -> Int {
                rows.filter { y in (0..<image.width).contains { image.pixels[y * image.width + $0] == 0 } }.count
            }
            #expect(inkRows(0..<10) == 0, "line \(index): ink in the top margin")
            #expect(inkRows((image.height - 10)..<image.height) == 0, "line \(index): ink in the bottom margin")
            #expect(inkRows(10..<(image.height - 10)) >= 30, "line \(index): the text does not fill the line")
            let inkColumns = (0..<image.width).filter { x in (0..<image.height).contains { image.pixels[$0 * image.width + x] == 0 } }
            #expect((4...16).contains(inkColumns.first ?? -1) && (4...16).contains(image.width - 1 - (inkColumns.last ?? 0)),
                    "line \(index): side margins")
            // The ink is the line's characters, about one pitch each: not a blot, not a few specks.
            let pitch = Double(inkColumns.count) / Double(line.text.count)
            #expect(pitch > 10 && pitch < 50, "line \(index): \(pitch) px of ink columns per character")
        }
        #expect(TrainingLines.render(seed: 3, index: 0, style: .photo).image != TrainingLines.render(seed: 3, index: 0).image)
    }

    @Test func pngEncodes() throws {
        let line = TrainingLines.render(seed: 1, index: 0)
        let png = try #require(TrainingLines.png(line.image))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
