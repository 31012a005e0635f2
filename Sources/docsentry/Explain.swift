import ArgumentParser
import DocSentry
import Foundation

/// `docsentry explain`: what DocSentry did with a document and why, for a person learning the MRZ. The walk-through
/// is `Walkthrough` in the library; this file reads the options and prints.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain, step by step, how DocSentry judges a document (for trainers and trainees).",
        discussion: """
            Shows the format and why, the fields drawn under the MRZ lines, every check digit computed as a table \
            (values, weights 7-3-1, products, sum, modulo 10), every finding with a caret under its characters, what \
            it means at the desk, its ICAO Doc 9303 part and section and the rule file and line, and for scans the \
            OCR corrections. --format html writes the same as one self-contained page (the scan, the MRZ with a \
            box per field, the characters a finding concerns circled). Exit codes as for check.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "The MRZ lines, e.g. --mrz LINE1 LINE2 [LINE3].")
    var mrz: [String] = []

    @Argument(help: "A scan or a text file of MRZ lines; '-' reads MRZ text from standard input.")
    var files: [String] = []

    @Option(help: "text (for a terminal) or html (a self-contained page).")
    var format: ExplainFormat = .text

    @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: "Rules folder (default: the Rules folder shipped with DocSentry).")
    var rules: String?

    @Option(help: "Judge dates as of this day, YYYY-MM-DD (default: today).")
    var referenceDate: String?

    @Option(help: "Which severities the policy applies: checkpoint, audit or training.")
    var mode: Mode = .checkpoint

    @OptionGroup var imageOptions: ImageOptions

    enum ExplainFormat: String, ExpressibleByArgument, CaseIterable { case text, html }

    func validate() throws {
        let inputs = files.count + (mrz.isEmpty ? 0 : 1)
        if inputs == 0 { throw ValidationError("give the MRZ with --mrz LINE LINE [LINE], '-' for standard input, or a file to explain") }
        if format == .html, inputs > 1 { throw ValidationError("--format html explains one document: give one input") }
    }

    func run() throws {
        let inspector = Inspector(ruleSet: try Judging.loadRules(rules), mode: mode, referenceDate: try Judging.referenceDay(referenceDate))
        var scanner: ScanReader?
        var walkthroughs: [Walkthrough] = []
        var errors: [ExitStatus] = []

        func explainText(_ text: String, name: String, splitLines: Bool) {
            do {
                let mrzText = splitLines ? try MRZText(reading: text) : try MRZText(lines: mrz)
                walkthroughs.append(inspector.explain(mrzText, file: name))
            } catch {
                Console.error("\(name): \(error.description)")
                errors.append(.badInput)
            }
        }
        if !mrz.isEmpty { explainText("", name: "mrz", splitLines: false) }
        for file in files {
            if file == "-" {
                explainText(String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self), name: "-", splitLines: true)
                continue
            }
            do throws(FileInspectionError) {
                walkthroughs.append(try inspector.explain(file: file, scanner: { () throws(RecognizeError) -> ScanReader in
                    if let scanner { return scanner }
                    scanner = try imageOptions.scanReader()
                    return scanner!
                }))
            } catch {
                Console.error(error.description)
                if case .ocrUnavailable = error { throw ExitCode(ExitStatus.ocrUnavailable.rawValue) }
                errors.append(ExitStatus(rawValue: error.exitCode) ?? .badInput)
            }
        }

        let text: String
        switch format {
        case .text:
            let useColor = out == nil && Console.useColor
            text = walkthroughs.map { WalkthroughText(color: useColor, width: Console.columns).render($0) }.joined(separator: "\n\n")
        case .html:
            text = walkthroughs.first.map { WalkthroughHTML().page($0) } ?? ""
        }
        if !walkthroughs.isEmpty {
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: Data((text + "\n").utf8)) else {
                    Console.error("\(out): cannot write the output")
                    throw ExitCode(73)
                }
            } else {
                Console.print(text)
            }
        }
        let status = ExitStatus.combined(verdicts: walkthroughs.map(\.report.verdict), errors: errors)
        if status != .pass { throw ExitCode(status.rawValue) }
    }
}
