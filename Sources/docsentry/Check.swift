import ArgumentParser
import DocSentry
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one or more documents and print a verdict for each.",
        discussion: """
            Inputs: MRZ text with --mrz, or '-' to read MRZ lines from standard input (as a swipe reader sends \
            them), or files holding MRZ text.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "The MRZ lines, e.g. --mrz LINE1 LINE2 [LINE3].")
    var mrz: [String] = []

    @Argument(help: "Files to check; '-' reads MRZ text from standard input.")
    var files: [String] = []

    @OptionGroup var options: JudgingOptions

    func validate() throws {
        if mrz.isEmpty && files.isEmpty {
            throw ValidationError("give the MRZ with --mrz LINE LINE [LINE], '-' for standard input, or files to check")
        }
    }

    func run() throws {
        let inspector = Inspector(ruleSet: try options.loadRules(), mode: options.mode, referenceDate: try options.referenceDay())
        var verdicts: [Verdict] = []
        var errors: [ExitStatus] = []

        func emit(_ report: Report, _ document: MRZDocument?) {
            let shown = options.redact ? Redaction.redact(report, document: document) : report
            verdicts.append(report.verdict)
            switch options.format {
            case .json: Console.print(Console.json(shown))
            case .text: Console.print(TextRenderer(color: Console.useColor, verbose: options.verbose).render(shown))
            }
        }

        func inspectText(_ text: String, name: String, splitLines: Bool) {
            do {
                let mrzText = splitLines ? try MRZText(reading: text) : try MRZText(lines: mrz)
                emit(inspector.inspect(mrzText, file: name), MRZParser.parse(mrzText))
            } catch {
                Console.error("\(name): \(error.description)")
                errors.append(.badInput)
            }
        }

        if !mrz.isEmpty { inspectText("", name: "mrz", splitLines: false) }
        for file in files {
            if file == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inspectText(String(decoding: data, as: UTF8.self), name: "-", splitLines: true)
                continue
            }
            guard FileManager.default.fileExists(atPath: file) else {
                Console.error("\(file): no such file")
                errors.append(.noInput)
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot be read (permissions?)")
                errors.append(.noInput)
                continue
            }
            guard let text = String(data: data, encoding: .utf8), !data.isEmpty else {
                Console.error("\(file): \(data.isEmpty ? "empty file" : "not MRZ text (images are read by the image pipeline)")")
                errors.append(.badInput)
                continue
            }
            inspectText(text, name: file, splitLines: true)
        }
        let status = ExitStatus.combined(verdicts: verdicts, errors: errors)
        if status != .pass { throw ExitCode(status.rawValue) }
    }
}
