/// The summary an audit prints at the end: totals per verdict, the most common findings, throughput, and the
/// files that could not be read, with why.
public struct AuditSummary: Sendable {
    public var tally: AuditTally
    /// Documents inspected by this run, and those the output already held (`--resume`).
    public var inspected: Int
    public var earlier: Int
    /// Documents in the plan (after `--shard`); files skipped as neither scan nor MRZ text.
    public var planned: Int
    public var skipped: Int
    public var seconds: Double
    public var jobs: Int
    public var interrupted: Bool
    /// Where the records are, for "see FILE".
    public var output: String?

    public init(tally: AuditTally, inspected: Int, earlier: Int, planned: Int, skipped: Int, seconds: Double, jobs: Int,
                interrupted: Bool, output: String?) {
        self.tally = tally
        self.inspected = inspected
        self.earlier = earlier
        self.planned = planned
        self.skipped = skipped
        self.seconds = seconds
        self.jobs = jobs
        self.interrupted = interrupted
        self.output = output
    }

    /// How many problem files the text lists by name.
    public static let listedProblems = 20

    /// The summary as lines of text for a terminal.
    public func render(findings limit: Int = 8) -> String {
        var lines: [String] = []
        let rate = seconds > 0 ? Double(inspected) / seconds : 0
        var head = "audit: \(tally.documents) document\(tally.documents == 1 ? "" : "s")"
        head += " · \(inspected) inspected in \(AuditFormat.duration(seconds)) (\(AuditFormat.rate(rate)) docs/s, \(jobs) worker\(jobs == 1 ? "" : "s"))"
        if earlier > 0 { head += " · \(earlier) already in the output" }
        lines.append(head)
        lines.append("  " + Verdict.allCases.map { "\($0.rawValue) \(tally.count($0))" }.joined(separator: " · ")
                     + (tally.errors > 0 ? " · error \(tally.errors)" : ""))
        if skipped > 0 {
            lines.append("  \(skipped) file\(skipped == 1 ? "" : "s") skipped: neither a scan nor MRZ text")
        }
        let common = tally.commonFindings(limit)
        if !common.isEmpty {
            lines.append("most common findings (documents):")
            let width = String(common.map(\.documents).max() ?? 0).count
            for (rule, count) in common {
                lines.append("  " + String(repeating: " ", count: width - String(count).count) + "\(count)  \(rule)")
            }
        }
        if tally.problemCount > 0 {
            lines.append("could not be read (\(tally.problemCount)):")
            for problem in tally.problems.prefix(Self.listedProblems) {
                lines.append("  " + (problem.why.hasPrefix(problem.file + ":") ? problem.why : "\(problem.file): \(problem.why)"))
            }
            if tally.problemCount > Self.listedProblems {
                lines.append("  … and \(tally.problemCount - Self.listedProblems) more" + (output.map { ": see \($0)" } ?? ""))
            }
        }
        if interrupted {
            let left = planned - inspected - earlier
            lines.append("interrupted: \(left) of \(planned) documents not done"
                         + (output.map { "; run the same command with --resume to finish \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
