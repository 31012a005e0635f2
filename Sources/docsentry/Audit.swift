import ArgumentParser
import DocSentry
import Foundation

/// `docsentry audit`: folders of scans in one run, in parallel, with progress, JSON Lines, CSV and HTML.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit folders of scans: a verdict for every document, on all cores, with reports.",
        subcommands: [AuditRun.self, AuditMergeCommand.self],
        defaultSubcommand: AuditRun.self)
}

/// Exit codes of an audit beyond the README's table.
private enum AuditExit {
    static let interrupted: Int32 = 130
    static let terminated: Int32 = 143
    static let cannotWrite: Int32 = 73
}

/// What the audit commands share: prints an `AuditError` and maps it to an exit code.
private func fail(_ error: AuditError) -> ExitCode {
    Console.error(error.description)
    switch error {
    case .inputMissing, .folderUnreadable, .cannotRead: return ExitCode(ExitStatus.noInput.rawValue)
    case .badShard, .outputExists, .resumeMismatch, .outputIsInput, .outputsCollide: return ExitCode(ExitStatus.usage.rawValue)
    case .corruptRecord, .mergeConflict, .mixedRecords: return ExitCode(ExitStatus.badInput.rawValue)
    case .cannotWrite: return ExitCode(AuditExit.cannotWrite)
    case .ocrUnavailable: return ExitCode(ExitStatus.ocrUnavailable.rawValue)
    }
}

struct AuditRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Audit folders (walked recursively) or files; `docsentry audit DIR` runs this.",
        discussion: """
            Scans are recognised by their bytes (PNG, JPEG, TIFF, BMP, PNM, WebP, GIF, JPEG 2000), MRZ text files \
            by their lines; other files are skipped and counted. Patterns: * and ? within a name, ** across \
            folders, [abc]; a pattern without / matches the file name in any folder. Records go to --out as \
            each document finishes; Ctrl-C stops taking new documents, finishes those being read, prints the \
            summary and exits 130; --resume then goes on where the audit stopped. Exit codes: 20 any reject, \
            else 10 any review, else 65/66 a file that could not be processed, else 30 any unreadable, else 0; \
            130 interrupted, 73 the output cannot be written, 69 no OCR engine.
            """)

    @Argument(help: "Folders (walked recursively) and files to audit.")
    var inputs: [String]

    @Option(name: .customLong("include"), help: ArgumentHelp("Only files matching this pattern (relative to the folder; repeatable).", valueName: "glob"))
    var include: [String] = []

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out files matching this pattern (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .shortAndLong, help: "Worker threads, each with its own OCR engine; by default one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Write one JSON record per document (JSON Lines) to this file as each finishes.", valueName: "file.jsonl"))
    var out: String?

    @Flag(help: "Go on with the audit in --out: skip documents already there (same file and SHA-256), append the rest.")
    var resume = false

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @Option(help: ArgumentHelp("Write a table (one row per document) to this CSV file at the end.", valueName: "file.csv"))
    var csv: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML report to this file at the end.", valueName: "file.html"))
    var html: String?

    @Option(help: ArgumentHelp("Process only shard K of N (0 <= K < N), chosen by a stable hash of each file's relative path.", valueName: "K/N"))
    var shard: String?

    @Flag(name: .shortAndLong, help: "No progress and no summary.")
    var quiet = false

    @Option(help: "Rules folder (default: the Rules folder shipped with DocSentry).")
    var rules: String?

    @Option(help: "Judge dates as of this day, YYYY-MM-DD (default: today; give it for audits that span days or machines).")
    var referenceDate: String?

    @Option(help: "Which severities the policy applies: checkpoint, audit or training.")
    var mode: Mode = .audit

    @Flag(help: "Mask personal data (names, document number, date of birth, optional data) in the records.")
    var redact = false

    @OptionGroup var imageOptions: ImageOptions

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if resume && out == nil { throw ValidationError("--resume continues the audit in --out FILE: give --out") }
        if resume && force { throw ValidationError("--resume and --force contradict each other: choose one") }
        try imageOptions.validate(redact: redact)
    }

    func run() throws {
        var inspector = Inspector(ruleSet: try loadRules(), mode: mode, referenceDate: try referenceDay())
        inspector.timeBudget = imageOptions.timeBudget
        var request = AuditJob.Request(inputs: inputs)
        request.filter = PathFilter(include: include, exclude: exclude)
        request.jobs = jobs
        request.redact = redact
        request.model = OCRModel(argument: imageOptions.ocrModel)
        request.limits = imageOptions.decodeLimits
        request.visualZone = !imageOptions.noViz
        if imageOptions.debugDir != nil {
            let debugOptions = imageOptions
            request.debug = { file in debugOptions.debugWriter(for: file) }
        }
        (request.output, request.resume, request.force, request.csv, request.html) = (out, resume, force, csv, html)
        let job: AuditJob
        do throws(AuditError) {
            if let shard { request.shard = try Shard(parsing: shard) }
            job = try AuditJob(request, inspector: inspector)
        } catch {
            throw fail(error)
        }

        let signals = SignalWatch(auditor: job.auditor)
        let progress = quiet ? nil : ProgressTicker(auditor: job.auditor)
        let result: AuditJob.Result
        do throws(AuditError) {
            result = try job.run()
        } catch {
            progress?.finish()
            throw fail(error)
        }
        progress?.finish()
        signals.disarm()

        if !quiet {
            var text = result.summary.render()
            if result.interrupted, csv != nil || html != nil { text += "\n--csv and --html are written when the audit completes" }
            if out == nil { Console.print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        }
        if result.interrupted { throw ExitCode(signals.exitStatus) }
        if result.tally.exitStatus != 0 { throw ExitCode(result.tally.exitStatus) }
    }

    func referenceDay() throws -> CalendarDate { try Judging.referenceDay(referenceDate) }

    func loadRules() throws -> RuleSet { try Judging.loadRules(rules) }
}

