import Foundation

/// An audit with its reports, as `docsentry audit` runs it: plan the documents, check the outputs (none over an
/// input, an existing `--out` only with `--resume` or `--force`, a resume only with the options, version, rules,
/// model and redaction its records were made with), inspect every document on `jobs` workers streaming a record
/// each, then write the CSV and HTML reports from the records.
///
/// Why in the library: a program embedding DocSentry runs the same audit with the same guarantees; the command
/// line only parses, shows progress and prints. Create it (which checks everything that can be checked before
/// the first document), hand `auditor` to whatever shows progress or stops it (a signal handler), then `run()`.
public final class AuditJob {
    /// What to audit and where the results go.
    public struct Request: Sendable {
        /// Folders (walked recursively) and files.
        public var inputs: [String]
        public var filter = PathFilter()
        public var shard: Shard?
        /// Worker threads, each with its own OCR engine.
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var redact = false
        public var model: OCRModel = .bundledMRZ
        public var limits: DecodeLimits = .standard
        /// Compare each scan's visual zone with its MRZ (`VisualZoneCheck`); false reads the MRZ only.
        public var visualZone = true
        /// Receives a scan's intermediate images (never with `redact`).
        public var debug: (@Sendable (String) -> ((DebugImages) -> Void)?)?
        /// The JSON Lines records (`--out`), appended as each document finishes; nil: a temporary file, when a
        /// report needs the records, else none.
        public var output: String?
        /// Go on with the audit in `output`; `force`: start it again.
        public var resume = false
        public var force = false
        public var csv: String?
        public var html: String?
        /// How the audit was asked for, shown under the HTML report's title (e.g. the command line).
        public var description: String?

        public init(inputs: [String]) {
            self.inputs = inputs
        }
    }

    /// How the audit ended.
    public struct Result: Sendable {
        /// Counters over every document in the output (earlier records included with `resume`).
        public var tally: AuditTally
        public var summary: AuditSummary
        /// True when `auditor.stop()` ended it early: the reports are then not written.
        public var interrupted: Bool
    }

    public let request: Request
    public let inspector: Inspector
    public let plan: AuditPlan
    /// The running audit: `progress()` for a display, `stop()` for Ctrl-C.
    public let auditor: Auditor
    private let recordsPath: String?
    private let temporary: String?

    /// Plans the audit and opens its output.
    ///
    /// - Throws: `AuditError` for a missing input, a bad shard, an output that is an input or exists without
    ///   `resume`/`force`, a resume whose records were made otherwise, an output that cannot be written.
    public init(_ request: Request, inspector: Inspector) throws(AuditError) {
        self.request = request
        self.inspector = inspector
        plan = try AuditPlan.collect(roots: request.inputs, filter: request.filter, shard: request.shard)
        let outputs = [("--out", request.output), ("--csv", request.csv), ("--html", request.html)]
        try OutputGuard.check(outputs: outputs.compactMap { option, path in path.map { (option, $0) } }, inputs: plan.documents.map(\.file))

        var earlier = Auditor.Earlier()
        if let out = request.output, FileManager.default.fileExists(atPath: out) {
            guard request.resume || request.force else { throw .outputExists(path: out) }
            if request.resume {
                earlier = try Auditor.Earlier.load(out)
                // The models are compared only when the earlier records hold scans (their identity needs an engine).
                let scanner = earlier.origins.values(of: "OCR models").isEmpty ? nil
                    : try? ScanReader(model: request.model, limits: request.limits, visualZone: request.visualZone)
                let provenance = Provenance(rulesSHA256: inspector.rulesSHA256, ocrModel: scanner?.reader.engine.identity,
                                            visualZoneModel: scanner?.visualZone?.loadedEngine()?.identity)
                if let (before, now) = earlier.disagreement(with: provenance,
                                                            mode: inspector.mode, referenceDate: inspector.referenceDate, redact: request.redact) {
                    throw .resumeMismatch(path: out, earlier: before, now: now)
                }
            }
        }
        let output: AuditOutputFile?
        if let out = request.output {
            output = try AuditOutputFile(path: out, append: request.resume)
            (recordsPath, temporary) = (out, nil)
        } else if request.csv != nil || request.html != nil {
            let path = NSTemporaryDirectory() + "/docsentry-audit-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).jsonl"
            output = try AuditOutputFile(path: path, append: false)
            (recordsPath, temporary) = (path, path)
        } else {
            output = nil
            (recordsPath, temporary) = (nil, nil)
        }

        let (model, limits, visualZone) = (request.model, request.limits, request.visualZone)
        let configuration = Auditor.Configuration(
            jobs: request.jobs, redact: request.redact,
            makeScanner: { () throws(RecognizeError) -> ScanReader in try ScanReader(model: model, limits: limits, visualZone: visualZone) },
            debug: request.debug)
        auditor = Auditor(inspector: inspector, documents: plan.documents, configuration: configuration, output: output, earlier: earlier)
    }

