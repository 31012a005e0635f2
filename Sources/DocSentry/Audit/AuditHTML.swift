import Foundation

/// The audit report as one self-contained HTML file (`--html`): inline CSS, thumbnails as `data:` URIs, no
/// script, no network, so that it opens from a mail or a USB stick.
///
/// A summary comes first (documents per verdict, per finding, per issuing state), then every document: those
/// that are not `pass` worst first, each with its upright thumbnail (the located MRZ outlined), its MRZ and its
/// findings in plain words; the passed ones folded, one line each, shown on demand. Filtering (by verdict, by
/// finding) and sorting (worst first, file, issuing state, most findings) work without script: form controls
/// and CSS `:has()` rules, each document carrying its classes and its place in every order.
///
/// Size: thumbnails are grey JPEGs of 160 pixels (3-6 kB); beyond `embeddedThumbnailLimit` documents they are
/// links to the scan instead, so a report of 10,000 documents stays a file a browser opens. The records are read
/// from the audit's JSON Lines; the thumbnails are made from the scans, which must still be where the records
/// say.
public struct AuditHTML: Sendable {
    /// Plain words for a rule (the rules folder's explanations): a title, what it means for the document, and
    /// what to do about it.
    public struct RuleText: Sendable, Equatable {
        public var title: String
        public var meaning: String
        public var atTheDesk: String

        public init(title: String, meaning: String, atTheDesk: String) {
            self.title = title
            self.meaning = meaning
            self.atTheDesk = atTheDesk
        }
    }

    /// The texts of an explanation catalogue (`Rules/explanations/en.yaml`).
    public static func ruleTexts(_ catalogue: ExplanationCatalogue) -> [String: RuleText] {
        catalogue.entries.mapValues { RuleText(title: $0.title, meaning: $0.meaning, atTheDesk: $0.atTheDesk) }
    }

    /// Shown under the title: how the audit was run.
    public var subtitle: String
    /// Plain-language texts by rule id: each finding is titled by its rule's, and the summary's table of findings
    /// explains each rule once (not per document: a report of 10,000 documents would repeat them thousands of
    /// times); a finding without one shows its own message only.
    public var ruleTexts: [String: RuleText] = [:]
    /// Thumbnail width in pixels.
    public var thumbnailWidth = 160
    /// Documents (in the order listed, worst first) whose thumbnails are embedded; later ones link to the scan.
    public var embeddedThumbnailLimit = 1000
    public var decoder = ImageDecoder()

    public init(subtitle: String) {
        self.subtitle = subtitle
    }

    /// The listing order: worst verdict first (nil is an error record), passes last.
    static let verdictOrder: [Verdict?] = [.reject, .review, .unreadable, nil, .pass]

    static func cssName(_ verdict: Verdict?) -> String { verdict?.rawValue ?? "error" }

    /// What the report needs of each document before writing it: its place in every order and its rules.
    struct Entry {
        var file: String
        var verdict: Verdict?
        var state: String
        var rules: [String]
    }

    /// Writes the report of `results` to `path` (whole or not at all: `AtomicOutputFile`).
    public func write(_ results: AuditResults, to path: String) throws(AuditError) {
        let tally = try results.tally()
        var entries: [Entry] = []
        entries.reserveCapacity(results.count)
        try results.forEach { record, _ in
            let digest = RecordDigest(record)
            entries.append(Entry(file: record.file, verdict: digest.verdict, state: digest.issuingState ?? "", rules: digest.findingRules))
        }
        let rules = tally.commonFindings().map(\.rule)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        let orders = Self.orders(entries)

        let out = try AtomicOutputFile(path: path)
        try out.write(head(rules: rules) + summary(tally) + controls(tally, rules: rules))
        try out.write("<div class=\"docs\">\n")
        var listed = 0
        for verdict in Self.verdictOrder {
            var batch: [(AuditRecord, Int)] = []
            func flush() throws(AuditError) {
                let rows = renderInParallel(batch.map { record, place in
                    (record, place, orders[record.file] ?? [0, 0, 0], ruleIndex)
                })
                try out.write(rows.joined())
                batch.removeAll(keepingCapacity: true)
            }
            try results.forEach(verdicts: [verdict]) { record, _ throws(AuditError) in
                batch.append((record, listed))
                listed += 1
                if batch.count == 32 { try flush() }
            }
            try flush()
        }
        try out.write("</div>\n<p class=\"shown\"></p>\n")
        if tally.documents > 0 && tally.count(.pass) == tally.documents {
            try out.write("<p class=\"allclear\">Every document passed.</p>\n")
        }
        try out.write("</main></body></html>\n")
        try out.commit()
    }

