import Foundation

/// Runs an audit: inspects a plan's documents on `jobs` worker threads, streams a record per document to
/// the output file as it finishes, and keeps only counters.
///
/// Each worker owns one `ScanReader` (an OCR engine is not thread-safe and costs tens of milliseconds to
/// load), created when it meets its first scan and reused for every later one. Workers take the next
/// document index from a shared counter under a lock, so a slow scan never holds the others up. `stop()`
/// (on SIGINT) makes the workers take no new documents; the ones being inspected are finished and written.
///
/// The order of records in the output is the order documents finish in; `--resume` and `audit merge` match
/// records by file and SHA-256, never by position.
public final class Auditor: @unchecked Sendable {
    /// How an audit runs.
    public struct Configuration: Sendable {
        /// Worker threads (at least 1).
        public var jobs: Int
        /// Mask personal data in the records (`--redact`).
        public var redact: Bool
        /// Makes a worker's scan reader; called at most once per worker.
        public var makeScanner: @Sendable () throws(RecognizeError) -> ScanReader
        /// Receives a scan's intermediate images (`--debug-dir`), called on the worker's thread; never with
        /// `redact` (the images show the holder's name, portrait and MRZ).
        public var debug: (@Sendable (String) -> ((DebugImages) -> Void)?)?

        public init(jobs: Int, redact: Bool = false, makeScanner: @escaping @Sendable () throws(RecognizeError) -> ScanReader,
                    debug: (@Sendable (String) -> ((DebugImages) -> Void)?)? = nil) {
            self.jobs = max(1, jobs)
            self.redact = redact
            self.makeScanner = makeScanner
            self.debug = debug
        }
    }

    /// What an earlier, interrupted run left in the output file (`--resume`).
    public struct Earlier: Sendable {
        /// `file` + NUL + `sha256` of every record already written.
        public var keys: Set<String> = []
        public var tally = AuditTally()
        /// Mode and reference date of the earlier reports, as `--mode M --reference-date D`.
        public var judgedWith: String?
        /// What made the earlier records (version, rules, model, judging options, redaction).
        public var origins = RecordOrigins()

        public init() {}

        /// The first way the earlier records differ from those this run would write, as the earlier value and
        /// this run's; nil when they agree. `provenance.ocrModel` nil: the models are not compared.
        public func disagreement(with provenance: Provenance, mode: Mode, referenceDate: CalendarDate,
                                 redact: Bool) -> (earlier: String, now: String)? {
            let now: [(aspect: String, value: String?, label: String)] = [
                ("judging options", Auditor.judgedWith(mode: mode, referenceDate: referenceDate), ""),
                ("DocSentry versions", provenance.docsentryVersion, "DocSentry "),
                ("rules", "sha256 " + provenance.rulesSHA256.prefix(12) + "…", "rules "),
                ("OCR models", provenance.ocrModel?.description, "OCR model "),
                ("visual-zone models", provenance.ocrModel.map { _ in RecordOrigins.visualZone(provenance.visualZoneModel) }, "visual-zone model "),
                ("redaction", redact ? "--redact" : "no --redact", ""),
            ]
            for (aspect, value, label) in now {
                guard let value, let earlier = origins.values(of: aspect).first(where: { $0 != value }) else { continue }
                return (label + earlier, label + value)
            }
            return nil
        }

        static func key(_ file: String, _ sha256: String) -> String { file + "\u{0}" + sha256 }

        /// Reads the records of `path`, cutting off a last line left unfinished by a crash.
        public static func load(_ path: String) throws(AuditError) -> Earlier {
            var earlier = Earlier()
            try AuditLog.read(path, repair: true) { record, _, _, _ in
                let key = key(record.file, record.sha256)
                // A document written twice counts once (the later record stands).
                guard earlier.keys.insert(key).inserted else { return }
                earlier.tally.add(RecordDigest(record))
                earlier.origins.add(record, source: path)
                if earlier.judgedWith == nil, case let .report(report, _) = record {
                    earlier.judgedWith = Auditor.judgedWith(mode: report.mode, referenceDate: report.referenceDate)
                }
            }
            return earlier
        }
    }

    /// How a run ended.
    public struct Outcome: Sendable {
        /// Counters over every document with a record, earlier ones included.
        public var tally: AuditTally
        /// Documents inspected by this run, and those skipped because the output held them already.
        public var inspected: Int
        public var earlier: Int
        public var seconds: Double
        /// True when `stop()` ended the run before every document was done.
        public var interrupted: Bool
    }

    public let inspector: Inspector
    public let documents: [AuditDocument]
    public let configuration: Configuration
    private let output: AuditOutputFile?
    private let earlier: Earlier

