import Foundation

/// The audit report as one self-contained HTML file (`--html`): inline CSS, thumbnails as `data:` URIs, no
/// script, no network. A summary (documents per verdict, per finding, per issuing state) comes first, then
/// every document that is not `pass`, worst first: its thumbnail with the located MRZ drawn on it, its MRZ,
/// its findings and their evidence.
///
/// The records are read from the audit's JSON Lines; the thumbnails are made from the scans, which must still
/// be where the records say (a scan that moved gets no thumbnail).
public struct AuditHTML: Sendable {
    /// Shown under the title: how the audit was run.
    public var subtitle: String
    /// Thumbnail width in pixels.
    public var thumbnailWidth = 320
    public var decoder = ImageDecoder()

    public init(subtitle: String) {
        self.subtitle = subtitle
    }

    /// Writes the report of `results` to `path` (whole or not at all: `AtomicOutputFile`).
    public func write(_ results: AuditResults, to path: String) throws(AuditError) {
        let tally = try results.tally()
        let out = try AtomicOutputFile(path: path)
        try out.write(head() + summary(tally))
        let sections: [(title: String, verdicts: Set<Verdict?>, css: String)] = [
            ("Rejected", [.reject], "reject"), ("For review", [.review], "review"),
            ("Unreadable: no MRZ could be read", [.unreadable], "unreadable"),
            ("Could not be processed", [nil], "error"),
        ]
        for section in sections {
            let count = section.verdicts.reduce(0) { $0 + results.count(verdict: $1) }
            guard count > 0 else { continue }
            try out.write("<h2 id=\"\(section.css)\">\(Self.escape(section.title)) <span class=\"count\">\(count)</span></h2>\n")
            var batch: [AuditRecord] = []
            func flush() throws(AuditError) {
                let rows = renderInParallel(batch)
                try out.write(rows.joined())
                batch.removeAll(keepingCapacity: true)
            }
            try results.forEach(verdicts: section.verdicts) { record, _ throws(AuditError) in
                batch.append(record)
                if batch.count == 16 { try flush() }
            }
            try flush()
        }
        if tally.documents > 0 && tally.count(.pass) == tally.documents {
            try out.write("<p class=\"allclear\">Every document passed.</p>\n")
        }
        try out.write("</main></body></html>\n")
        try out.commit()
    }

    /// The rows of `records`, in their order, thumbnails made on all cores.
    private func renderInParallel(_ records: [AuditRecord]) -> [String] {
        let rows = RowBuffer(count: records.count)
        DispatchQueue.concurrentPerform(iterations: records.count) { index in
            rows.set(index, row(records[index]))
        }
        return rows.values
    }

    private final class RowBuffer: @unchecked Sendable {
        private let lock = NSLock()
        private var rows: [String]
        init(count: Int) { rows = Array(repeating: "", count: count) }
        func set(_ index: Int, _ row: String) { lock.withLock { rows[index] = row } }
        var values: [String] { lock.withLock { rows } }
    }

    func head() -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>DocSentry audit</title>
        <style>\(Self.css)</style>
        </head><body><main>
        <h1>DocSentry audit</h1>
        <p class="subtitle">\(Self.escape(subtitle))</p>

        """
    }

    func summary(_ tally: AuditTally) -> String {
        var html = "<section class=\"summary\">\n<div class=\"cards\">\n"
        let total = max(1, tally.documents)
        var cards: [(String, String, Int)] = Verdict.allCases.map { ($0.rawValue, $0.rawValue, tally.count($0)) }
        if tally.errors > 0 { cards.append(("error", "not processed", tally.errors)) }
        html += "<div class=\"card total\"><b>\(tally.documents)</b>documents</div>\n"
        for (css, label, count) in cards {
            let link = css == "pass" || count == 0 ? "" : " href=\"#\(css)\""
            html += "<a class=\"card \(css)\"\(link)><b>\(count)</b>\(label) · \(Self.percent(count, of: total))</a>\n"
        }
        html += "</div>\n<div class=\"tables\">\n"

        let findings = tally.commonFindings()
        html += "<table class=\"bars\"><caption>Findings (warn or fail), by documents</caption>\n"
        if findings.isEmpty { html += "<tr><td>none</td></tr>\n" }
        let most = findings.first?.documents ?? 1
        for (rule, count) in findings {
            html += "<tr><td><code>\(Self.escape(rule))</code></td><td class=\"n\">\(count)</td>"
                + "<td class=\"bar\"><span style=\"width:\(max(1, count * 100 / most))%\"></span></td></tr>\n"
        }
        html += "</table>\n"

        html += "<table class=\"states\"><caption>Issuing states</caption>\n<tr><th>state</th><th>documents</th>"
            + Verdict.allCases.map { "<th>\($0.rawValue)</th>" }.joined() + "</tr>\n"
        typealias StateRow = (state: String, counts: [Verdict: Int], total: Int)
        var states: [StateRow] = []
        for (state, counts) in tally.states {
            let total: Int = counts.values.reduce(0, +)
            states.append((state, counts, total))
        }
        states.sort { (a: StateRow, b: StateRow) -> Bool in a.total != b.total ? a.total > b.total : a.state < b.state }
        for state in states {
            let name = state.state.isEmpty ? "<i>none read</i>" : "<code>\(Self.escape(state.state.replacingOccurrences(of: "<", with: "")))</code>"
            html += "<tr><td>\(name)</td><td class=\"n\">\(state.total)</td>"
            for verdict in Verdict.allCases {
                let n = state.counts[verdict] ?? 0
                html += "<td class=\"n \(n > 0 ? verdict.rawValue : "zero")\">\(n)</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n</div>\n</section>\n"
        return html
    }

    /// One document's entry.
    func row(_ record: AuditRecord) -> String {
        switch record {
        case let .error(file, sha256, message, exitCode, _):
            return """
                <article class="doc error"><div class="thumb none">not processed</div><div class="body">
                <h3><span class="badge error">error \(exitCode)</span> <code>\(Self.escape(file))</code></h3>
                <p class="why">\(Self.escape(message))</p>
                <p class="sha">sha256 \(Self.escape(sha256))</p></div></article>

