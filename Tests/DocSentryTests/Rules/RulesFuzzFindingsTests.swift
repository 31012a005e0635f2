import DocSentry
import Foundation
import Testing

/// Rules files the fuzzer found mishandled (TestImages/fuzz/, `"target": "rules"`), each loaded in place of one
/// bundled file: `RuleSet.load` must refuse it with exactly the expected problems, each one line naming file,
/// line and column.
@Suite struct RulesFuzzFindingsTests {
    struct AnswerKey: Decodable {
        let file: String
        let target: String
        let rulesFile: String
        let expectedErrors: [String]
    }

    static let keys: [AnswerKey] = {
        let folder = Fixtures.testImages + "/fuzz"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return names.compactMap { name in
            FileManager.default.contents(atPath: folder + "/" + name).flatMap { try? decoder.decode(AnswerKey.self, from: $0) }
        }.filter { $0.target == "rules" }
    }()

    @Test func thereAreFindings() {
        #expect(!Self.keys.isEmpty)
    }

    @Test(arguments: keys.map(\.file))
    func refusedOneLineEach(_ file: String) throws {
        let key = try #require(Self.keys.first { $0.file == file })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-fuzz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in RuleSet.fileNames {
            let source = name == key.rulesFile ? Fixtures.testImages + "/fuzz/" + key.file : Fixtures.rulesDirectory + "/" + name
            try FileManager.default.copyItem(atPath: source, toPath: folder + "/" + name)
        }
        var problems: [String] = []
        do {
            _ = try RuleSet.load(directory: folder)
        } catch {
            problems = error.errors.map(\.description)
        }
        #expect(problems == key.expectedErrors.map { folder + "/" + $0 })
        for problem in problems {
            #expect(!problem.contains("\n") && !problem.contains("\r"), "\(problem)")
        }
    }
}

/// What a rules file can put into a problem's text (a key, a value, a library's message) cannot break it over lines.
@Suite struct RulesErrorOneLineTests {
    @Test func lineBreaksAndControlCharactersAreEscaped() {
        let problem = RulesError.invalid(path: "/r/policy.yaml", line: 3, problem: "unknown rule id 'a\nb\u{1B}c\u{2028}d'")
        #expect(problem.description == "/r/policy.yaml:3: unknown rule id 'a\\nb\\u{1B}c\\u{2028}d'")
    }

    @Test func otherTextIsKept() {
        let problem = RulesError.syntax(path: "/r/countries.yaml", line: 2, column: 5, problem: "duplicate key ÅLAND, 'Côte d’Ivoire'")
        #expect(problem.description == "/r/countries.yaml:2:5: duplicate key ÅLAND, 'Côte d’Ivoire'")
    }
}
