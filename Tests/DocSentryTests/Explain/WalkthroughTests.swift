@testable import DocSentry
import Foundation
import Testing

/// `docsentry explain`'s walk-through: its check-digit tables are the validator's computations, laid out.
@Suite struct WalkthroughTests {
    /// Every property a trainee relies on in a table, checked against `CheckDigit` and the validator's verdict in
    /// the report (`checks`), and the covered characters against the MRZ itself.
    static func verify(_ walkthrough: Walkthrough, _ name: String) {
        guard let document = walkthrough.document else { return }
        let statuses = Dictionary(walkthrough.report.checks.map { ($0.rule, $0.status) }, uniquingKeysWith: { a, _ in a })
        #expect(walkthrough.checkDigits.count == CheckDigitValidator.computations(document).count, "\(name)")
        #expect(walkthrough.checkDigits.count == MRZLayout.of(document.format).checkDigits.count + (document.format.hasCompositeCheckDigit ? 1 : 0), "\(name)")
        for table in walkthrough.checkDigits {
            let computation = table.computation
            for (index, position) in computation.positions.enumerated() {
                let line = Array(document.lines[position.line - 1])
                #expect(line[position.column - 1] == computation.characters[index], "\(name) \(computation.rule) character \(index)")
            }
            let printedLine = Array(document.lines[computation.printedPosition.line - 1])
            #expect(printedLine[computation.printedPosition.column - 1] == computation.printed, "\(name) \(computation.rule)")
            #expect(table.weights == computation.characters.indices.map { [7, 3, 1][$0 % 3] })
            #expect(table.values == computation.characters.map(MRZCharacter.checkValue))
            #expect(table.products == zip(table.values, table.weights).map { value, weight in value.map { $0 * weight } })
            #expect(table.sum == table.products.compactMap { $0 }.reduce(0, +))
            #expect(table.remainder == CheckDigit.compute(computation.characters), "\(name) \(computation.rule)")
            // The table passes exactly when the validator passed the check.
            #expect(statuses[computation.rule] == (table.passes ? .passed : .failed), "\(name) \(computation.rule)")
            if !table.passes, let failure = walkthrough.report.findings.first(where: { $0.rule == computation.rule }) {
                #expect(failure.evidence.contains(Evidence("characters", String(computation.characters))), "\(name)")
                #expect(failure.evidence.contains(Evidence("expected", String(table.remainder!))), "\(name)")
            }
        }
        // Every finding that weighs on the verdict is shown, with its explanation.
        for finding in walkthrough.report.findings where finding.severity != .info {
            #expect(walkthrough.findings.contains { $0.finding == finding && $0.explanation != nil }, "\(name) \(finding.rule)")
        }
        let text = WalkthroughText(color: false).render(walkthrough)
        for table in walkthrough.checkDigits where !table.computation.fillerAccepted {
            #expect(text.contains("sum \(table.sum!); \(table.sum!) mod 10 = \(table.remainder!); printed"), "\(name) \(table.computation.rule)")
        }
    }