struct AuditMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON Lines of several audits (e.g. the shards of one archive) into one.",
        discussion: """
            A document in several inputs (same file, same SHA-256) is written once; the same file with \
            different SHA-256s is an error (the scan changed between the runs), and so are records made by \
            different DocSentry versions, rules, OCR models, judging options or redaction unless --allow-mixed \
            is given. The output is sorted by file and written atomically; no output may be an input. \
            Exit code: as for an audit, over the merged documents.
            """)

    @Argument(help: "The merged JSON Lines file to write.")
    var output: String

    @Argument(help: "The audits' JSON Lines files.")
    var inputs: [String]

    @Option(help: "Also write a table (one row per document) to this CSV file.")
    var csv: String?

    @Option(help: "Also write a self-contained HTML report to this file.")
    var html: String?

    @Flag(help: "Overwrite the output if it exists.")
    var force = false

    @Flag(help: "Merge records made by different DocSentry versions, rules, OCR models (MRZ or visual zone), judging options or redaction (refused otherwise).")
    var allowMixed = false

    @Flag(name: .shortAndLong, help: "No summary.")
    var quiet = false

    func run() throws {
        let tally: AuditTally
        do throws(AuditError) {
            // The report's plain-language texts come from the shipped rules (or $DOCSENTRY_RULES), when they load.
            let texts = html == nil ? [:] : (try? RuleSet.load(directory: RulesLocation.bundled())).map { AuditHTML.ruleTexts($0.explanations) } ?? [:]
            tally = try AuditMerge.merge(inputs, into: output, csv: csv, html: html, force: force, allowMixed: allowMixed, ruleTexts: texts)
        } catch {
            throw fail(error)
        }
        if !quiet {
            let summary = AuditSummary(tally: tally, inspected: 0, earlier: 0, planned: tally.documents, skipped: 0,
                                       seconds: 0, jobs: 1, interrupted: false, output: output)
            let lines = summary.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            let text = "merged \(tally.documents) documents from \(inputs.count) file\(inputs.count == 1 ? "" : "s") into \(output)\n"
                + lines.joined(separator: "\n")
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
        if tally.exitStatus != 0 { throw ExitCode(tally.exitStatus) }
    }
}

/// SIGINT and SIGTERM during an audit: the first stops taking new documents (those being read are finished
/// and written), a second one quits at once (every record written so far stays).
private final class SignalWatch: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32?

    init(auditor: Auditor) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let first = lock.withLock { () -> Bool in
                    defer { if received == nil { received = number } }
                    return received == nil
                }
                if first {
                    auditor.stop()
                    FileHandle.standardError.write(Data("\ndocsentry: interrupted: finishing the documents being read (again to quit now)\n".utf8))
                } else {
                    _exit(number == SIGINT ? AuditExit.interrupted : AuditExit.terminated)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// 130 after SIGINT, 143 after SIGTERM.
    var exitStatus: Int32 {
        lock.withLock { received == SIGTERM ? AuditExit.terminated : AuditExit.interrupted }
    }

    /// Back to the default: Ctrl-C while the reports are written ends the program.
    func disarm() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// The progress display on standard error: one line rewritten in place on a terminal (4 times a second),
/// a plain line every 5 seconds otherwise (a log, a CI job, `kubectl logs`).
private final class ProgressTicker: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let terminal = isatty(STDERR_FILENO) == 1
    private let auditor: Auditor

    init(auditor: Auditor) {
        self.auditor = auditor
        timer = DispatchSource.makeTimerSource(queue: .global())
        let interval: DispatchTimeInterval = terminal ? .milliseconds(250) : .seconds(5)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [self] in show() }
        timer.resume()
    }

    private func show() {
        let line = "audit: " + auditor.progress().line()
        if terminal {
            var size = winsize()
            let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + String(line.prefix(columns - 1))).utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Stops the display and clears the line.
    func finish() {
        timer.cancel()
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