    deinit {
        if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
    }

    /// Inspects every document, then (unless stopped) writes `csv` and `html` from the records.
    ///
    /// - Throws: `AuditError.cannotWrite`, `.ocrUnavailable`, or an error reading the records back; the records
    ///   written before stay valid.
    public func run() throws(AuditError) -> Result {
        let outcome = try auditor.run()
        var tally = outcome.tally
        if request.resume, let recordsPath { tally = try AuditResults([recordsPath]).tally() }
        if !outcome.interrupted, let recordsPath, request.csv != nil || request.html != nil {
            let results = try AuditResults([recordsPath])
            if let csv = request.csv { try AuditCSV.write(results, to: csv) }
            if let html = request.html {
                var report = AuditHTML(subtitle: subtitle())
                report.ruleTexts = AuditHTML.ruleTexts(inspector.ruleSet.explanations)
                try report.write(results, to: html)
            }
        }
        let summary = AuditSummary(
            tally: tally, inspected: outcome.inspected, earlier: outcome.earlier, planned: plan.documents.count,
            skipped: plan.skipped, seconds: outcome.seconds, jobs: min(request.jobs, max(1, plan.documents.count)),
            interrupted: outcome.interrupted, output: request.output)
        return Result(tally: tally, summary: summary, interrupted: outcome.interrupted)
    }

    /// The HTML report's subtitle: the request's description (else the inputs and shard), how documents were
    /// judged, when.
    func subtitle() -> String {
        var text = request.description ?? ("docsentry audit " + request.inputs.joined(separator: " ")
            + (request.shard.map { " --shard \($0)" } ?? ""))
        text += " \(Auditor.judgedWith(mode: inspector.mode, referenceDate: inspector.referenceDate))"
        if request.redact { text += " --redact" }
        text += " · " + ISO8601DateFormatter.string(from: Date(), timeZone: .current,
                                                    formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime])
        return text
    }
}

extension AuditMerge {
    /// `docsentry audit merge`: merges `inputs` into `output` (refused when it exists, unless `force`) and writes
    /// the CSV and HTML reports of the merged records; no output may be an input.
    ///
    /// - Returns: the counters over the merged documents.
    ///
    /// - Parameter ruleTexts: the plain-language texts the HTML report shows (`AuditHTML.ruleTexts`).
    public static func merge(_ inputs: [String], into output: String, csv: String?, html: String?, force: Bool = false,
                             allowMixed: Bool = false, ruleTexts: [String: AuditHTML.RuleText] = [:]) throws(AuditError) -> AuditTally {
        let outputs = [("the merged output", Optional(output)), ("--csv", csv), ("--html", html)]
        try OutputGuard.check(outputs: outputs.compactMap { option, path in path.map { (option, $0) } }, inputs: inputs)
        if FileManager.default.fileExists(atPath: output), !force { throw .outputExists(path: output) }
        let results = try merge(inputs, into: output, allowMixed: allowMixed)
        if let csv { try AuditCSV.write(results, to: csv) }
        if let html {
            var report = AuditHTML(subtitle: "\(results.count) documents merged from " + inputs.joined(separator: ", "))
            report.ruleTexts = ruleTexts
            try report.write(results, to: html)
        }
        return try results.tally()
    }
}