    /// Each document's place (0-based) when sorted by file, by issuing state then file, and by most findings
    /// then file.
    static func orders(_ entries: [Entry]) -> [String: [Int]] {
        func before(_ a: Entry, _ b: Entry) -> Bool { a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
        let sorts: [(Entry, Entry) -> Bool] = [
            before,
            { $0.state != $1.state ? $0.state < $1.state : before($0, $1) },
            { $0.rules.count != $1.rules.count ? $0.rules.count > $1.rules.count : before($0, $1) },
        ]
        var places: [String: [Int]] = [:]
        for (key, sort) in sorts.enumerated() {
            for (place, entry) in entries.sorted(by: sort).enumerated() {
                places[entry.file, default: [0, 0, 0]][key] = place
            }
        }
        return places
    }

    /// The rows of `records`, in their order, thumbnails made on all cores.
    private func renderInParallel(_ records: [(AuditRecord, Int, [Int], [String: Int])]) -> [String] {
        let rows = RowBuffer(count: records.count)
        DispatchQueue.concurrentPerform(iterations: records.count) { index in
            let (record, listed, orders, rules) = records[index]
            rows.set(index, row(record, listed: listed, orders: orders, ruleIndex: rules))
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

    func head(rules: [String]) -> String {
        // One rule per finding: a document without it is hidden while it is chosen.
        let ruleFilters = rules.indices.map { "body:has(#rule option[value=\"r\($0)\"]:checked) .doc:not(.r\($0)){display:none}" }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>DocSentry audit</title>
            <style>\(Self.css)
            \(ruleFilters.joined(separator: "\n"))</style>
            </head><body><main>
            <h1>DocSentry audit</h1>
            <p class="subtitle">\(Self.escape(subtitle))</p>

            """
    }

    func summary(_ tally: AuditTally) -> String {
        var html = "<section class=\"summary\">\n<div class=\"cards\">\n"
        let total = max(1, tally.documents)
        html += "<label class=\"card total\" for=\"v-all\"><b>\(tally.documents)</b>documents</label>\n"
        for verdict in Self.verdictOrder {
            let count = verdict.map(tally.count) ?? tally.errors
            if verdict == nil && count == 0 { continue }
            let name = Self.cssName(verdict)
            html += "<label class=\"card \(name)\" for=\"v-\(name)\"><b>\(count)</b>\(verdict == nil ? "not processed" : name) · \(Self.percent(count, of: total))</label>\n"
        }
        html += "</div>\n<div class=\"tables\">\n"

        let findings = tally.commonFindings()
        html += "<table class=\"bars\"><caption>Findings (warn or fail), by documents</caption>\n"
        if findings.isEmpty { html += "<tr><td>none</td></tr>\n" }
        let most = findings.first?.documents ?? 1
        for (rule, count) in findings {
            var name = "<code>\(Self.escape(rule))</code>"
            if let text = ruleTexts[rule] {
                name = "<details><summary><b>\(Self.escape(text.title))</b> \(name)</summary><p>\(Self.escape(text.meaning))</p>"
                    + "<p><i>At the desk:</i> \(Self.escape(text.atTheDesk))</p></details>"
            }
            html += "<tr><td>\(name)</td><td class=\"n\">\(count)</td>"
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

    /// The filter and sort controls: radio buttons for the verdict, a list of findings, a list of orders.
    func controls(_ tally: AuditTally, rules: [String]) -> String {
        var html = "<h2>Documents</h2>\n<div class=\"controls\">\n<fieldset class=\"verdicts\"><legend>Show</legend>\n"
        var choices: [(id: String, label: String)] = [("v-open", "all but passed (\(tally.documents - tally.count(.pass)))"),
                                                      ("v-all", "all (\(tally.documents))")]
        for verdict in Self.verdictOrder {
            let count = verdict.map(tally.count) ?? tally.errors
            if verdict == nil && count == 0 { continue }
            choices.append(("v-\(Self.cssName(verdict))", "\(verdict == nil ? "not processed" : Self.cssName(verdict)) (\(count))"))
        }
        for (index, choice) in choices.enumerated() {
            html += "<label><input type=\"radio\" name=\"verdict\" id=\"\(choice.id)\"\(index == 0 ? " checked" : "")> \(Self.escape(choice.label))</label>\n"
        }
        html += "</fieldset>\n<label class=\"pick\">Finding <select id=\"rule\"><option value=\"\" selected>any</option>\n"
        for (index, (rule, count)) in tally.commonFindings().enumerated() where index < rules.count {
            let title = ruleTexts[rule].map { "\($0.title) · " } ?? ""
            html += "<option value=\"r\(index)\">\(Self.escape(title + rule)) (\(count))</option>\n"
        }
        html += "</select></label>\n<label class=\"pick\">Order <select id=\"sort\"><option value=\"worst\" selected>worst first</option>"
            + "<option value=\"file\">file</option><option value=\"state\">issuing state</option><option value=\"findings\">most findings</option>"
            + "</select></label>\n</div>\n"
        return html
    }

    /// One document's entry: `listed` is its place in the listing (thumbnails embedded up to the limit),
    /// `orders` its places sorted by file, by state, by findings; `ruleIndex` the class number of each rule.
    func row(_ record: AuditRecord, listed: Int, orders: [Int], ruleIndex: [String: Int]) -> String {
        let digest = RecordDigest(record)
        let classes = ["doc", Self.cssName(digest.verdict)] + digest.findingRules.compactMap { ruleIndex[$0].map { "r\($0)" } }
        let open = "<article class=\"\(classes.joined(separator: " "))\" style=\"--f:\(orders[0]);--s:\(orders[1]);--n:\(orders[2])\">"
        switch record {
        case let .error(file, sha256, message, exitCode, _):
            return open + """
                <div class="thumb none">not processed</div><div class="body">
                <h3><span class="badge error">error \(exitCode)</span> <span class="file">\(Self.escape(file))</span></h3>
                <p class="why">\(Self.escape(message))</p>
                <p class="sha">sha256 \(Self.escape(sha256))</p></div></article>

                """
        case let .report(report, _) where report.verdict == .pass:
            // Folded: one line, no picture.
            var facts: [String] = []
            if let d = report.document {
                facts = [d.format.rawValue, d.issuingState.replacingOccurrences(of: "<", with: "")]
            }
            let notes = report.findings.count
            if notes > 0 { facts.append("\(notes) note\(notes == 1 ? "" : "s")") }
            return open + "<span class=\"badge pass\">pass</span> <span class=\"file\">\(Self.escape(report.file))</span> "
                + "<span class=\"facts\">\(Self.escape(facts.joined(separator: " · ")))</span></article>\n"
        case let .report(report, sha256):
            var html = open + thumbnail(report, embedded: listed < embeddedThumbnailLimit || report.redacted)
            html += "<div class=\"body\">\n<h3><span class=\"badge \(report.verdict.rawValue)\">\(report.verdict.rawValue)</span> "
                + "<span class=\"file\">\(Self.escape(report.file))</span></h3>\n"
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
            let weighty = report.findings.filter { $0.severity != .info }.sorted { $0.severity > $1.severity }
            let notes = report.findings.filter { $0.severity == .info }
            if !weighty.isEmpty { html += findingsList(weighty) }
            if !notes.isEmpty {
                html += "<details><summary>\(notes.count) note\(notes.count == 1 ? "" : "s") (OCR corrections and other information)</summary>\n"
                    + findingsList(notes) + "</details>\n"
            }
            html += "<p class=\"sha\">sha256 \(Self.escape(sha256))</p>\n</div></article>\n"
            return html
        }
    }

    func thumbnail(_ report: Report, embedded: Bool) -> String {
        guard let image = report.image else { return "<div class=\"thumb none text\">MRZ text file</div>" }
        let located = image.mrzBox == nil ? "no MRZ located" : "MRZ located (red)"
        let caption = "\(image.format.uppercased()) \(image.width)×\(image.height) · \(located)" + (report.redacted ? " · redacted: page outline only" : "")
        guard embedded else {
            let link = URL(fileURLWithPath: report.file).absoluteString
            return "<div class=\"thumb none link\"><a href=\"\(Self.escape(link))\">open the scan</a><span class=\"cap\">\(Self.escape(caption))</span></div>\n"
        }
        // A redacted record's scan is shown only as a silhouette nothing can be read in (AuditThumbnail.redactedPicture).
        let picture = report.redacted
            ? AuditThumbnail.redactedPicture(ofScanAt: report.file, mrzBox: image.mrzBox, rotation: image.rotation, decoder: decoder)
            : AuditThumbnail.picture(ofScanAt: report.file, mrzBox: image.mrzBox, rotation: image.rotation, width: thumbnailWidth, decoder: decoder)
        guard let picture else { return "<div class=\"thumb none\">scan not found</div>\n" }
        var html = "<div class=\"thumb\(report.redacted ? " redacted" : "")\"><div class=\"frame\">"
            + "<img alt=\"scan, \(located)\" width=\"\(picture.width)\" height=\"\(picture.height)\" src=\"data:image/jpeg;base64,\(Data(picture.jpeg).base64EncodedString())\">"
        if let corners = picture.mrzCorners, corners.count >= 3 {
            let points = corners.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ")
            html += "<svg viewBox=\"0 0 \(picture.width) \(picture.height)\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><polygon points=\"\(points)\"/></svg>"
        }
        return html + "</div><span class=\"cap\">\(Self.escape(caption))</span></div>\n"
    }

    /// Findings as a list: each its severity, its plain title (when the rules explain it) and rule id, where on
    /// the MRZ, then its message and evidence on their own lines, so nothing runs over anything else.
    func findingsList(_ findings: [Finding]) -> String {
        var html = "<ul class=\"findings\">\n"
        for finding in findings {
            let text = ruleTexts[finding.rule]
            html += "<li class=\"\(finding.severity.rawValue)\"><span class=\"sev\">\(finding.severity.rawValue)</span> "
            if let text { html += "<b class=\"title\">\(Self.escape(text.title))</b> " }
            html += "<code class=\"rule\">\(Self.escape(finding.rule))</code>"
            if let position = finding.position { html += " <span class=\"where\">\(Self.escape(position.description))</span>" }
            if finding.lowConfidence { html += " <span class=\"low\">low OCR confidence: rescan</span>" }
            html += "\n<p class=\"msg\">\(Self.escape(finding.message))</p>"
            if !finding.evidence.isEmpty {
                html += "\n<p class=\"evidence\">" + finding.evidence.map { "<span class=\"ev\"><i>\(Self.escape($0.name))</i> \(Self.escape($0.value))</span>" }.joined(separator: " ") + "</p>"
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
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
        h3{margin:0 0 6px;font-size:15px;font-weight:600;overflow-wrap:anywhere}
        .subtitle{margin:0 0 18px;color:#555;overflow-wrap:anywhere}
        code,pre,.file{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
        .cards{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:18px}
        .card{flex:1 1 130px;background:#fff;border:1px solid var(--line);border-left:6px solid #999;border-radius:6px;padding:10px 14px;cursor:pointer}
        .card b{display:block;font-size:26px}
        .card.pass{border-left-color:var(--pass)}.card.review{border-left-color:var(--review)}
        .card.reject{border-left-color:var(--reject)}.card.unreadable{border-left-color:var(--unreadable)}
        .card.error{border-left-color:var(--error)}.card.total{border-left-color:#1f1f1f}
        .tables{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
        table{border-collapse:collapse;background:#fff}
        .tables table{flex:1 1 360px;max-width:100%;border:1px solid var(--line)}
        caption{text-align:left;font-weight:600;padding:6px 0}
        th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#fafafa;font-weight:600}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        td.zero{color:#bbb}
        td.review{color:var(--review)}td.reject{color:var(--reject);font-weight:600}td.unreadable{color:var(--unreadable)}
        td.bar{width:30%}
        td.bar span{display:block;height:10px;margin-top:5px;background:var(--reject);border-radius:2px;opacity:.75}
        table.bars td:first-child{overflow-wrap:break-word}
        table.bars details p{margin:4px 0;font-size:13px;color:#444}
        table.bars summary{cursor:pointer}
        .controls{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center;background:#f6f7f9;padding:8px 0;margin-bottom:10px;border-bottom:1px solid var(--line)}
        .controls fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
        .controls legend{float:left;font-weight:600;margin-right:6px}
        .controls label{white-space:nowrap;cursor:pointer}
        .controls select{max-width:22em;font:inherit}
        .pick{font-weight:600}.pick select{font-weight:normal;margin-left:4px}
        .docs{display:flex;flex-direction:column;gap:10px;counter-reset:shown}
        .doc{display:flex;gap:16px;background:#fff;border:1px solid var(--line);border-left:6px solid #999;border-radius:6px;padding:12px;counter-increment:shown}
        .doc.review{border-left-color:var(--review)}.doc.reject{border-left-color:var(--reject)}
        .doc.unreadable{border-left-color:var(--unreadable)}.doc.error{border-left-color:var(--error)}
        .doc.pass{display:block;border-left-color:var(--pass);padding:5px 12px;overflow-wrap:anywhere}
        .doc.pass .facts{color:#555;margin-left:6px}
        body:has(#v-open:checked) .doc.pass{display:none}
        body:has(#v-reject:checked) .doc:not(.reject),body:has(#v-review:checked) .doc:not(.review),
        body:has(#v-unreadable:checked) .doc:not(.unreadable),body:has(#v-error:checked) .doc:not(.error),
        body:has(#v-pass:checked) .doc:not(.pass){display:none}
        body:has(#sort option[value=file]:checked) .doc{order:var(--f)}
        body:has(#sort option[value=state]:checked) .doc{order:var(--s)}
        body:has(#sort option[value=findings]:checked) .doc{order:var(--n)}
        .shown::before{content:counter(shown) " documents shown";color:#555}
        .thumb{flex:0 0 180px;font-size:11.5px;color:#666}
        .thumb .frame{position:relative;display:inline-block;line-height:0}
        .thumb img{display:block;max-width:180px;height:auto;border:1px solid #ccc;background:#fff}
        .thumb svg{position:absolute;inset:0;width:100%;height:100%;overflow:visible}
        .thumb polygon{fill:none;stroke:#e6143c;stroke-width:2;vector-effect:non-scaling-stroke}
        .thumb.redacted img{width:96px;image-rendering:auto}
        .thumb .cap{display:block;margin-top:4px}
        .thumb.none{height:80px;border:1px dashed #bbb;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;padding:4px}
        .thumb.text{height:32px}
        .body{flex:1 1 auto;min-width:0}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-family:system-ui,sans-serif;font-size:12px;text-transform:uppercase;letter-spacing:.03em;vertical-align:1px}
        .badge.pass{background:var(--pass)}.badge.review{background:var(--review)}.badge.reject{background:var(--reject)}
        .badge.unreadable{background:var(--unreadable)}.badge.error{background:var(--error)}
        .facts,.why{margin:0 0 6px;color:#333;overflow-wrap:anywhere}
        pre.mrz{margin:0 0 8px;padding:6px 8px;background:#f1f3f4;border-radius:4px;overflow-x:auto;letter-spacing:.04em}
        ul.findings{list-style:none;margin:0 0 6px;padding:0}
        ul.findings li{padding:6px 0 6px 10px;border-top:1px solid var(--line);border-left:3px solid #bbb;margin-bottom:2px}
        ul.findings li.fail{border-left-color:var(--reject)}ul.findings li.warn{border-left-color:var(--review)}
        .sev{display:inline-block;min-width:3em;font-weight:600;text-transform:uppercase;font-size:12px}
        li.fail .sev{color:var(--reject)}li.warn .sev{color:var(--review)}li.info .sev{color:#777}
        .rule{color:#444;overflow-wrap:anywhere}
        .where{color:#666;font-size:12.5px;white-space:nowrap}
        .low{display:inline-block;background:#fff3e0;color:var(--review);border-radius:3px;padding:0 5px;font-size:12px}
        .msg,.evidence{margin:3px 0 0;overflow-wrap:anywhere}
        .ev{display:inline-block;background:#f1f3f4;border-radius:3px;padding:0 5px;margin:1px 4px 1px 0;font-family:"DejaVu Sans Mono",Menlo,monospace;font-size:12px;overflow-wrap:anywhere}
        .ev i{font-family:system-ui,sans-serif;color:#666}
        details summary{cursor:pointer;color:#555;margin:4px 0}
        .sha{margin:4px 0 0;color:#999;font-size:11px;font-family:monospace;overflow-wrap:anywhere}
        .allclear{font-size:16px;color:var(--pass)}
        @media (max-width:760px){main{padding:12px}.doc{flex-direction:column}.thumb{flex-basis:auto}.controls{position:static}
        .tables table{display:block;overflow-x:auto}th,td{padding:3px 5px}.card{flex-basis:100px;padding:6px 10px}.card b{font-size:20px}}
        """
}
