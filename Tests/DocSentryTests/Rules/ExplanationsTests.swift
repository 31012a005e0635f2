@testable import DocSentry
import Foundation
import Testing

/// The plain-language catalogue (`Rules/explanations/en.yaml`): complete, checked, and editable without Swift.
@Suite struct ExplanationsTests {
    /// A full copy of the bundled rules folder (explanations included), edited by `edit`.
    func rulesCopy(_ edit: (String) throws -> Void) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explanations-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory, toPath: folder)
        try edit(folder)
        return folder
    }

    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(old) not in \(path)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Every built-in check and every rule of rules.yaml is explained, with all four texts.
    @Test func everyRuleIdOfTheBundledRulesIsExplained() {
        let rules = Fixtures.ruleSet
        #expect(rules.lintExplanations().errors.isEmpty)
        for id in BuiltInRules.ids + rules.rules.map(\.id) {
            let entry = rules.explanations[id]
            #expect(entry != nil, "no explanation for \(id)")
            guard let entry else { continue }
            #expect(!entry.title.isEmpty && !entry.meaning.isEmpty && !entry.atTheDesk.isEmpty && !entry.icao.isEmpty)
            #expect(entry.file.hasSuffix("explanations/en.yaml") && entry.line > 1)
        }
    }

    /// The forensic and visual-zone ids still to be registered are explained already, so that they read well
    /// the day they fire; until then they are warnings, never errors.
    @Test func idsStillToComeAreWarningsNotErrors() {
        let coming = ["forensics.print.baseline", "forensics.print.size", "forensics.print.pitch", "forensics.print.typeface",
                      "forensics.alphabet.non-mrz-character", "viz.mismatch.document-number", "viz.mismatch.name",
                      "viz.mismatch.date-of-birth", "viz.mismatch.date-of-expiry", "viz.mismatch.sex",
                      "viz.mismatch.nationality", "viz.not-found", "specimen.document-number.other-issuer",
                      "ocr.garbage-read", "ocr.correction-overrules-sure-read"]
        let rules = Fixtures.ruleSet
        let lint = rules.lintExplanations()
        for id in coming {
            #expect(rules.explanations[id] != nil, "\(id) unexplained")
            let registered = BuiltInRules.ids.contains(id) || rules.rules.contains { $0.id == id }
            #expect(lint.warnings.contains { $0.problem.hasPrefix("'\(id)' is explained") } == !registered, "\(id)")
        }
        #expect(lint.warnings.allSatisfy { $0.path.hasSuffix("explanations/en.yaml") && $0.line > 1 })
    }

    /// A trainer who adds a rule to rules.yaml and forgets its explanation is told where, by the lint; DocSentry
    /// still loads the rules, so a checkpoint is never stopped over a missing text.
    @Test func aRuleWithoutExplanationIsALintErrorAtTheRulesLine() throws {
        let folder = try rulesCopy { folder in
            let handle = FileHandle(forWritingAtPath: folder + "/rules.yaml")!
            handle.seekToEndOfFile()
            handle.write(Data("""

              - id: course.utopia-number
                description: Utopian numbers start with L
                require: {document_number: {matches: "^L"}}
                severity: warn
                message: "number {document_number} does not start with L"
                source: course material

            """.utf8))
            handle.closeFile()
        }
        let rules = try RuleSet.load(directory: folder)
        let line = try #require(rules.rules.first { $0.id == "course.utopia-number" }?.line)
        let errors = rules.lintExplanations().errors.map(\.description)
        #expect(errors == ["\(folder)/rules.yaml:\(line): rule 'course.utopia-number' has no explanation in explanations/en.yaml: add an entry (id, title, meaning, at_the_desk, icao)"])
    }

    /// A misspelt id: a warning at its own line with the likely id, and an error for the id left unexplained.
    @Test func aMisspeltIdIsCaught() throws {
        let folder = try rulesCopy { folder in
            try replace("  - id: date.expired\n", with: "  - id: date.expird\n", in: folder + "/explanations/en.yaml")
        }
        let lint = try RuleSet.load(directory: folder).lintExplanations()
        #expect(lint.errors.map(\.description).contains { $0.hasPrefix(folder + "/explanations/en.yaml:") && $0.contains("'date.expired'") })
        let warning = try #require(lint.warnings.first { $0.problem.contains("date.expird") })
        #expect(warning.problem.contains("did you mean 'date.expired'?"))
        let text = try String(contentsOfFile: folder + "/explanations/en.yaml", encoding: .utf8)
        let expectedLine = text.components(separatedBy: "\n").firstIndex { $0.contains("id: date.expird") }! + 1
        #expect(warning.line == expectedLine)
    }

    /// The file's own shape is checked on load like every rules file: unknown keys, empty texts, twice the same id.
    @Test func malformedEntriesAreLoadErrorsWithFileAndLine() throws {
        func loadErrors(_ edit: @escaping (String) throws -> Void) throws -> [String] {
            let folder = try rulesCopy { try edit($0 + "/explanations/en.yaml") }
            do {
                _ = try RuleSet.load(directory: folder)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        let unknownKey = try loadErrors { try replace("    title: Date of birth check digit\n", with: "    titel: Date of birth check digit\n", in: $0) }
        #expect(unknownKey.count == 1 && unknownKey[0].contains("explanations/en.yaml:") && unknownKey[0].contains("did you mean 'title'?"))
        let empty = try loadErrors { try replace("    title: Sex is F, M or <\n", with: "    title: \"\"\n", in: $0) }
        #expect(empty.count == 1 && empty[0].contains("title of 'mrz.sex' is empty"))
        let twice = try loadErrors { try replace("  - id: mrz.sex.x\n", with: "  - id: mrz.sex\n", in: $0) }
        #expect(twice.count == 1 && twice[0].contains("rule id 'mrz.sex' is explained twice"))
        let language = try loadErrors { try replace("language: en\n", with: "language: sq\n", in: $0) }
        #expect(language.count == 1 && language[0].contains("must match the file name (en.yaml)"))
    }

    /// A translation is another file beside en.yaml; the lint holds it to the same completeness.
    @Test func aTranslationIsCheckedToo() throws {
        let folder = try rulesCopy { folder in
            let english = try String(contentsOfFile: folder + "/explanations/en.yaml", encoding: .utf8)
            let start = english.range(of: "  - id: mrz.sex.x\n")!.lowerBound
            let end = english.range(of: "  - id: mrz.name.syntax\n")!.lowerBound
            var albanian = english.replacingOccurrences(of: "language: en\n", with: "language: sq\n")
            albanian = albanian.replacingOccurrences(of: String(english[start..<end]), with: "")
            try albanian.write(toFile: folder + "/explanations/sq.yaml", atomically: true, encoding: .utf8)
        }
        let lint = try RuleSet.load(directory: folder).lintExplanations()
        #expect(lint.errors.map(\.description).contains { $0.hasPrefix(folder + "/explanations/sq.yaml:") && $0.contains("'mrz.sex.x'") })
        #expect(try RuleSet.load(directory: folder, language: "sq").explanations.language == "sq")
    }

    /// Without the catalogue DocSentry still checks documents; the lint names the missing file.
    @Test func aRulesFolderWithoutExplanationsStillLoads() throws {
        let folder = try rulesCopy { try FileManager.default.removeItem(atPath: $0 + "/explanations") }
        let rules = try RuleSet.load(directory: folder)
        #expect(rules.explanations.entries.isEmpty)
        #expect(rules.lintExplanations().errors.map(\.description).contains(folder + "/explanations/en.yaml: required rules file is missing"))
    }

    @Test func countryLabelsNameTheState() {
        let rules = Fixtures.ruleSet
        #expect(rules.countryLabel("RKS") == "RKS (Kosovo)")
        #expect(rules.countryLabel("D") == "D (Germany)")
        #expect(rules.countryLabel("NDL") == "NDL (not a known code)")
    }

    /// `check`'s text names the states and says under each finding what it means at the desk, once per rule; a
    /// failure on doubtful characters says to rescan instead.
    @Test func theTextReportExplainsFindings() throws {
        let rules = Fixtures.ruleSet
        var lines = Vectors.td3
        lines[1] = lines[1].replacingOccurrences(of: "7408122", with: "7508122")
        let report = Fixtures.inspector().inspect(try MRZText(lines: lines), file: "mrz")
        let text = TextRenderer(color: false, rules: rules).render(report)
        #expect(text.contains("issued by UTO (Utopia), number L898902C3, nationality UTO (Utopia)"))
        let desk = try #require(rules.explanations["mrz.check-digit.date-of-birth"]?.atTheDesk)
        #expect(text.contains("→ " + desk))
        #expect(text.components(separatedBy: "→ ").count - 1 == Set(report.findings.filter { $0.severity != .info }.map(\.rule)).count)

        var doubtful = report
        doubtful.findings = report.findings.map { finding in
            var marked = finding
            if finding.rule.hasPrefix("mrz.check-digit") { marked.lowConfidence = true }
            return marked
        }
        let rescan = TextRenderer(color: false, rules: rules).render(doubtful)
        #expect(!rescan.contains(desk))
        #expect(rescan.contains("→ " + rules.explanations["ocr.low-confidence"]!.atTheDesk))
        #expect(!TextRenderer(color: false).render(report).contains("→"))
    }
}
