import ArgumentParser
import DocSentry
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one or more documents and print a verdict for each.",
        discussion: """
            Inputs: MRZ text with --mrz, '-' to read one document's MRZ lines from standard input, --stream to \
            read document after document from a swipe reader (each answered as soon as its last line arrives, \
            until the input ends), or files: scans (PNG, JPEG, TIFF, BMP, PNM, WebP; the format is read from the \
            bytes) or text files holding MRZ lines. Several files are checked one after another in one process; \
            folders are for `docsentry audit`.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: "The MRZ lines, e.g. --mrz LINE1 LINE2 [LINE3].")
    var mrz: [String] = []

    @Argument(help: "Files to check; '-' reads MRZ text from standard input.")
    var files: [String] = []

    @Flag(help: "Read MRZ lines from standard input continuously (a swipe reader): answer each document as soon as its last line arrives, until the input ends.")
    var stream = false

    @OptionGroup var options: JudgingOptions

    @OptionGroup var imageOptions: ImageOptions

    func validate() throws {
        if stream && (!mrz.isEmpty || !files.isEmpty) {
            throw ValidationError("--stream reads standard input only: give no files and no --mrz with it")
        }
        if mrz.isEmpty && files.isEmpty && !stream {
            throw ValidationError("give the MRZ with --mrz LINE LINE [LINE], '-' for standard input, --stream for a swipe reader, or files to check")
        }
        try imageOptions.validate(redact: options.redact)
    }

    func run() throws {
        // Scans need the OCR engine: it loads on a thread of its own while the rules load and the first scan decodes.
        let loader = files.contains { $0 != "-" } ? imageOptions.scanReaderLoader() : nil
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
            case .text: Console.print(TextRenderer(color: Console.useColor, verbose: options.verbose, rules: inspector.ruleSet).render(shown))
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

        if stream { checkStream(inspector, emit: emit, errors: &errors) }
        if !mrz.isEmpty { inspectText("", name: "mrz", splitLines: false) }
        for file in files {
            if file == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inspectText(String(decoding: data, as: UTF8.self), name: "-", splitLines: true)
                continue
            }
            // MRZ text files and scans, as `audit` reads them (Inspector.inspect(file:scanner:)).
            do throws(FileInspectionError) {
                let report = try inspector.inspect(file: file, decoder: loader?.decoder, scanner: { () throws(RecognizeError) -> ScanReader in
                    if let scanner { return scanner }
                    if let loader { scanner = try loader.reader() } else { scanner = try imageOptions.scanReader() }
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
                case .isFolder: errors.append(.usage)
                case .badMRZText, .decode, .ocrUnavailable: errors.append(.badInput)
                }
            }
        }
        let status = ExitStatus.combined(verdicts: verdicts, errors: errors)
        if status != .pass { throw ExitCode(status.rawValue) }
    }

    /// `--stream`: documents from standard input, each judged and printed the moment its last line arrives.
    /// On a terminal a prompt on standard error says what is expected; a bad line or an unfinished document is
    /// one line on standard error (by line number, never its characters) and the stream goes on.
    func checkStream(_ inspector: Inspector, emit: (Report, MRZDocument?) -> Void, errors: inout [ExitStatus]) {
        var assembler = MRZLineAssembler()
        let terminal = isatty(STDIN_FILENO) == 1
        func prompt() {
            guard terminal else { return }
            let text = assembler.awaiting > 0 ? "  \(assembler.awaiting) more line\(assembler.awaiting == 1 ? "" : "s")> " : "swipe a document or type its MRZ lines (Ctrl-D to end)> "
            FileHandle.standardError.write(Data(text.utf8))
        }
        func handle(_ outcome: MRZLineAssembler.Outcome) {
            switch outcome {
            case let .document(lines, firstLine):
                let name = "-:\(firstLine)"
                do {
                    let text = try MRZText(lines: lines)
                    emit(inspector.inspect(text, file: name), MRZParser.parse(text))
                } catch {
                    Console.error("\(name): \(error.description)")
                    errors.append(.badInput)
                }
            case let .rejected(error):
                Console.error("-: \(error.description)")
                errors.append(.badInput)
            }
        }
        var input = StandardInputLines()
        prompt()
        while let line = input.next() {
            assembler.add(line).forEach(handle)
            prompt()
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        if let outcome = assembler.finish() { handle(outcome) }
    }
}

/// Standard input as lines, each returned as soon as its line end (CR, LF or CRLF: swipe readers send any of
/// them) has been read, without waiting for more input.
struct StandardInputLines {
    private var buffer: [UInt8] = []
    private var afterCarriageReturn = false
    private var atEnd = false

    mutating func next() -> String? {
        while true {
            if let end = buffer.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                var consumed = end + 1
                if buffer[end] == 0x0D {
                    if consumed < buffer.count { consumed += buffer[consumed] == 0x0A ? 1 : 0 } else { afterCarriageReturn = true }
                }
                buffer.removeFirst(consumed)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { atEnd = true; continue }
            var bytes = chunk[..<count]
            // The LF of a CRLF split across two reads ends no second line.
            if afterCarriageReturn, buffer.isEmpty, bytes.first == 0x0A { bytes = bytes.dropFirst() }
            afterCarriageReturn = false
            buffer += bytes
        }
    }
}
