import DocSentry
import Foundation
import Testing

/// The specimen generator: determinism, MRZs that the foundation's own validator accepts (genuine) or rejects the
/// way the answer key says (forged), Doc 9303 geometry measured on the rendered pixels, and PNGs that decode.
@Suite("Specimen generator")
struct SpecimenGeneratorTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let ruleSet: RuleSet = {
        do {
            return try RuleSet.load(directory: packageRoot.appendingPathComponent("Rules").path)
        } catch {
            fatalError("Rules/ does not load: \(error)")
        }
    }()
    static let inspector = Inspector(ruleSet: ruleSet, mode: .checkpoint, referenceDate: SpecimenRequest.defaultReferenceDate)

    /// Rule ids of findings that make a verdict worse than pass.
    static func failedRules(_ report: Report) -> Set<String> {
        Set(report.findings.filter { $0.severity != .info }.map(\.rule))
    }

    // MARK: - Determinism

    @Test func theSameRequestGivesTheSameBytes() throws {
        let request = SpecimenRequest(seed: 42, index: 3, format: .td3, forgery: .pastedCharacter,
                                      degradations: [DegradationStep(.noise, level: .mild), DegradationStep(.jpegArtifacts, level: .mild)],
                                      dotsPerInch: 150)
        let first = try SpecimenGenerator.generate(request, fileName: "a.png")
        let second = try SpecimenGenerator.generate(request, fileName: "a.png")
        #expect(first.png == second.png)
        #expect(try first.answerKey.encoded() == second.answerKey.encoded())

        var other = request
        other.seed = 43
        #expect(try SpecimenGenerator.generate(other, fileName: "a.png").png != first.png)
    }

    @Test func aParallelRunIsReproducible() throws {
        let plan = try GenerationPlan.parse(count: "4", seed: "7", format: "mixed", forgery: "mixed", degradation: "mixed",
                                            dotsPerInch: "150", specimenOverprint: false)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("docsentry-generate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let first = base.appendingPathComponent("first").path, second = base.appendingPathComponent("second").path
        let keys = try plan.run(into: first)
        _ = try plan.run(into: second)
        #expect(keys.count == 4)
        for index in 0..<4 {
            for suffix in [".png", ".json"] {
                let name = plan.baseName(for: index) + suffix
                let a = FileManager.default.contents(atPath: first + "/" + name)
                let b = FileManager.default.contents(atPath: second + "/" + name)
                #expect(a != nil && a == b, "\(name) differs between two runs of the same seed")
            }
            let data = try #require(FileManager.default.contents(atPath: first + "/" + plan.baseName(for: index) + ".json"))
            #expect(try AnswerKey.decode(data) == keys[index])
        }
    }

    // MARK: - Genuine documents

    @Test(arguments: MRZFormat.allCases)
    func genuineMRZsPassAndParseToTheirFields(format: MRZFormat) throws {
        for index in 0..<40 {
            let request = SpecimenRequest(seed: 2026, index: index, format: format)
            let design = try SpecimenGenerator.design(request)
            let text = try MRZText(lines: design.lines)
            let document = MRZParser.parse(text)
            let checks = CheckDigitValidator.validate(document)
            #expect(checks.findings.isEmpty, "\(design.lines): \(checks.findings.map(\.message))")

            let expected = AnswerKeyFieldsProbe(design)
            #expect(document[.documentCode]?.value == expected.fields.documentCode)
            #expect(document[.issuingState]?.value == expected.fields.issuingState)
            #expect(document[.nationality]?.value == expected.fields.nationality)
            #expect(document[.dateOfBirth]?.raw == expected.fields.dateOfBirth)
            #expect(document[.dateOfExpiry]?.raw == expected.fields.dateOfExpiry)
            #expect(document[.sex]?.raw == expected.fields.sex)
            #expect(document.name.primaryIdentifier == expected.fields.primaryIdentifier)
            #expect(document.name.secondaryIdentifier == expected.fields.secondaryIdentifier)
            let number = (document[.documentNumber]?.value ?? "") + (document.longDocumentNumber?.continuation ?? "")
            #expect(number == expected.fields.documentNumber)

            let report = SpecimenGeneratorTests.inspector.inspect(text, file: "genuine")
            #expect(report.verdict == .pass, "\(design.lines): \(report.findings.map(\.message))")
            #expect(design.expectedVerdict == .pass && design.expectedRules.isEmpty && design.forgeries.isEmpty)

            // The visual zone prints what the MRZ encodes (national characters transliterated, Doc 9303 Part 3 §6).
            #expect(design.visualZone.documentNumber == expected.fields.documentNumber)
            #expect([false, true].contains { simple in
                Transliteration.machineReadable(design.visualZone.surname, simple: simple).replacingOccurrences(of: "'", with: "")
                    .split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "<")
                    .hasPrefix(expected.fields.primaryIdentifier.joined(separator: "<"))
            })
            #expect(design.visualZone.dateOfBirth == design.content.printed(design.content.dateOfBirth))
            #expect(SpecimenContent.machineReadable(design.content.dateOfBirth) == expected.fields.dateOfBirth)
        }
    }

    @Test func genuineDocumentsAreValidOnTheReferenceDateAndExpireIn2027To2035() throws {
        for index in 0..<60 {
            let format = MRZFormat.allCases[index % 5]
            let design = try SpecimenGenerator.design(SpecimenRequest(seed: 9, index: index, format: format))
            #expect((2027...2035).contains(design.content.dateOfExpiry.year))
            #expect(design.content.dateOfIssue <= SpecimenRequest.defaultReferenceDate)
            #expect(design.content.dateOfBirth < design.content.dateOfIssue)
        }
    }

    // MARK: - Forgeries

    @Test(arguments: Forgery.allCases)
    func forgeriesFailTheWayTheirKeySays(forgery: Forgery) throws {
        var made = 0
        for format in MRZFormat.allCases where forgery.supports(format) {
            for index in 0..<8 {
                let design = try SpecimenGenerator.design(SpecimenRequest(seed: 77, index: index, format: format, forgery: forgery))
                made += 1
                let record = try #require(design.forgeries.first)
                #expect(record.kind == forgery)

                if forgery == .nonMRZCharacters {
                    // The MRZ allows only A-Z, 0-9 and < (Doc 9303 Part 3 §4.3): the text itself is refused, at the
                    // position the key gives.
                    #expect(throws: MRZTextError.invalidCharacter(line: record.line ?? 0, column: record.column ?? 0,
                                                                  character: Character(record.altered ?? "?"))) {
                        try MRZText(lines: design.lines)
                    }
                    #expect(design.expectedVerdict == .reject)
                    continue
                }
                let text = try MRZText(lines: design.lines)
                let document = MRZParser.parse(text)
                let report = SpecimenGeneratorTests.inspector.inspect(text, file: "forged")
                let failed = SpecimenGeneratorTests.failedRules(report)
                #expect(report.verdict == design.expectedVerdict,
                        "\(forgery) \(format) \(design.lines): expected \(design.expectedVerdict), got \(report.verdict): \(report.findings.map(\.message))")
                for rule in design.expectedRules {
                    #expect(failed.contains(rule), "\(forgery) \(format) \(design.lines): \(rule) did not fail; failed: \(failed)")
                }
                let checkDigitFailures = Set(CheckDigitValidator.validate(document).findings.map(\.rule))
                switch forgery {
                case .fieldAlteredCheckDigitLeft, .checkDigitRecomputedCompositeLeft:
                    // Exactly the check digits the key names fail, no others.
                    #expect(checkDigitFailures == Set(design.expectedRules))
                    if forgery == .checkDigitRecomputedCompositeLeft {
                        #expect(checkDigitFailures == ["mrz.check-digit.composite"])
                    }
                    #expect(design.visualZone.documentNumber == AnswerKeyFieldsProbe(design).fields.documentNumber)
                case .pastedCharacter:
                    #expect(checkDigitFailures.isEmpty)
                    let anomaly = try #require(design.printAnomalies.first)
                    #expect(anomaly.line + 1 == record.line && anomaly.column + 1 == record.column)
                    #expect(design.expectedVerdictWithForensics == .reject)
                case .visualZoneMismatch:
                    #expect(report.verdict == .pass)
                    #expect(record.original != record.altered)
                    #expect(design.expectedVerdictWithForensics == .reject)
                default:
                    #expect(checkDigitFailures.isEmpty, "\(forgery): all check digits were recomputed")
                }
            }
        }
        #expect(made >= 24)
    }

    @Test func invalidIssuingStatesAreNotInTheCountryList() {
        for (code, _) in Forgery.unlistedCodes {
            #expect(SpecimenGeneratorTests.ruleSet.countries[code] == nil, "\(code) is a listed code")
        }
    }

    // MARK: - Geometry

    /// The MRZ as drawn: the ink of each character of the last line, found column by column, must sit on the 2.54 mm
    /// pitch starting at the Doc 9303 first-character position, and the lines on their reference centre lines,
    /// within 1 mm (Doc 9303 Part 3 §4.4; Parts 4-7 §4.2.1).
    @Test(arguments: MRZFormat.allCases)
    func theMRZIsWhereDoc9303PutsIt(format: MRZFormat) throws {
        let dotsPerInch = 300
        let specimen = try SpecimenGenerator.generate(SpecimenRequest(seed: 5, index: 1, format: format, dotsPerInch: dotsPerInch),
                                                      fileName: "g.png")
        let key = specimen.answerKey
        let geometry = key.mrzGeometry
        let scale = Double(dotsPerInch) / 25.4
        let grey = specimen.image.grey
        #expect(abs(Double(grey.width) - geometry.widthMillimetres * scale) <= 1)
        #expect(abs(Double(grey.height) - geometry.heightMillimetres * scale) <= 1)

        // The key's box is the Doc 9303 cell box.
        let box = key.mrzBox.bounds
        #expect(abs(box.x / scale - geometry.firstCharacterLeftMillimetres) < 0.01)
        #expect(abs(box.width / scale - Double(geometry.charactersPerLine) * 2.54) < 0.01)

        // Rows with MRZ ink, inside the MRZ zone only.
        let zoneTop = Int(geometry.machineReadableZoneTopMillimetres * scale)
        func isInk(_ x: Int, _ y: Int) -> Bool { grey[x, y] < 100 }
        var inkRows: [Int] = []
        for y in zoneTop..<grey.height where (0..<grey.width).contains(where: { isInk($0, y) }) { inkRows.append(y) }
        var bands: [ClosedRange<Int>] = []
        for y in inkRows {
            if let last = bands.last, y == last.upperBound + 1 { bands[bands.count - 1] = last.lowerBound...y } else { bands.append(y...y) }
        }
        bands = bands.filter { $0.count > 5 }
        #expect(bands.count == geometry.lineCentresFromBottomMillimetres.count, "ink bands \(bands)")
        for (band, centre) in zip(bands, geometry.lineCentresFromBottomMillimetres) {
            let measuredCentre = geometry.heightMillimetres - Double(band.lowerBound + band.upperBound + 1) / 2 / scale
            #expect(abs(measuredCentre - centre) < 1.0, "line centre \(measuredCentre) mm, Doc 9303 says \(centre) mm")
            let height = Double(band.count) / scale
            #expect(height > 2.0 && height < 2.9, "character height \(height) mm")
        }

        // Characters of the last line, as runs of ink columns.
        let lastBand = try #require(bands.last)
        var runs: [ClosedRange<Int>] = []
        for x in 0..<grey.width where lastBand.contains(where: { isInk(x, $0) }) {
            if let last = runs.last, x == last.upperBound + 1 { runs[runs.count - 1] = last.lowerBound...x } else { runs.append(x...x) }
        }
        #expect(runs.count == geometry.charactersPerLine, "\(runs.count) characters found on the last line")
        let centres = runs.map { Double($0.lowerBound + $0.upperBound + 1) / 2 / scale }
        let pitch = (centres.last! - centres.first!) / Double(centres.count - 1)
        #expect(abs(pitch - 2.54) < 0.02, "pitch \(pitch) mm")
        let firstCellLeft = centres.first! - pitch / 2
        #expect(abs(firstCellLeft - geometry.firstCharacterLeftMillimetres) < 1.0)
        for (column, centre) in centres.enumerated() {
            let expected = geometry.firstCharacterLeftMillimetres + (Double(column) + 0.5) * 2.54
            #expect(abs(centre - expected) < 0.5, "character \(column + 1) at \(centre) mm, expected \(expected) mm")
        }
    }

    // MARK: - Images

    @Test func generatedPNGsDecodeWithDocSentrysDecoder() throws {
        for format in MRZFormat.allCases {
            let specimen = try SpecimenGenerator.generate(SpecimenRequest(seed: 11, index: 0, format: format, dotsPerInch: 150), fileName: "d.png")
            let decoded = try ImageDecoder().decode(bytes: specimen.png, name: "d.png")
            #expect(decoded.raster.width == specimen.answerKey.imageWidth && decoded.raster.height == specimen.answerKey.imageHeight)
            let grey = specimen.image.grey
            var largest = 0
            for index in stride(from: 0, to: grey.pixels.count, by: 97) {
                largest = max(largest, abs(Int(grey.pixels[index]) - Int(decoded.raster.pixels[index])))
            }
            // libpng's RGB-to-grey uses the sRGB (Rec. 709) weights, `RGBImage.grey` Rec. 601: a few levels apart on
            // coloured pixels, never more.
            #expect(largest <= 8, "decoded grey differs by \(largest)")
        }
    }

    /// After rotation, perspective and crops the key's box still lies on the MRZ: inside the image, and covering
    /// dense ink.
    @Test(arguments: [Degradation.rotation90, .rotation180, .rotation270, .smallRotation, .perspective, .mrzCrop, .lowResolution, .twoSides])
    func theBoxFollowsTheMRZ(degradation: Degradation) throws {
        let format: MRZFormat = degradation == .twoSides ? .td1 : .td2
        let specimen = try SpecimenGenerator.generate(
            SpecimenRequest(seed: 3, index: 2, format: format, degradations: [DegradationStep(degradation, level: .strong)], dotsPerInch: 200),
            fileName: "b.png")
        let key = specimen.answerKey
        let grey = specimen.image.grey
        for corner in key.mrzBox.corners {
            #expect(corner[0] >= -1 && corner[0] <= Double(grey.width) + 1 && corner[1] >= -1 && corner[1] <= Double(grey.height) + 1)
        }
        // Sample the quadrilateral by bilinear interpolation of its corners.
        let c = key.mrzBox.corners
        var dark = 0, total = 0
        for i in 0..<60 {
            for j in 0..<20 {
                let u = (Double(i) + 0.5) / 60, v = (Double(j) + 0.5) / 20
                let x = (1 - v) * ((1 - u) * c[0][0] + u * c[1][0]) + v * ((1 - u) * c[3][0] + u * c[2][0])
                let y = (1 - v) * ((1 - u) * c[0][1] + u * c[1][1]) + v * ((1 - u) * c[3][1] + u * c[2][1])
                let px = min(grey.width - 1, max(0, Int(x))), py = min(grey.height - 1, max(0, Int(y)))
                total += 1
                if grey[px, py] < 128 { dark += 1 }
            }
        }
        #expect(Double(dark) / Double(total) > 0.12, "only \(dark) of \(total) samples in the box are ink")
        switch degradation {
        case .rotation90, .rotation270:
            #expect(key.mrzBox.bounds.height > key.mrzBox.bounds.width)
        case .twoSides:
            #expect(key.sides == ["front", "back"])
            #expect(key.mrzBox.bounds.y > Double(grey.height) / 2)
        case .mrzCrop:
            #expect(key.sides == ["mrz_only"])
        default:
            #expect(key.mrzBox.bounds.width > key.mrzBox.bounds.height)
        }
    }

    /// Two sides of a TD2 card: the MRZ is on the front (Doc 9303 Part 6 §3.1); the same band on the back is
    /// background print, not a second MRZ (which would make the key's box one of two). A TD1's front has visual
    /// zone fields at that height, so only TD2 is measured this way.
    @Test func aTD2CardCarriesItsMRZOnTheFrontOnly() throws {
        let format = MRZFormat.td2
        let specimen = try SpecimenGenerator.generate(
            SpecimenRequest(seed: 5, index: 1, format: format, degradations: [DegradationStep(.twoSides)], dotsPerInch: 200),
            fileName: "sides.png")
        let grey = specimen.image.grey
        let box = specimen.answerKey.mrzBox.bounds
        let onFront = box.y < Double(grey.height) / 2
        #expect(onFront == (format == .td2), "MRZ box at y \(box.y) of \(grey.height)")
        // The other card sits one card height plus the sheet margin away, at the same place within its card.
        let card = DocumentGeometry.of(format).heightMillimetres, margin = PageRenderer.sheetMargin
        let cardStep = (card + margin) * Double(grey.height) / (2 * card + 3 * margin)
        func inkFraction(shiftedBy dy: Double) -> Double {
            var dark = 0, total = 0
            for i in 0..<80 {
                for j in 0..<20 {
                    let x = Int(box.x + (Double(i) + 0.5) / 80 * box.width)
                    let y = Int(box.y + dy + (Double(j) + 0.5) / 20 * box.height)
                    guard x >= 0, x < grey.width, y >= 0, y < grey.height else { continue }
                    total += 1
                    if grey[x, y] < 128 { dark += 1 }
                }
            }
            return Double(dark) / Double(max(1, total))
        }
        let machineReadable = inkFraction(shiftedBy: 0)
        let other = inkFraction(shiftedBy: onFront ? cardStep : -cardStep)
        #expect(machineReadable > 0.12)
        #expect(other < machineReadable / 4, "the other side's MRZ band has \(other) ink against \(machineReadable)")
    }

    @Test func extremeDegradationsAreUnreadable() throws {
        for kind in Degradation.allCases where kind.canBeExtreme {
            let specimen = try SpecimenGenerator.generate(
                SpecimenRequest(seed: 1, index: 0, format: .td1, forgery: .specimenNumberReused,
                                degradations: [DegradationStep(kind, level: .extreme)], dotsPerInch: 150),
                fileName: "u.png")
            #expect(!specimen.answerKey.readable)
            #expect(specimen.answerKey.expectedVerdict == .unreadable)
            #expect(specimen.answerKey.expectedVerdictWithForensics == .unreadable)
        }
    }

    // MARK: - TestImages/generated

    /// Every curated image's answer key agrees with its image and with DocSentry's own checks of its MRZ text.
    @Test func curatedTestImagesMatchTheirKeys() throws {
        let folder = SpecimenGeneratorTests.packageRoot.appendingPathComponent("TestImages/generated")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count >= 40)
        var formats = Set<MRZFormat>(), kinds = Set<Forgery>(), degraded = 0, unreadable = 0
        for name in names {
            let key = try AnswerKey.decode(try Data(contentsOf: folder.appendingPathComponent(name)))
            let png = try Data(contentsOf: folder.appendingPathComponent(key.file))
            let decoded = try ImageDecoder().decode(bytes: [UInt8](png), name: key.file)
            #expect(decoded.raster.width == key.imageWidth && decoded.raster.height == key.imageHeight, "\(name)")
            formats.insert(key.format)
            kinds.formUnion(key.forgeries.map(\.kind))
            if !key.degradations.isEmpty { degraded += 1 }
            guard key.readable else {
                unreadable += 1
                #expect(key.expectedVerdict == .unreadable)
                continue
            }
            guard key.mrzTextValid else {
                #expect(throws: MRZTextError.self) { try MRZText(lines: key.mrzLines) }
                continue
            }
            let report = SpecimenGeneratorTests.inspector.inspect(try MRZText(lines: key.mrzLines), file: key.file)
            #expect(report.verdict == key.expectedVerdict, "\(name): \(report.findings.map(\.message))")
            let failed = SpecimenGeneratorTests.failedRules(report)
            for rule in key.expectedRules { #expect(failed.contains(rule), "\(name): \(rule)") }
        }
        #expect(formats.count == 5)
        #expect(kinds.count == Forgery.allCases.count)
        #expect(degraded >= 15 && unreadable >= 3)
    }

    // MARK: - Plans

    @Test func badArgumentsGiveOneLineErrors() {
        let cases: [(String, String, String, String, String, String)] = [
            ("0", "1", "TD3", "none", "none", "300"), ("x", "1", "TD3", "none", "none", "300"),
            ("1", "-1", "TD3", "none", "none", "300"), ("1", "1", "TD4", "none", "none", "300"),
            ("1", "1", "TD3", "photoshop", "none", "300"), ("1", "1", "TD3", "none", "coffee_stain", "300"),
            ("1", "1", "TD3", "none", "blur:awful", "300"), ("1", "1", "TD3", "none", "none", "72"),
            ("1", "1", "MRVA", "check_digit_recomputed_composite_left", "none", "300"),
            ("1", "1", "TD3", "none", "two_sides", "300"),
        ]
        for (count, seed, format, forgery, degradation, dpi) in cases {
            do {
                _ = try GenerationPlan.parse(count: count, seed: seed, format: format, forgery: forgery,
                                             degradation: degradation, dotsPerInch: dpi, specimenOverprint: false)
                Issue.record("accepted \(count) \(seed) \(format) \(forgery) \(degradation) \(dpi)")
            } catch {
                #expect(!error.description.contains("\n") && !error.description.isEmpty)
            }
        }
    }

    @Test func mixedPlansOnlyChooseWhatFits() throws {
        let plan = try GenerationPlan.parse(count: "400", seed: "12", format: "mixed", forgery: "mixed", degradation: "mixed",
                                            dotsPerInch: "300", specimenOverprint: false)
        var forgeries = Set<Forgery>(), formats = Set<MRZFormat>(), degradations = Set<Degradation>()
        var genuine = 0
        for index in 0..<400 {
            let request = plan.request(for: index)
            if let forgery = request.forgery {
                #expect(forgery.supports(request.format))
                forgeries.insert(forgery)
            } else {
                genuine += 1
            }
            formats.insert(request.format)
            for step in request.degradations {
                #expect(step.kind.supports(request.format))
                degradations.insert(step.kind)
            }
        }
        #expect(forgeries.count == Forgery.allCases.count)
        #expect(formats.count == 5)
        #expect(degradations.count == Degradation.allCases.count)
        #expect(genuine > 80 && genuine < 220)
    }
}

/// The answer key's fields for a design, made the way `SpecimenGenerator` makes them.
struct AnswerKeyFieldsProbe {
    let fields: AnswerKeyFields

    init(_ design: SpecimenDesign) {
        fields = AnswerKeyFields(design.content.fields)
    }
}
