import ArgumentParser
import DocSentry

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with rules folders.", subcommands: [Lint.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rules folder: every file parses, every key is known, every rule id exists and is explained.")

        @Argument(help: "The rules folder (default: the Rules folder shipped with DocSentry).")
        var directory: String?

        func run() throws {
            let folder = directory ?? RulesLocation.bundled()
            do {
                let rules = try RuleSet.load(directory: folder)
                let explained = rules.lintExplanations()
                for warning in explained.warnings { Console.error(warning.description) }
                for problem in explained.errors { Console.error(problem.description) }
                if !explained.errors.isEmpty { throw ExitCode(ExitStatus.rulesInvalid.rawValue) }
                Console.print("\(folder): OK — \(rules.countries.count) country codes, \(rules.documentCodes.count) document codes, \(rules.profiles.count) issuer profiles, \(rules.specimenDocuments.count + rules.specimenNames.count) specimens, \(rules.lostStolen.count) lost/stolen records, \(rules.rules.count) rules, \(rules.policy.severities.count) policy entries, \(rules.explanations.entries.count) explanations (\(rules.explanations.language))")
            } catch let error as RulesErrors {
                for problem in error.errors { Console.error(problem.description) }
                throw ExitCode(ExitStatus.rulesInvalid.rawValue)
            }
        }
    }
}