                """
        case let .report(report, sha256):
            var html = "<article class=\"doc \(report.verdict.rawValue)\">"
            html += thumbnail(report)
            html += "<div class=\"body\">\n<h3><span class=\"badge \(report.verdict.rawValue)\">\(report.verdict.rawValue)</span> "
                + "<code>\(Self.escape(report.file))</code></h3>\n"
            if let reason = report.reason { html += "<p class=\"why\">\(Self.escape(reason))</p>\n" }
            if let d = report.document {
                var facts = ["\(d.format.rawValue) \(d.documentCode.replacingOccurrences(of: "<", with: ""))",
                             "issued by \(d.issuingState.replacingOccurrences(of: "<", with: ""))",
                             "number \(d.documentNumber)", "nationality \(d.nationality.replacingOccurrences(of: "<", with: ""))"]
                let name = [d.surname, d.givenNames].filter { !$0.isEmpty }.joined(separator: ", ")
                if !name.isEmpty { facts.append(name) }
                if let born = d.dateOfBirth { facts.append("born \(born)") }
                if let expires = d.dateOfExpiry { facts.append("expires \(expires)") }
                html += "<p class=\"facts\">\(facts.map(Self.escape).joined(separator: " · "))</p>\n"
            }
            if let mrz = report.mrz { html += "<pre class=\"mrz\">\(Self.escape(mrz.joined(separator: "\n")))</pre>\n" }
            let weighty = report.findings.filter { $0.severity != .info }
            let notes = report.findings.filter { $0.severity == .info }
            if !weighty.isEmpty { html += findingsTable(weighty) }
            if !notes.isEmpty {
                html += "<details><summary>\(notes.count) note\(notes.count == 1 ? "" : "s") (OCR corrections and other information)</summary>\n"
                    + findingsTable(notes) + "</details>\n"
            }
            html += "<p class=\"sha\">sha256 \(Self.escape(sha256))</p>\n</div></article>\n"
            return html
        }
    }

    func thumbnail(_ report: Report) -> String {
        guard let image = report.image else { return "<div class=\"thumb none text\">MRZ text file</div>" }
        // A redacted record's scan is shown only as a silhouette nothing can be read in (see Thumbnail.redactedPNG).
        let png = report.redacted
            ? Thumbnail.redactedPNG(ofScanAt: report.file, mrzBox: image.mrzBox, decoder: decoder)
            : Thumbnail.png(ofScanAt: report.file, mrzBox: image.mrzBox, width: thumbnailWidth, decoder: decoder)
        guard let png else { return "<div class=\"thumb none\">scan not found</div>" }
        let located = image.mrzBox == nil ? "no MRZ located" : "MRZ located (red)"
        let redacted = report.redacted ? " · redacted: page outline only" : ""
        return "<div class=\"thumb\(report.redacted ? " redacted" : "")\"><img alt=\"scan, \(located)\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\">"
            + "<span>\(image.format.uppercased()) \(image.width)×\(image.height) · \(located)\(redacted)</span></div>\n"
    }

    func findingsTable(_ findings: [Finding]) -> String {
        var html = "<table class=\"findings\"><tr><th></th><th>rule</th><th>finding</th><th>where</th><th>evidence</th></tr>\n"
        for finding in findings {
            let evidence = finding.evidence.map { "<span class=\"ev\"><i>\(Self.escape($0.name))</i> \(Self.escape($0.value))</span>" }.joined(separator: " ")
            let severity = finding.severity.rawValue + (finding.lowConfidence ? " (low OCR confidence)" : "")
            html += "<tr class=\"\(finding.severity.rawValue)\"><td class=\"sev\">\(Self.escape(severity))</td>"
                + "<td><code>\(Self.escape(finding.rule))</code></td><td>\(Self.escape(finding.message))</td>"
                + "<td class=\"where\">\(Self.escape(finding.position?.description ?? ""))</td><td>\(evidence)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static func percent(_ count: Int, of total: Int) -> String {
        let value = Double(count) * 100 / Double(total)
        return value == 0 || value >= 10 ? "\(Int(value.rounded()))%" : "\((value * 10).rounded() / 10)%"
    }

    /// Text made safe for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static let css = """
        :root{--pass:#2e7d32;--review:#b26a00;--reject:#c62828;--unreadable:#5f6368;--error:#7b1fa2;--line:#e0e0e0}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f1f1f;background:#f6f7f9}
        main{max-width:1180px;margin:0 auto;padding:24px}
        h1{margin:0 0 4px;font-size:26px}
        h2{margin:32px 0 12px;font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px}
        h2 .count{color:#666;font-weight:normal}
        h3{margin:0 0 6px;font-size:15px;word-break:break-all}
        .subtitle{margin:0 0 18px;color:#555}
        code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
        .cards{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:18px}
        .card{flex:1 1 140px;background:#fff;border:1px solid var(--line);border-left:6px solid #999;border-radius:6px;padding:10px 14px;color:inherit;text-decoration:none}
        .card b{display:block;font-size:26px}
        .card.pass{border-left-color:var(--pass)}.card.review{border-left-color:var(--review)}
        .card.reject{border-left-color:var(--reject)}.card.unreadable{border-left-color:var(--unreadable)}
        .card.error{border-left-color:var(--error)}.card.total{border-left-color:#1f1f1f}
        .tables{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
        table{border-collapse:collapse;background:#fff}
        .tables table{flex:1 1 420px;border:1px solid var(--line)}
        caption{text-align:left;font-weight:600;padding:6px 0}
        th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#fafafa;font-weight:600}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        td.zero{color:#bbb}
        td.review{color:var(--review)}td.reject{color:var(--reject);font-weight:600}td.unreadable{color:var(--unreadable)}
        td.bar{width:40%}
        td.bar span{display:block;height:10px;margin-top:5px;background:var(--reject);border-radius:2px;opacity:.75}
        .doc{display:flex;gap:16px;background:#fff;border:1px solid var(--line);border-left:6px solid #999;border-radius:6px;padding:12px;margin:0 0 12px;page-break-inside:avoid}
        .doc.review{border-left-color:var(--review)}.doc.reject{border-left-color:var(--reject)}
        .doc.unreadable{border-left-color:var(--unreadable)}.doc.error{border-left-color:var(--error)}
        .thumb{flex:0 0 320px;font-size:11.5px;color:#666}
        .thumb img{display:block;max-width:320px;height:auto;border:1px solid #ccc;background:#fff}
        .thumb.redacted img{width:96px}
        .thumb.none{height:90px;border:1px dashed #bbb;display:flex;align-items:center;justify-content:center}
        .thumb.text{height:32px}
        .body{flex:1 1 auto;min-width:0}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;text-transform:uppercase;letter-spacing:.03em;vertical-align:1px}
        .badge.review{background:var(--review)}.badge.reject{background:var(--reject)}
        .badge.unreadable{background:var(--unreadable)}.badge.error{background:var(--error)}
        .facts{margin:0 0 6px;color:#333}
        .why{margin:0 0 6px;color:#333}
        pre.mrz{margin:0 0 8px;padding:6px 8px;background:#f1f3f4;border-radius:4px;overflow-x:auto;letter-spacing:.04em}
        table.findings{width:100%;font-size:13px;margin-bottom:6px;table-layout:fixed}
        table.findings th:nth-child(1){width:44px}table.findings th:nth-child(2){width:21%}
        table.findings th:nth-child(3){width:31%}table.findings th:nth-child(4){width:92px}
        table.findings td{overflow-wrap:anywhere}
        table.findings td.sev{font-weight:600;white-space:nowrap}
        tr.fail td.sev{color:var(--reject)}tr.warn td.sev{color:var(--review)}tr.info td.sev{color:#777}
        td.where{color:#555}
        .ev{display:inline-block;background:#f1f3f4;border-radius:3px;padding:0 5px;margin:1px 0;font-family:"DejaVu Sans Mono",Menlo,monospace;font-size:12px;overflow-wrap:anywhere}
        .ev i{font-family:system-ui,sans-serif;color:#666}
        details summary{cursor:pointer;color:#555;margin:4px 0}
        .sha{margin:4px 0 0;color:#999;font-size:11px;font-family:monospace;word-break:break-all}
        .allclear{font-size:16px;color:var(--pass)}
        @media (max-width:760px){.doc{flex-direction:column}.thumb{flex-basis:auto}}
        """
}
