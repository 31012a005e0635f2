import ArgumentParser
import DocSentry
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one or more documents and print a verdict for each.",
        discussion: """
            Inputs: MRZ text with --mrz, '-' to read MRZ lines from standard input (as a swipe reader sends \
            them), or files: scans (PNG, JPEG, TIFF, BMP, PNM, WebP; the format is read from the bytes) or text \
            files holding MRZ lines. Several files are checked one after another in one process.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "The MRZ lines, e.g. --mrz LINE1 LINE2 [LINE3].")
    var mrz: [String] = []

    @Argument(help: "Files to check; '-' reads MRZ text from standard input.")
    var files: [String] = []

    @OptionGroup var options: JudgingOptions

    @OptionGroup var imageOptions: ImageOptions

    func validate() throws {
        if mrz.isEmpty && files.isEmpty {
            throw ValidationError("give the MRZ with --mrz LINE LINE [LINE], '-' for standard input, or files to check")
        }
        try imageOptions.validate(redact: options.redact)
    }

    func run() throws {
        var inspector = Inspector(ruleSet: try options.loadRules(), mode: options.mode, referenceDate: try options.referenceDay())
        inspector.timeBudget = imageOptions.timeBudget
        var scanner: ScanReader?
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
            // MRZ text files and scans, as `audit` reads them (Inspector.inspect(file:scanner:)).
            do throws(FileInspectionError) {
                let report = try inspector.inspect(file: file, scanner: { () throws(RecognizeError) -> ScanReader in
                    if let scanner { return scanner }
                    do {
                        scanner = try imageOptions.scanReader()
                    } catch let error as RecognizeError {
                        throw error
                    } catch {
                        throw .modelUnloadable(model: imageOptions.ocrModel)
                    }
                    return scanner!
                }, debug: imageOptions.debugWriter(for: file))
                emit(report, report.mrz.flatMap { try? MRZText(lines: $0) }.map(MRZParser.parse))
            } catch .ocrUnavailable(let error) {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ocrUnavailable.rawValue)
            } catch {
                Console.error(error.description)
                switch error {
                case .missing, .notReadable: errors.append(.noInput)
                case .badMRZText, .decode, .ocrUnavailable: errors.append(.badInput)
                }
            }
        }
        let status = ExitStatus.combined(verdicts: verdicts, errors: errors)
        if status != .pass { throw ExitCode(status.rawValue) }
    }
}
