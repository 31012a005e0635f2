import ArgumentParser
import DocSentry
import Foundation

/// `docsentry generate`: synthetic travel documents with answer keys. The work is `GenerationPlan` in the library;
/// this file only reads the options and reports.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render synthetic travel documents (PNG) with JSON answer keys.",
        discussion: """
            Writes NNNN.png and NNNN.json for each document. The same seed gives byte-identical files.
            Forgeries: \(Forgery.allCases.map(\.rawValue).joined(separator: ", ")).
            Degradations: \(Degradation.allCases.map(\.rawValue).joined(separator: ", ")); add :mild, :strong or \
            :extreme (unreadable) and join several with commas, e.g. --degrade perspective,blur:strong.
            """)

    @Option(help: "Folder to write into (created if missing).")
    var out: String?

    @Option(help: "Number of documents.")
    var count = "1"

    @Option(help: "Seed of the run (0 to 2^64-1).")
    var seed = "1"

    @Option(help: "TD1, TD2, TD3, MRVA, MRVB or mixed.")
    var format = "mixed"

    @Option(help: "A forgery kind, none or mixed.")
    var forgery = "none"

    @Option(help: "A degradation kind (KIND[:LEVEL][,KIND...]), none or mixed.")
    var degrade = "none"

    @Option(help: "Rendering resolution, 150 to 600.")
    var dpi = "300"

    @Option(help: "Prefix for file names: PREFIX-NNNN.png.")
    var prefix = ""

    @Flag(help: "Print SPECIMEN across the visual zone.")
    var specimenOverprint = false

    func run() throws {
        guard let out, !out.isEmpty else {
            Console.error("generate: --out DIR is required")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let plan: GenerationPlan
        do {
            plan = try GenerationPlan.parse(count: count, seed: seed, format: format, forgery: forgery, degradation: degrade,
                                            dotsPerInch: dpi, specimenOverprint: specimenOverprint, prefix: prefix)
        } catch {
            Console.error("generate: \(error.description)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let keys: [AnswerKey]
        do {
            keys = try plan.run(into: out)
        } catch {
            Console.error("generate: \(error.description)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        let forged = keys.filter { !$0.forgeries.isEmpty }.count
        let degraded = keys.filter { !$0.degradations.isEmpty }.count
        let unreadable = keys.filter { !$0.readable }.count
        Console.print("wrote \(keys.count) documents to \(out): \(keys.count - forged) genuine, \(forged) forged, \(degraded) degraded (\(unreadable) unreadable)")
    }
}
