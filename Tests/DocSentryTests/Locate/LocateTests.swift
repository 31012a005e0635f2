import DocSentry
import Foundation
import Testing

/// The locator on real generated images: the project's generator (`SpecimenGenerator`, answer keys with the MRZ's
/// cell box) and pages drawn here with Cairo for what the generator does not make (skew of 10-15 degrees on top
/// of a quarter turn, annotations, pages of plain text).
@Suite("Locate: MRZLocator")
struct LocateTests {
    let locator = MRZLocator()

    /// The answer key's cell box as a quad.
    static func quad(_ box: MRZBox) -> MRZRegion.Quad {
        let c = box.corners
        return MRZRegion.Quad(topLeft: .init(x: c[0][0], y: c[0][1]), topRight: .init(x: c[1][0], y: c[1][1]),
                              bottomRight: .init(x: c[2][0], y: c[2][1]), bottomLeft: .init(x: c[3][0], y: c[3][1]))
    }

    static func distance(_ a: MRZRegion.Point, _ b: MRZRegion.Point) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    /// Checks a located region against the expected cell box: overlap, corners (which also proves the crop is
    /// upright: the crop is cut from the quad in reading order), line count and length, crop and line boxes.
    static func expect(_ region: MRZRegion, matches box: MRZRegion.Quad, format lines: Int, length: Int, pitch: Double,
                       _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let overlap = region.quad.intersectionOverUnion(box)
        #expect(overlap > 0.7, "\(label): IoU \(overlap), located \(region.quad), expected \(box)", sourceLocation: sourceLocation)
        let corners = zip(region.quad.corners, box.corners).map { distance($0, $1) }
        #expect(corners.allSatisfy { $0 < 1.5 * pitch },
                "\(label): corners off by \(corners.map { Int($0) }) px (pitch \(Int(pitch))); rotation \(region.rotation), \(region.orientationEvidence)",
                sourceLocation: sourceLocation)
        #expect(region.lineCount == lines, "\(label): \(region.lineCount) lines", sourceLocation: sourceLocation)
        #expect(region.charactersPerLine == length, "\(label): \(region.charactersPerLine) characters a line",
                sourceLocation: sourceLocation)
        #expect(abs(region.characterPitch - pitch) < 0.15 * pitch, "\(label): pitch \(region.characterPitch), expected \(pitch)",
                sourceLocation: sourceLocation)
        // The crop: capitals about 36 px, a margin of about one character, every line box inside, top to bottom.
        #expect(region.lineBoxes.count == lines, sourceLocation: sourceLocation)
        for box in region.lineBoxes {
            #expect((28...46).contains(box.rows.count), "\(label): line box \(box)", sourceLocation: sourceLocation)
            #expect(box.rows.lowerBound >= 0 && box.rows.upperBound <= region.crop.height, sourceLocation: sourceLocation)
            #expect(box.columns.lowerBound >= 10 && region.crop.width - box.columns.upperBound >= 10,
                    "\(label): line box \(box) in a crop \(region.crop.width) wide", sourceLocation: sourceLocation)
            #expect(Double(box.columns.count) > 0.9 * Double(length) * region.cropPitch, sourceLocation: sourceLocation)
        }
        #expect(zip(region.lineBoxes, region.lineBoxes.dropFirst()).allSatisfy { $0.rows.upperBound <= $1.rows.lowerBound },
                sourceLocation: sourceLocation)
    }

    /// One generated document, located and checked against its answer key.
    func checkGenerated(_ format: MRZFormat, _ degradations: [DegradationStep], index: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let request = SpecimenRequest(seed: 4242, index: index, format: format, degradations: degradations)
        let specimen = try SpecimenGenerator.generate(request, fileName: "locate-\(index).png")
        let key = specimen.answerKey
        let label = "\(format) \(degradations.map { "\($0.kind)" }.joined(separator: "+"))"
        let region = try locator.locate(specimen.image.grey)
        Self.expect(region, matches: Self.quad(key.mrzBox), format: format.lineCount, length: format.lineLength,
                    pitch: key.dpi * 2.54 / 25.4, label, sourceLocation: sourceLocation)
    }

    @Test("TestImages/generated: every readable specimen located as its answer key says, every unreadable one refused")
    func curatedSpecimens() throws {
        let directory = Fixtures.testImages + "/generated"
        let keys = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        #expect(keys.count >= 40)
        let decoder = ImageDecoder()
        for name in keys {
            let key = try AnswerKey.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            let raster = try decoder.decode(fileAt: directory + "/" + key.file).raster
            if key.readable {
                let region = try locator.locate(raster)
                Self.expect(region, matches: Self.quad(key.mrzBox), format: key.format.lineCount,
                            length: key.format.lineLength, pitch: key.dpi * 2.54 / 25.4, key.file)
            } else {
                #expect(throws: LocateError.self, "\(key.file)") { try locator.locate(raster) }
            }
        }
    }

    @Test("every format, clean and turned 90, 180 and 270 degrees", arguments: MRZFormat.allCases)
    func quarterTurns(_ format: MRZFormat) throws {
        for (offset, turn) in [nil, Degradation.rotation90, .rotation180, .rotation270].enumerated() {
            try checkGenerated(format, turn.map { [DegradationStep($0)] } ?? [], index: offset)
        }
    }

    @Test("every format, crooked on the scanner (strong small rotation and shear)", arguments: MRZFormat.allCases)
    func smallRotation(_ format: MRZFormat) throws {
        try checkGenerated(format, [DegradationStep(.smallRotation, level: .strong)], index: 7)
        try checkGenerated(format, [DegradationStep(.smallRotation, level: .strong), DegradationStep(.rotation180)], index: 8)
    }

    @Test("two card sides in one image: the MRZ side is found, not the front's text", arguments: [MRZFormat.td1, .td2])
    func twoSides(_ format: MRZFormat) throws {
        try checkGenerated(format, [DegradationStep(.twoSides)], index: 11)
        try checkGenerated(format, [DegradationStep(.twoSides), DegradationStep(.rotation90)], index: 12)
    }

    @Test("MRZ-only crops, phone photos, 6-7 px characters", arguments: [MRZFormat.td1, .td3, .mrvB])
    func hardCaptures(_ format: MRZFormat) throws {
        try checkGenerated(format, [DegradationStep(.mrzCrop, level: .strong)], index: 21)
        try checkGenerated(format, [DegradationStep(.perspective, level: .strong)], index: 22)
        try checkGenerated(format, [DegradationStep(.lowResolution, level: .strong)], index: 23)
    }

    @Test("skew of 10 and 15 degrees either way on top of every quarter turn, and any angle at all",
          arguments: [SyntheticPage.td3, SyntheticPage.td2, SyntheticPage.td1])
    func skew(_ lines: [String]) throws {
        for (index, degrees) in [10.0, -10, 15, -15, 100, 190, -80, 285, 30, 130, 237].enumerated() {
            let page = SyntheticPage(mrz: lines, dotsPerInch: 200, degrees: degrees, seed: UInt64(index))
            let rendered = page.render()
            let region = try locator.locate(rendered.raster)
            let label = "\(lines[0].count)x\(lines.count) at \(degrees) degrees"
            Self.expect(region, matches: rendered.box, format: lines.count, length: lines[0].count,
                        pitch: 200 * 2.54 / 25.4, label)
            var expectedSkew = degrees.truncatingRemainder(dividingBy: 90)
            if expectedSkew > 45 { expectedSkew -= 90 }
            if expectedSkew < -45 { expectedSkew += 90 }
            #expect(abs(region.skewDegrees - expectedSkew) < 0.5, "\(label): skew \(region.skewDegrees)")
            let turns = Int(((degrees - expectedSkew) / 90).rounded())
            #expect(region.rotation == ((turns % 4) + 4) % 4, "\(label): rotation \(region.rotation)")
        }
    }

    @Test("annotations over the MRZ: an ellipse across the lines, a translucent band, a box with a label",
          arguments: [SyntheticPage.td3, SyntheticPage.td2, SyntheticPage.td1])
    func annotation(_ lines: [String]) throws {
        for annotation in [SyntheticPage.Annotation.ellipse, .translucentBand, .box] {
            let page = SyntheticPage(mrz: lines, dotsPerInch: 200, degrees: 2, annotation: annotation)
            let rendered = page.render()
            let region = try locator.locate(rendered.raster)
            Self.expect(region, matches: rendered.box, format: lines.count, length: lines[0].count,
                        pitch: 200 * 2.54 / 25.4, "\(annotation) over \(lines[0].count)x\(lines.count)")
        }
    }

    @Test("MRZ-only crops without any margin, the other side beside the MRZ side, 5 px characters",
          arguments: [SyntheticPage.td3, SyntheticPage.td1])
    func edgeCases(_ lines: [String]) throws {
        let tight = SyntheticPage(mrz: lines, dotsPerInch: 300, mrzOnly: true, cropMargin: 0).render()
        Self.expect(try locator.locate(tight.raster), matches: tight.box, format: lines.count, length: lines[0].count,
                    pitch: 300 * 2.54 / 25.4, "crop without margin")
        let beside = SyntheticPage(mrz: lines, dotsPerInch: 200, degrees: -3, secondSide: .right, sideGap: 1).render()
        Self.expect(try locator.locate(beside.raster), matches: beside.box, format: lines.count, length: lines[0].count,
                    pitch: 200 * 2.54 / 25.4, "front beside the back, its text lines level with the MRZ lines")
        let small = SyntheticPage(mrz: lines, dotsPerInch: 55, degrees: 1).render()
        Self.expect(try locator.locate(small.raster), matches: small.box, format: lines.count, length: lines[0].count,
                    pitch: 55 * 2.54 / 25.4, "5 px characters")
    }

    @Test("flipped is the same band turned 180 degrees, and flipping twice gives it back")
    func flipped() throws {
        let rendered = SyntheticPage(mrz: SyntheticPage.td1, dotsPerInch: 200, degrees: 180).render()
        let region = try locator.locate(rendered.raster)
        let turned = region.flipped
        #expect(turned.flipped == region)
        #expect(turned.rotation == (region.rotation + 2) % 4)
        #expect(turned.crop.pixels == Array(region.crop.pixels.reversed()))
        #expect(turned.quad.topLeft == region.quad.bottomRight)
        #expect(turned.lineBoxes.count == region.lineBoxes.count)
        for (box, original) in zip(turned.lineBoxes, region.lineBoxes.reversed()) {
            #expect(box.rows.count == original.rows.count)
            #expect(box.rows.lowerBound == region.crop.height - original.rows.upperBound)
        }
        #expect(region.orientationConfidence > 0.9, "\(region.orientationEvidence)")
        #expect(abs(turned.orientationConfidence - (1 - region.orientationConfidence)) < 1e-9)
    }

    @Test("pages without an MRZ are refused with a reason, never a guess")
    func noMRZ() throws {
        let blank = Raster(width: 1200, height: 850, filledWith: 240)
        #expect(throws: LocateError.lowContrast(range: 0)) { try locator.locate(blank) }

        var guillocheOnly = SyntheticPage(mrz: SyntheticPage.td3, dotsPerInch: 200, withoutMRZ: true)
        guillocheOnly.textLines = false
        expectNoBand(guillocheOnly.render().raster, "guilloche and photo only")
        expectNoBand(SyntheticPage(mrz: SyntheticPage.td3, dotsPerInch: 200, withoutMRZ: true).render().raster,
                     "a data page without its MRZ")
        expectNoBand(SyntheticPage(mrz: SyntheticPage.td3, dotsPerInch: 200, prose: .proportional).render().raster,
                     "a page of prose")
        expectNoBand(SyntheticPage(mrz: SyntheticPage.td3, dotsPerInch: 200, prose: .monospaced).render().raster,
                     "a page of monospaced text")
        let noise = SyntheticPage(mrz: SyntheticPage.td3, dotsPerInch: 150, withoutMRZ: true, noiseSigma: 60).render()
        expectNoBand(noise.raster, "a noisy page without an MRZ")
    }

    func expectNoBand(_ raster: Raster, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let region = try locator.locate(raster)
            Issue.record("\(label): found an MRZ at \(region.quad)", sourceLocation: sourceLocation)
        } catch {
            switch error {
            case .noTextBand, .tooBlurred, .lowContrast, .tooNoisy: break
            default: Issue.record("\(label): \(error)", sourceLocation: sourceLocation)
            }
            #expect(error.description.hasPrefix("no MRZ found"), sourceLocation: sourceLocation)
        }
    }

    @Test("tiny images throw instead of crashing", arguments: [(1, 1), (10, 10), (99, 40), (400, 11), (0, 0)])
    func tiny(_ size: (Int, Int)) {
        let raster = Raster(width: size.0, height: size.1, pixels: [UInt8](repeating: 0, count: size.0 * size.1))
        #expect(throws: LocateError.imageTooSmall(width: size.0, height: size.1)) { try locator.locate(raster) }
    }

    @Test("extreme degradations are refused: 3 px characters, no contrast, heavy blur")
    func unreadable() throws {
        for (index, degradation) in [Degradation.lowResolution, .lowContrast, .blur].enumerated() {
            let request = SpecimenRequest(seed: 99, index: index, format: .td3,
                                          degradations: [DegradationStep(degradation, level: .extreme)])
            let specimen = try SpecimenGenerator.generate(request, fileName: "extreme.png")
            #expect(throws: LocateError.self, "\(degradation)") { try locator.locate(specimen.image.grey) }
        }
    }

    @Test("error descriptions give a reason a person can act on")
    func descriptions() {
        let errors: [LocateError] = [.imageTooSmall(width: 10, height: 10), .lowContrast(range: 3),
                                     .tooBlurred(edgeWidth: 7.25), .noTextBand(textLines: 12), .noTextBand(textLines: 0),
                                     .charactersTooSmall(height: 2.8), .tooNoisy(specks: 41.56)]
        let texts = errors.map(\.description)
        #expect(texts[0] == "no MRZ found: the image is 10x10 pixels, too small to hold one")
        #expect(texts[2].contains("too blurred") && texts[2].contains("7.3 pixels"))
        #expect(texts[3].contains("12 text lines, none of them an MRZ"))
        #expect(texts[4].contains("no text lines at all"))
        #expect(texts[5].contains("2.8 pixels high") && texts[5].contains("higher resolution"))
        #expect(texts[6].contains("mostly noise (41.6 specks"))
        #expect(Set(texts).count == texts.count)
    }

    @Test("quad overlap: identical, disjoint, half-shifted, turned")
    func quadOverlap() {
        func square(_ x: Double, _ y: Double, _ size: Double) -> MRZRegion.Quad {
            MRZRegion.Quad(topLeft: .init(x: x, y: y), topRight: .init(x: x + size, y: y),
                           bottomRight: .init(x: x + size, y: y + size), bottomLeft: .init(x: x, y: y + size))
        }
        let a = square(0, 0, 10)
        #expect(abs(a.intersectionOverUnion(a) - 1) < 1e-9)
        #expect(a.intersectionOverUnion(square(20, 0, 10)) == 0)
        #expect(abs(a.intersectionOverUnion(square(5, 0, 10)) - 50.0 / 150.0) < 1e-9)
        #expect(abs(a.intersectionOverUnion(a.turnedHalfway) - 1) < 1e-9)
        #expect(a.contains(.init(x: 5, y: 5)) && !a.contains(.init(x: 11, y: 5)))
        #expect(a.area == 100 && a.width == 10 && a.height == 10)
    }
}
