import ArgumentParser
import DocSentry

@main
struct DocSentryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docsentry",
        abstract: "Checks travel documents: reads the machine-readable zone, validates it, cross-checks it against rules.",
        discussion: """
            Exit codes: 0 pass, 10 review, 20 reject, 30 unreadable; 64 usage error, 65 bad input (an MRZ or file \
            DocSentry cannot use), 66 input file missing, 78 rules folder invalid.
            """,
        version: DocSentryVersion.current,
        subcommands: [Check.self, Audit.self, Explain.self, Course.self, Quiz.self, RulesCommand.self, GenerateLines.self, Generate.self])

}
