@testable import DocSentry
import Foundation
import Testing

@Suite struct RuleSetTests {
    /// A copy of the bundled rules in a temporary folder, with one file replaced or edited.
    func rulesCopy(_ edit: (String) throws -> Void) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in RuleSet.fileNames {
            try FileManager.default.copyItem(atPath: Fixtures.rulesDirectory + "/" + name, toPath: folder + "/" + name)
        }
        try edit(folder)
        return folder
    }

    func errors(_ folder: String) -> [String] {
        do {
            _ = try RuleSet.load(directory: folder)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func bundledRulesLoad() {
        let rules = Fixtures.ruleSet
        #expect(rules.countries.count > 250)
        #expect(rules.countries["D"]?.kind == .icao)
        #expect(rules.countries["UTO"]?.kind == .specimen)
        #expect(rules.countries["RKS"] != nil)
        for code in ["GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX", "EUE"] {
            #expect(rules.countries[code] != nil, "\(code) missing")
        }
        #expect(!rules.profiles.isEmpty && rules.profiles.allSatisfy { !$0.source.isEmpty })
        #expect(!rules.lostStolen.isEmpty)
    }

    @Test func typoInAKeyNamesFileAndLine() throws {
        let folder = try rulesCopy { folder in
            let path = folder + "/rules.yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "    require:\n      nationality", with: "    requre:\n      nationality")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let found = errors(folder)
        #expect(found.count == 1)
        #expect(found.first?.contains("rules.yaml:") == true)
        #expect(found.first?.contains("unknown key 'requre'") == true)
        #expect(found.first?.contains("did you mean 'require'") == true)
    }

    @Test func yamlSyntaxErrorNamesLineAndColumn() throws {
        let folder = try rulesCopy { folder in
            try "version: 1\nseverities:\n  date.expired: {checkpoint: fail\n".write(toFile: folder + "/policy.yaml", atomically: true, encoding: .utf8)
        }
        let found = errors(folder)
        #expect(found.count == 1)
        #expect(found[0].hasPrefix(folder + "/policy.yaml:"))
        #expect(found[0].contains("YAML error"))
    }

    @Test func unknownRuleIdInThePolicy() throws {
        let folder = try rulesCopy { folder in
            try "version: 1\nseverities:\n  date.expird: {checkpoint: fail}\n".write(toFile: folder + "/policy.yaml", atomically: true, encoding: .utf8)
        }
        #expect(errors(folder) == [folder + "/policy.yaml:3: unknown rule id 'date.expird' (did you mean 'date.expired'?)"])
    }

    @Test func badCSVLine() throws {
        let folder = try rulesCopy { folder in
            try "issuer,document_number,reason,date\nUTO,X1,misplaced,2024-01-01\n".write(toFile: folder + "/lost-stolen.csv", atomically: true, encoding: .utf8)
        }
        #expect(errors(folder).first?.contains("lost-stolen.csv:2: reason 'misplaced'") == true)
    }

    @Test func missingFolderAndFile() throws {
        #expect(errors("/nonexistent/rules") == ["/nonexistent/rules: rules folder not found"])
        let folder = try rulesCopy { try FileManager.default.removeItem(atPath: $0 + "/countries.yaml") }
        #expect(errors(folder).contains(folder + "/countries.yaml: required rules file is missing"))
    }

    /// A trainer adds rules by editing YAML: a field pattern, a set membership, a date comparison, a list look-up.
    @Test func aTrainerAddsRulesAsData() throws {
        let folder = try rulesCopy { folder in
            let extra = """

              - id: course.utopia-number
                description: Utopian numbers start with L
                when: {issuing_state: UTO, document_code: "P*"}
                require: {document_number: {matches: "^L"}}
                severity: warn
                message: "number {document_number} does not start with L"
                source: course material
              - id: course.adults-only
                description: Holders must be 18 on the reference date
                require: {date_of_birth: {not_after: "reference_date - 18y"}}
                severity: warn
                message: "holder born {date_of_birth} is under 18"
                source: course material
              - id: course.women-only
                description: Only F in this exercise
                require: {sex: {one_of: [F]}}
                severity: info
                message: "sex {sex}"
                source: course material
              - id: course.lost
                description: The number is not on the local list
                require: {document_number: {not_in_list: lost-stolen}}
                severity: fail
                message: "{document_number} listed"
                source: course material
            """
            let handle = FileHandle(forWritingAtPath: folder + "/rules.yaml")!
            handle.seekToEndOfFile()
            handle.write(Data(extra.utf8))
            handle.closeFile()
        }
        let rules = try RuleSet.load(directory: folder)
        let inspector = Inspector(ruleSet: rules, mode: .checkpoint, referenceDate: CalendarDate(iso: "2026-01-01")!)
        let fields = MRZFields(format: .td3, documentCode: "P<", issuingState: "UTO", primaryIdentifier: ["KID"],
                               secondaryIdentifier: ["A"], documentNumber: "X00000002", nationality: "UTO",
                               dateOfBirth: "150101", sex: "M", dateOfExpiry: "300101")
        let report = inspector.inspect(try MRZText(lines: MRZComposer.compose(fields)), file: "t")
        let fired = Set(report.findings.map(\.rule))
        #expect(fired.isSuperset(of: ["course.utopia-number", "course.adults-only", "course.women-only", "course.lost", "lost-stolen.listed"]))
        let lost = report.findings.first { $0.rule == "course.lost" }!
        #expect(lost.evidence.contains { $0.name == "listed" && $0.value.hasPrefix("stolen on 2024-03-02") })
    }

    /// A listed number read with an O for its 0 (or I for 1) is still listed: OCR-B prints them almost alike.
    @Test func listedNumbersMatchThroughLookAlikes() throws {
        let rules = try RuleSet.load(directory: Fixtures.rulesDirectory)
        let inspector = Inspector(ruleSet: rules, mode: .checkpoint, referenceDate: CalendarDate(iso: "2026-01-01")!)
        func findings(_ number: String, issuer: String = "UTO") throws -> [Finding] {
            let fields = MRZFields(format: .td3, documentCode: "P<", issuingState: issuer, primaryIdentifier: ["ROE"],
                                   secondaryIdentifier: ["ANN"], documentNumber: number, nationality: issuer,
                                   dateOfBirth: "800101", sex: "F", dateOfExpiry: "300101")
            return inspector.inspect(try MRZText(lines: MRZComposer.compose(fields)), file: "t").findings
        }
        let listed = try #require(try findings("XOOOOOOO2").first { $0.rule == "lost-stolen.listed" })
        #expect(listed.evidence.contains { $0.value == "stolen on 2024-03-02 (lost-stolen.csv line 3); read as XOOOOOOO2" })
        #expect(try findings("X0000000I").contains { $0.rule == "lost-stolen.listed" })
        #expect(try !findings("X0000000Z").contains { $0.rule == "lost-stolen.listed" })
        // The published French visa specimen F00000000 spelled with letters O, on a passport of the same issuer.
        #expect(try findings("FOOOOOOOO", issuer: "FRA").contains { $0.rule == "specimen.document-number" })
    }

    @Test func globMatching() {
        #expect(RuleEvaluator.glob("P*", "P<"))
        #expect(RuleEvaluator.glob("?D", "ID"))
        #expect(!RuleEvaluator.glob("P*", "ID"))
    }
}
