import Foundation

/// `docsentry audit merge`: the JSON Lines of several audits (the shards of one archive, or runs over
/// different folders) as one.
public enum AuditMerge {
    /// Writes one record per document of `inputs` to `output`, sorted by file, each line as it was written by
    /// its audit (byte for byte). A document in several inputs (same file, same SHA-256) is written once, a
    /// report preferred over an error record. The output is written to a temporary file and renamed.
    ///
    /// - Parameter allowMixed: merge records made by different DocSentry versions, rules, OCR models, judging
    ///   options or redaction (refused otherwise: such a merge is no longer one audit).
    /// - Returns: the merged records, for `--csv` and `--html`.
    /// - Throws: `AuditError.mergeConflict` when the same file has different SHA-256s in two inputs (the
    ///   scan changed between the runs), `.mixedRecords`, `.outputIsInput`, `.corruptRecord` for a line that is
    ///   no record, `.cannotWrite`.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String, allowMixed: Bool = false) throws(AuditError) -> AuditResults {
        try OutputGuard.check(outputs: [("the merged output", output)], inputs: inputs)
        let results = try AuditResults(inputs)
        if !allowMixed, let mixture = results.origins.mixture() { throw mixture }
        let out = try AtomicOutputFile(path: output)
        var buffer: [UInt8] = []
        try results.forEach { _, line throws(AuditError) in
            buffer += line
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                try out.write(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(String(decoding: buffer, as: UTF8.self))
        try out.commit()
        return try AuditResults([output])
    }
}

/// What made an audit's records, aspect by aspect: the DocSentry version, the rules folder's digest, the OCR
/// model (scans only), the judging options (`--mode`, `--reference-date`) and whether they are redacted, each
/// value with how many records carry it and the first file holding one.
public struct RecordOrigins: Sendable {
    public struct Seen: Sendable, Equatable {
        public var records: Int
        public var source: String
    }

    /// Aspect (`DocSentry versions`, `rules`, `OCR models`, `visual-zone models`, `judging options`, `redaction`)
    /// -> value -> seen.
    public private(set) var aspects: [String: [String: Seen]] = [:]
    private var order: [String: [String]] = [:]

    public init() {}

    static let unknown = "unknown (written before records named it)"

    /// How an aspect names the visual zone's model: its identity, or that none read it.
    static func visualZone(_ model: ModelIdentity?) -> String {
        model?.description ?? "none (--no-viz, or written before records named it)"
    }

    public mutating func add(_ record: AuditRecord, source: String) {
        let provenance = record.provenance
        note("DocSentry versions", provenance.map(\.docsentryVersion) ?? Self.unknown, source)
        note("rules", provenance.map { $0.rulesSHA256.isEmpty ? Self.unknown : "sha256 " + $0.rulesSHA256.prefix(12) + "…" } ?? Self.unknown, source)
        guard case let .report(report, _) = record else { return }
        if report.image != nil {
            note("OCR models", report.ocrModel?.description ?? Self.unknown, source)
            // Only reports whose visual zone was compared: a scan without an MRZ found never reaches that stage.
            if report.mrz != nil { note("visual-zone models", Self.visualZone(report.visualZoneModel), source) }
        }
        note("judging options", Auditor.judgedWith(mode: report.mode, referenceDate: report.referenceDate), source)
        note("redaction", report.redacted ? "--redact" : "no --redact", source)
    }

    private mutating func note(_ aspect: String, _ value: String, _ source: String) {
        if aspects[aspect]?[value] == nil { order[aspect, default: []].append(value) }
        aspects[aspect, default: [:]][value, default: Seen(records: 0, source: source)].records += 1
    }

    /// The values of `aspect` in the order first seen.
    public func values(of aspect: String) -> [String] { order[aspect] ?? [] }

    /// The first aspect with two values, as the error to refuse a merge with; nil when all records agree.
    public func mixture() -> AuditError? {
        for aspect in ["DocSentry versions", "rules", "OCR models", "visual-zone models", "judging options", "redaction"] {
            let values = values(of: aspect)
            guard values.count > 1 else { continue }
            func shown(_ value: String) -> String {
                let seen = aspects[aspect]![value]!
                return "\(value) (\(seen.records) record\(seen.records == 1 ? "" : "s"), e.g. in \(seen.source))"
            }
            return .mixedRecords(aspect: aspect, first: shown(values[0]), second: shown(values[1]))
        }
        return nil
    }
}
