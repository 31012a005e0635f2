import ArgumentParser
import DocSentry

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with rules folders.", subcommands: [Lint.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rules folder: every file parses, every key is known, every rule id exists.")

        @Argument(help: "The rules folder (default: the Rules folder shipped with DocSentry).")
        var directory: String?

        func run() throws {
            let folder = directory ?? RulesLocation.bundled()
            do {
                let rules = try RuleSet.load(directory: folder)
                Console.print("\(folder): OK — \(rules.countries.count) country codes, \(rules.documentCodes.count) document codes, \(rules.profiles.count) issuer profiles, \(rules.specimenDocuments.count + rules.specimenNames.count) specimens, \(rules.lostStolen.count) lost/stolen records, \(rules.rules.count) rules, \(rules.policy.severities.count) policy entries")
            } catch {
                for problem in error.errors { Console.error(problem.description) }
                throw ExitCode(ExitStatus.rulesInvalid.rawValue)
            }
        }
    }
}