    /// Every TestImages sample with an MRZ: the scans whose key says they can be read, and the MRZ text files.
    @Test func everyTestImageWithAnMRZ() throws {
        let inspector = Inspector(ruleSet: Fixtures.ruleSet, mode: .checkpoint, referenceDate: SpecimenRequest.defaultReferenceDate)
        let scanner = try ScanReader()
        let generated = Fixtures.testImages + "/generated"
        var explained = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: generated).sorted() where name.hasSuffix(".png") {
            let key = try AnswerKey.decode(try Data(contentsOf: URL(fileURLWithPath: generated + "/" + name.replacingOccurrences(of: ".png", with: ".json"))))
            guard key.readable else { continue }
            let walkthrough = try inspector.explain(file: generated + "/" + name, scanner: { scanner })
            #expect(walkthrough.document != nil, "\(name) was not read")
            #expect(walkthrough.scan?.crop != nil && walkthrough.scan?.lineBoxes.count == key.format.lineCount, "\(name)")
            Self.verify(walkthrough, name)
            explained += 1
        }
        let texts = Fixtures.testImages + "/mrz"
        for name in try FileManager.default.contentsOfDirectory(atPath: texts).sorted() where name.hasSuffix(".txt") {
            let walkthrough = try inspector.explain(file: texts + "/" + name, scanner: { scanner })
            #expect(walkthrough.document != nil && walkthrough.scan == nil, "\(name)")
            Self.verify(walkthrough, name)
            explained += 1
        }
        #expect(explained >= 40)
    }

    /// ICAO Doc 9303 Part 3's worked composite example: the lower line of a TD3 gives 8 with the sum 448.
    @Test func theICAOWorkedExample() throws {
        let lines = ["P<YTOSMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "HA672242<6YTO5802254M9601086<<<<<<<<<<<<<<08"]
        let walkthrough = Fixtures.inspector("1990-01-01").explain(try MRZText(lines: lines), file: "mrz")
        let composite = try #require(walkthrough.checkDigits.last)
        #expect(composite.computation.rule == "mrz.check-digit.composite")
        #expect(composite.sum == 448 && composite.remainder == 8 && composite.passes)
        let birth = try #require(walkthrough.checkDigits.first { $0.computation.rule == "mrz.check-digit.date-of-birth" })
        #expect(birth.computation.characters == Array("580225") && birth.products == [35, 24, 0, 14, 6, 5] && birth.remainder == 4)
        Self.verify(walkthrough, "worked example")
    }

    /// A long TD1 number: its table covers the nine principal characters and the continuation, not the `<`.
    @Test func aLongDocumentNumberIsComputedAsTheValidatorDoes() throws {
        let walkthrough = Fixtures.inspector("2026-01-01").explain(try MRZText(lines: Vectors.td1Long), file: "mrz")
        let number = try #require(walkthrough.checkDigits.first { $0.computation.rule == "mrz.check-digit.document-number" })
        #expect(String(number.computation.characters) == "1234567890")
        #expect(number.computation.printedPosition == MRZPosition(line: 1, column: 17) && number.passes)
        Self.verify(walkthrough, "long number")
    }

    /// The terminal text: the field keys drawn under the lines, the caret under a failing check digit, the
    /// explanation and where the rule is written.
    @Test func theTextShowsFieldsCaretsAndExplanations() throws {
        var lines = Vectors.td3
        lines[1] = lines[1].replacingOccurrences(of: "7408122", with: "7508122")
        let walkthrough = Fixtures.inspector().explain(try MRZText(lines: lines), file: "mrz")
        let text = WalkthroughText(color: false).render(walkthrough)
        #expect(text.contains("TD3 P< issued by UTO (Utopia)"))
        #expect(text.contains("   line 2  L898902C36UTO7508122F1204159ZE184226B<<<<<10\n           DDDDDDDDDdCCCBBBBBBbSEEEEEEeOOOOOOOOOOOOOOo#"))
        #expect(text.contains("sum 125; 125 mod 10 = 5; printed 2: FAILS: 5 expected"))
        // The finding's caret stands under column 20, the printed check digit.
        let finding = try #require(text.range(of: "[fail] mrz.check-digit.date-of-birth"))
        let after = text[finding.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after[1] == "   line 2  L898902C36UTO7508122F1204159ZE184226B<<<<<10")
        #expect(after[2] == String(repeating: " ", count: 11 + 19) + "^")
        #expect(text.contains("At the desk:   An altered date of birth"))
        #expect(text.contains("rules.yaml:") && text.contains("policy.yaml:") && text.contains("explanations/en.yaml:"))
    }

    /// The page: self-contained (no address outside it), every field coloured, the concerned characters circled.
    @Test func theHTMLPageIsSelfContained() throws {
        let scanner = try ScanReader()
        let inspector = Inspector(ruleSet: Fixtures.ruleSet, mode: .checkpoint, referenceDate: SpecimenRequest.defaultReferenceDate)
        let walkthrough = try inspector.explain(file: Fixtures.testImages + "/generated/td3-field-altered-0000.png", scanner: { scanner })
        let html = WalkthroughHTML().page(walkthrough)
        #expect(html.contains("Content-Security-Policy"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        let sources = html.components(separatedBy: "src=\"").dropFirst() + html.components(separatedBy: "href=\"").dropFirst()
        #expect(sources.count == 2 && sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
        for field in walkthrough.fields { #expect(html.contains("<rect class=\"f-\(field.name.rawValue)\"")) }
        #expect(walkthrough.report.verdict == .reject)
        let failing = walkthrough.findings.filter { $0.finding.severity != .info }.compactMap(\.finding.position)
        #expect(!failing.isEmpty)
        // A ring per concerned character of a short run, one rounded box round a longer run.
        let runs = WalkthroughHTML.runs(Set(failing.flatMap { WalkthroughHTML.columns($0) }))
        #expect(html.components(separatedBy: "<ellipse class=\"hit\"").count - 1 == runs.filter { $0.length <= 2 }.map(\.length).reduce(0, +))
        #expect(html.components(separatedBy: "<rect class=\"hit\"").count - 1 == runs.filter { $0.length > 2 }.count)
    }

    /// A forensic finding's page box is framed on the page picture and named in the terminal text.
    @Test func pageBoxesOfForensicFindingsAreShown() throws {
        var report = Fixtures.inspector().inspect(try MRZText(lines: Vectors.td3), file: "scan.png")
        report.findings.append(Finding(rule: "forensics.print.size", severity: .fail, message: "a character of another size",
                                       position: MRZPosition(line: 2, column: 20), pageBox: [40, 30, 12, 18]))
        let page = Raster(width: 200, height: 120, filledWith: 230)
        let walkthrough = Walkthrough(report: report, rules: Fixtures.ruleSet, scan: ScanPicture(page: page, crop: nil, lineBoxes: []))
        #expect(WalkthroughHTML().page(walkthrough).contains("where a finding measured the print in orange"))
        #expect(WalkthroughText(color: false).render(walkthrough).contains("Measured on the page at x 40, y 30, 12 × 18 pixels"))
        let plain = Walkthrough(report: Fixtures.inspector().inspect(try MRZText(lines: Vectors.td3), file: "scan.png"), rules: Fixtures.ruleSet,
                                scan: ScanPicture(page: page, crop: nil, lineBoxes: []))
        #expect(!WalkthroughHTML().page(plain).contains("in orange"))
    }
}
