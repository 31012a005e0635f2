/// The counters of an audit: all its summary needs, and nothing per document (memory stays flat however many
/// documents go through), except the first `keptProblems` files that could not be read.
public struct AuditTally: Sendable, Equatable {
    /// How many problem files are kept by name for the summary; the rest are only counted.
    public static let keptProblems = 100

    public private(set) var verdicts: [Verdict: Int] = [:]
    /// Documents with an error record (no report).
    public private(set) var errors = 0
    /// Documents with at least one `warn`/`fail` finding of that rule.
    public private(set) var findings: [String: Int] = [:]
    /// Per issuing state, the documents per verdict.
    public private(set) var states: [String: [Verdict: Int]] = [:]
    /// The first files (in the order they were counted) that could not be read, with why.
    public private(set) var problems: [(file: String, why: String)] = []
    public private(set) var problemCount = 0
    /// The error of the first document (by file name) that had one: it decides the exit status when no
    /// document was `reject` or `review`.
    public private(set) var firstError: (file: String, exitCode: Int32)?

    public init() {}

    /// Documents with a record.
    public var documents: Int { verdicts.values.reduce(0, +) + errors }

    public mutating func add(_ digest: RecordDigest) {
        if let verdict = digest.verdict {
            verdicts[verdict, default: 0] += 1
            for rule in digest.findingRules { findings[rule, default: 0] += 1 }
            states[digest.issuingState ?? "", default: [:]][verdict, default: 0] += 1
        } else {
            errors += 1
            if let code = digest.exitCode, firstError.map({ digest.file.utf8.lexicographicallyPrecedes($0.file.utf8) }) ?? true {
                firstError = (digest.file, code)
            }
        }
        if let problem = digest.problem {
            problemCount += 1
            if problems.count < Self.keptProblems { problems.append((digest.file, problem)) }
        }
    }

    public func count(_ verdict: Verdict) -> Int { verdicts[verdict] ?? 0 }

    /// Finding rules by the number of documents, most common first (ties by rule id).
    public func commonFindings(_ limit: Int = .max) -> [(rule: String, documents: Int)] {
        findings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// Exit status by the README's table: 20 if any `reject`, else 10 if any `review`, else the first error's
    /// code, else 30 if any `unreadable`, else 0.
    public var exitStatus: Int32 {
        if count(.reject) > 0 { return 20 }
        if count(.review) > 0 { return 10 }
        if let firstError { return firstError.exitCode }
        if count(.unreadable) > 0 { return 30 }
        return 0
    }

    public static func == (lhs: AuditTally, rhs: AuditTally) -> Bool {
        lhs.verdicts == rhs.verdicts && lhs.errors == rhs.errors && lhs.findings == rhs.findings && lhs.states == rhs.states
            && lhs.problemCount == rhs.problemCount && lhs.firstError?.file == rhs.firstError?.file
            && lhs.firstError?.exitCode == rhs.firstError?.exitCode
            && lhs.problems.map(\.file) == rhs.problems.map(\.file) && lhs.problems.map(\.why) == rhs.problems.map(\.why)
    }
}

/// Where an audit stands, for the progress line: a snapshot, taken under the auditor's lock.
public struct AuditProgress: Sendable {
    /// Documents in this run's plan (after `--shard`), those with a record (earlier ones included), and those
    /// that were already in the output file (`--resume`).
    public var total: Int
    public var done: Int
    public var earlier: Int
    public var tally: AuditTally
    /// Seconds since this run started.
    public var elapsed: Double

    public init(total: Int, done: Int, earlier: Int, tally: AuditTally, elapsed: Double) {
        self.total = total
        self.done = done
        self.earlier = earlier
        self.tally = tally
        self.elapsed = elapsed
    }

    /// Documents per second inspected by this run (not counting those taken from the earlier run).
    public var rate: Double { elapsed > 0 ? Double(done - earlier) / elapsed : 0 }

    /// Seconds left at the current rate, nil before the first document.
    public var secondsLeft: Double? { rate > 0 ? Double(total - done) / rate : nil }

    /// `312/1000 31% · 4.2 docs/s · ETA 2m44s · pass 200 review 60 reject 40 unreadable 10 error 2`
    public func line() -> String {
        let percent = total > 0 ? done * 100 / total : 100
        var parts = ["\(done)/\(total) \(percent)%", "\(AuditFormat.rate(rate)) docs/s"]
        parts.append("ETA " + (secondsLeft.map(AuditFormat.duration) ?? "--"))
        parts.append(AuditFormat.counts(tally))
        return parts.joined(separator: " · ")
    }
}

/// Small text formats shared by the progress line, the summary and the reports.
public enum AuditFormat {
    /// `2h03m`, `4m05s`, `12s`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h" + pad(s % 3600 / 60) + "m" }
        if s >= 60 { return "\(s / 60)m" + pad(s % 60) + "s" }
        return "\(s)s"
    }

    /// One decimal under 100, none above.
    public static func rate(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded()))" : "\((value * 10).rounded() / 10)"
    }

    /// `pass 200 review 60 reject 40 unreadable 10 error 2` (errors only when there are some).
    public static func counts(_ tally: AuditTally) -> String {
        var text = Verdict.allCases.map { "\($0.rawValue) \(tally.count($0))" }.joined(separator: " ")
        if tally.errors > 0 { text += " error \(tally.errors)" }
        return text
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