    private let lock = NSLock()
    private var nextIndex = 0
    private var stopping = false
    private var fatal: AuditError?
    private var tally: AuditTally
    private var done = 0
    private var skippedAsEarlier = 0
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant

    /// - Parameters:
    ///   - output: where records go (nil: counters only).
    ///   - earlier: the records already in `output` (`--resume`): documents whose file and SHA-256 match one are
    ///     not inspected again, and count in the summary as they were.
    public init(inspector: Inspector, documents: [AuditDocument], configuration: Configuration,
                output: AuditOutputFile?, earlier: Earlier = Earlier()) {
        self.inspector = inspector
        self.documents = documents
        self.configuration = configuration
        self.output = output
        self.earlier = earlier
        tally = earlier.tally
        started = clock.now
    }

    /// `--mode M --reference-date D`: what decides a report's verdicts besides the rules.
    public static func judgedWith(mode: Mode, referenceDate: CalendarDate) -> String {
        "--mode \(mode.rawValue) --reference-date \(referenceDate)"
    }

    /// Inspects every document (or until `stop()`), blocking until the workers are done.
    ///
    /// - Throws: `AuditError.cannotWrite` when the output cannot be written, `.ocrUnavailable` when no OCR
    ///   engine can be made; the records written before stay valid.
    public func run() throws(AuditError) -> Outcome {
        lock.withLock { started = clock.now }
        // libtesseract is opened (and OMP_THREAD_LIMIT set) here, before the workers' threads exist; a failure
        // surfaces when the first worker makes its engine.
        try? OCREngine.loadTesseract()
        let workers = max(1, min(configuration.jobs, documents.count))
        let group = DispatchGroup()
        for number in 0..<workers {
            group.enter()
            let thread = Thread {
                self.work()
                group.leave()
            }
            thread.name = "audit-worker-\(number)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        if let fatal { throw fatal }
        return Outcome(tally: tally, inspected: done - skippedAsEarlier, earlier: skippedAsEarlier,
                       seconds: seconds(since: started), interrupted: done < documents.count)
    }

    /// Makes the workers take no new document; those being inspected are finished. Safe from any thread.
    public func stop() {
        lock.withLock { stopping = true }
    }

    /// A snapshot for the progress line.
    public func progress() -> AuditProgress {
        lock.withLock {
            AuditProgress(total: documents.count, done: done, earlier: skippedAsEarlier, tally: tally,
                          elapsed: seconds(since: started))
        }
    }

    private func seconds(since instant: ContinuousClock.Instant) -> Double {
        let (s, atto) = (clock.now - instant).components
        return Double(s) + Double(atto) / 1e18
    }

    private func takeNext() -> Int? {
        lock.withLock {
            guard !stopping, fatal == nil, nextIndex < documents.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    private func work() {
        var scanner: ScanReader?
        while let index = takeNext() {
            let document = documents[index]
            guard let record = inspect(document, scanner: &scanner) else { continue }
            let line = record.map { $0.jsonLine() }
            lock.lock()
            defer { lock.unlock() }
            guard fatal == nil else { continue }
            if record != nil, let line, let output {
                do throws(AuditError) { try output.append(line) } catch {
                    fatal = error
                    stopping = true
                    continue
                }
            }
            if let record { tally.add(RecordDigest(record)) } else { skippedAsEarlier += 1 }
            done += 1
        }
    }

    /// The record for one document; `.some(nil)` when an earlier run already wrote it; nil after a fatal error.
    private func inspect(_ document: AuditDocument, scanner: inout ScanReader?) -> AuditRecord?? {
        let sha256 = FileDigest.sha256(ofFileAt: document.file) ?? ""
        if earlier.keys.contains(Earlier.key(document.file, sha256)) { return .some(nil) }
        let make = configuration.makeScanner
        do {
            var report = try inspector.inspect(file: document.file, scanner: { () throws(RecognizeError) -> ScanReader in
                if let scanner { return scanner }
                let made = try make()
                scanner = made
                return made
            }, debug: configuration.redact ? nil : configuration.debug?(document.file))
            if configuration.redact { report = Redaction.redact(report) }
            return .report(report, sha256: sha256)
        } catch .ocrUnavailable(let error) {
            lock.withLock {
                if fatal == nil { fatal = .ocrUnavailable(error) }
                stopping = true
            }
            return nil
        } catch {
            return .error(file: document.file, sha256: sha256, message: error.description, exitCode: error.exitCode,
                          provenance: Provenance(rulesSHA256: inspector.rulesSHA256, ocrModel: nil))
        }
    }
}
