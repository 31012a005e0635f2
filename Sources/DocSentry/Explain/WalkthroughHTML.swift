import Foundation

/// A walk-through as HTML: a self-contained page (`docsentry explain --format html`: inline CSS, images as `data:`
/// URIs, no script, no network) or a fragment the course pack shows for an exercise a trainee got wrong.
///
/// The scan with the located MRZ framed, the MRZ crop with a coloured box per field and the characters a finding
/// concerns circled, the findings with their explanations, then the fields, the format, the check-digit tables and
/// the reading: what a person looks at first comes first.
public struct WalkthroughHTML: Sendable {
    /// Width of the page picture in pixels (the scan is scaled down, never up).
    public var pageWidth = 900

    public init() {}

    /// The whole page, for one document.
    public func page(_ walkthrough: Walkthrough) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>DocSentry explains \(Self.escape(walkthrough.report.file))</title>
        <style>\(Self.css)</style>
        </head><body><main class="walkthrough">
        <h1>DocSentry explains <code>\(Self.escape(walkthrough.report.file))</code></h1>
        \(fragment(walkthrough, showPage: true))
        </main></body></html>
        """
    }

    /// The sections without the page around them. `showPage: false` leaves out the scan itself (the course shows
    /// it beside the exercise already); the MRZ crop with its boxes stays.
    public func fragment(_ walkthrough: Walkthrough, showPage: Bool) -> String {
        var html = ""
        let report = walkthrough.report
        html += "<div class=\"verdict v-\(report.verdict.rawValue)\"><span class=\"label\">\(report.verdict.rawValue.uppercased())</span> \(Self.escape(walkthrough.verdictReason))</div>\n"
        html += "<p class=\"judged\">Judged as of \(report.referenceDate), \(report.mode.rawValue) mode."
        if let summary = report.document {
            html += " \(summary.format) \(Self.escape(summary.documentCode)) issued by <b>\(Self.escape(walkthrough.issuingState))</b>, number \(Self.escape(summary.documentNumber)), nationality <b>\(Self.escape(walkthrough.nationality))</b>."
        }
        html += "</p>\n"
        if showPage, let scan = walkthrough.scan {
            html += pagePicture(scan, report: report)
        }
        guard let document = walkthrough.document, let format = walkthrough.format else {
            if let unreadable = walkthrough.unreadable {
                html += "<section><h2>\(Self.escape(unreadable.title))</h2><p>\(Self.escape(unreadable.meaning))</p><p><b>At the desk:</b> \(Self.escape(unreadable.atTheDesk))</p></section>\n"
            }
            return html
        }
        let concerned = Set(walkthrough.findings.filter { $0.finding.severity != .info }.flatMap { Self.columns($0.finding.position) })
        let corrected = Set(walkthrough.corrections.map { MRZPosition(line: $0.line, column: $0.column) })

        // What a person looks at first: the MRZ with the concerned characters circled, and what they mean; then the
        // fields, the format and the check digits in full, for whoever wants to follow every step.
        html += "<section class=\"mrzsection\"><h2>The MRZ</h2>\n"
        if let scan = walkthrough.scan, scan.crop != nil {
            html += cropPicture(scan, walkthrough, document, concerned: concerned, corrected: corrected)
        }
        html += Self.mrzText(document, fields: walkthrough.fields, concerned: concerned, corrected: corrected)
        html += "</section>\n"

        html += "<section class=\"findings\"><h2>What DocSentry found</h2>\n"
        if walkthrough.findings.isEmpty { html += "<p>Nothing: every check passed.</p>\n" }
        for explained in walkthrough.findings { html += findingCard(explained, document) }
        html += "</section>\n"

        html += "<section class=\"fieldsection\"><h2>The fields</h2>\n" + fieldTable(walkthrough) + "</section>\n"

        html += "<section class=\"format\"><h2>The format</h2><p>\(Self.escape(format.why))</p>"
        if let meaning = format.documentCodeMeaning {
            html += "<p>Document code <code>\(Self.escape(format.documentCode))</code>: \(Self.escape(meaning))</p>"
        }
        html += "<p class=\"aside\">Other shapes: \(Self.escape(FormatReasoning.otherShapes)).</p></section>\n"

        html += "<section class=\"checkdigits\"><h2>The check digits</h2><p class=\"aside\">ICAO Doc 9303 Part 3 §4.9: each character has a value (digits as they are, A=10 … Z=35, the filler &lt; is 0), multiplied by the weights 7, 3, 1, 7, 3, 1 … from the left; the products are added and the check digit is the last digit of the sum (the sum modulo 10).</p>\n"
        for table in walkthrough.checkDigits { html += checkDigitTable(table) }
        html += "</section>\n"

        if let ocr = report.ocr {
            html += reading(walkthrough, ocr: ocr, document)
        }
        return html
    }

    // MARK: - Pictures

    private func pagePicture(_ scan: ScanPicture, report: Report) -> String {
        var thumbnail = Thumbnail(page: scan.page, width: pageWidth, maxHeight: pageWidth)
        if let box = report.image?.mrzBox, box.count == 4 {
            thumbnail.drawPolygon(box.map { (x: $0[0], y: $0[1]) }, thickness: 3)
        }
        // Where forensic findings measured the print (their page boxes), framed in orange.
        let measured = report.findings.filter { $0.severity != .info }.compactMap(\.pageBox).filter { $0.count == 4 }
        for box in measured {
            let (x, y, width, height) = (box[0], box[1], box[2], box[3])
            thumbnail.drawPolygon([(x, y), (x + width, y), (x + width, y + height), (x, y + height)], red: 240, green: 140, blue: 0, thickness: 3)
        }
        guard let png = try? thumbnail.png() else { return "" }
        let caption = "The scan, the MRZ DocSentry found framed in red" + (measured.isEmpty ? "." : ", where a finding measured the print in orange.")
        return "<figure class=\"page\"><img alt=\"the scan\" src=\"\(Self.dataURI(png))\"><figcaption>\(caption)</figcaption></figure>\n"
    }

    private func cropPicture(_ scan: ScanPicture, _ walkthrough: Walkthrough, _ document: MRZDocument,
                             concerned: Set<MRZPosition>, corrected: Set<MRZPosition>) -> String {
        guard let crop = scan.crop, let png = try? ImageEncoder.png(crop) else { return "" }
        let length = document.format.lineLength
        var svg = "<svg class=\"crop\" viewBox=\"0 0 \(crop.width) \(crop.height)\" role=\"img\" aria-label=\"the MRZ as scanned, a box around each field\">"
        svg += "<image href=\"\(Self.dataURI(png))\" width=\"\(crop.width)\" height=\"\(crop.height)\"/>"
        for field in walkthrough.fields {
            guard let first = scan.cell(line: field.line, column: field.columns.lowerBound, lineLength: length),
                let last = scan.cell(line: field.line, column: field.columns.upperBound, lineLength: length) else { continue }
            let margin = first.height * 0.25
            svg += String(format: "<rect class=\"f-%@\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\"><title>%@</title></rect>",
                          field.name.rawValue, first.x + 1, first.y - margin, last.x + last.width - first.x - 2,
                          first.height + 2 * margin, Self.escape("\(field.name.description): \(field.printed)"))
        }
        // One ring per run of concerned characters: a circle round one or two, a rounded box round a longer run.
        for run in Self.runs(concerned) {
            guard let first = scan.cell(line: run.line, column: run.column, lineLength: length),
                let last = scan.cell(line: run.line, column: run.column + run.length - 1, lineLength: length) else { continue }
            if run.length <= 2 {
                for column in run.column..<(run.column + run.length) {
                    guard let cell = scan.cell(line: run.line, column: column, lineLength: length) else { continue }
                    svg += String(format: "<ellipse class=\"hit\" cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\"/>",
                                  cell.x + cell.width / 2, cell.y + cell.height / 2, cell.width * 0.75, cell.height * 0.85)
                }
            } else {
                svg += String(format: "<rect class=\"hit\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\"/>",
                              first.x - first.width * 0.2, first.y - first.height * 0.35, last.x + last.width * 1.2 - first.x,
                              first.height * 1.7, first.height * 0.6)
            }
        }
        for position in corrected.subtracting(concerned) {
            guard let cell = scan.cell(line: position.line, column: position.column, lineLength: length) else { continue }
            svg += String(format: "<rect class=\"fixed\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\"/>",
                          cell.x, cell.y - cell.height * 0.2, cell.width, cell.height * 1.4)
        }
        svg += "</svg>"
        return "<figure class=\"mrzcrop\">\(svg)<figcaption>The MRZ as scanned: a coloured box per field (key below), characters a finding concerns circled in red\(corrected.isEmpty ? "" : ", characters the reading corrected framed in blue").</figcaption></figure>\n"
    }

    /// The MRZ as text, one span per character coloured by its field, with a column ruler.
    static func mrzText(_ document: MRZDocument, fields: [FieldPlacement], concerned: Set<MRZPosition> = [],
                        corrected: Set<MRZPosition> = []) -> String {
        var html = "<div class=\"mrz\" aria-label=\"the MRZ as text\"><div class=\"ruler\">"
        for column in 1...document.format.lineLength {
            html += "<span>\(column % 10 == 0 || column == 1 ? String(column) : "·")</span>"
        }
        html += "</div>"
        for (index, text) in document.lines.enumerated() {
            let line = index + 1
            html += "<div class=\"line\">"
            for (offset, character) in text.enumerated() {
                let column = offset + 1
                let field = fields.first { $0.line == line && $0.columns.contains(column) }
                var classes = field.map { ["f-\($0.name.rawValue)"] } ?? []
                let position = MRZPosition(line: line, column: column)
                if concerned.contains(position) {
                    classes.append("hit")
                    if concerned.contains(MRZPosition(line: line, column: column - 1)) { classes.append("hl") }
                    if concerned.contains(MRZPosition(line: line, column: column + 1)) { classes.append("hr") }
                }
                if corrected.contains(position) { classes.append("fixed") }
                let title = "line \(line), column \(column)" + (field.map { ": \($0.name.description)" } ?? "")
                html += "<span class=\"\(classes.joined(separator: " "))\" title=\"\(Self.escape(title))\">\(Self.escape(String(character)))</span>"
            }
            html += "</div>"
        }
        return html + "</div>\n"
    }

    private func fieldTable(_ walkthrough: Walkthrough) -> String {
        var html = "<table class=\"fields\"><thead><tr><th></th><th>field</th><th>line, columns</th><th>printed</th><th>read as</th></tr></thead><tbody>\n"
        for field in walkthrough.fields {
            let place = field.columns.count > 1
                ? "\(field.line), \(field.columns.lowerBound)–\(field.columns.upperBound)" : "\(field.line), \(field.columns.lowerBound)"
            html += "<tr><td><span class=\"swatch f-\(field.name.rawValue)\"></span></td><td>\(Self.escape(field.name.description))<div class=\"aside\">\(Self.escape(field.about))</div></td><td class=\"nowrap\">\(place)</td><td class=\"printed\"><code>\(Self.escape(field.printed))</code></td><td>\(Self.escape(field.reading))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: - Check digits, findings, reading

    func checkDigitTable(_ table: CheckDigitTable) -> String {
        let computation = table.computation
        let fieldClass = "f-\((computation.fields.last ?? .compositeCheckDigit).rawValue)"
        var html = "<div class=\"checkdigit \(table.passes ? "ok" : "bad")\"><h3><span class=\"swatch \(fieldClass)\"></span>Check digit of the \(Self.escape(computation.what))"
        html += " <span class=\"aside\">printed at line \(computation.printedPosition.line), column \(computation.printedPosition.column)</span></h3>\n"
        if computation.fillerAccepted {
            return html + "<p>The optional data is all fillers and its check digit is &lt;: the standard allows that (Doc 9303 Part 4 §4.2.2). Passes.</p></div>\n"
        }
        // Fifteen characters a block, so that the 39 of a passport's composite fit a page and a printout.
        for start in stride(from: 0, to: computation.characters.count, by: 15) {
            let range = start..<min(start + 15, computation.characters.count)
            func row(_ label: String, _ cells: [String]) -> String {
                "<tr><th>\(label)</th>" + range.map { "<td>\(Self.escape(cells[$0]))</td>" }.joined() + "</tr>"
            }
            html += "<table class=\"digits\"><tbody>"
            html += row("character", computation.characters.map { String($0) })
            html += row("value", table.values.map { $0.map(String.init) ?? "?" })
            html += row("weight", table.weights.map(String.init))
            html += row("product", table.products.map { $0.map(String.init) ?? "?" })
            html += "</tbody></table>\n"
        }
        if let sum = table.sum, let remainder = table.remainder {
            let printed = computation.printed == "<" ? "&lt; (filler)" : Self.escape(String(computation.printed))
            html += "<p class=\"sum\">Sum \(sum); \(sum) mod 10 = <b>\(remainder)</b>; printed <b>\(printed)</b>: "
            html += table.passes ? "<span class=\"pass\">passes</span></p>" : "<span class=\"fail\">fails, \(remainder) expected</span></p>"
        }
        return html + "</div>\n"
    }

    private func findingCard(_ explained: ExplainedFinding, _ document: MRZDocument) -> String {
        let finding = explained.finding
        var html = "<div class=\"finding s-\(finding.severity.rawValue)\"><h3><span class=\"badge\">\(finding.severity.rawValue)</span> "
        html += explained.explanation.map { Self.escape($0.title) + " " } ?? ""
        html += "<code>\(Self.escape(finding.rule))</code></h3>\n"
        if let position = finding.position, position.line >= 1, position.line <= document.lines.count {
            let hit = Set(Self.columns(position))
            html += "<div class=\"mrz small\"><div class=\"line\">"
            for (offset, character) in document.lines[position.line - 1].enumerated() {
                let here = MRZPosition(line: position.line, column: offset + 1)
                var classes: [String] = []
                if hit.contains(here) {
                    classes.append("hit")
                    if hit.contains(MRZPosition(line: here.line, column: here.column - 1)) { classes.append("hl") }
                    if hit.contains(MRZPosition(line: here.line, column: here.column + 1)) { classes.append("hr") }
                }
                html += "<span\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(Self.escape(String(character)))</span>"
            }
            html += "</div></div>\n"
        }
        html += "<p class=\"message\">\(Self.escape(finding.message))\(finding.position.map { " <span class=\"aside\">(\($0))</span>" } ?? "")</p>\n"
        if finding.lowConfidence {
            html += "<p class=\"doubt\">Read with doubt: this counts as a warning (rescan), not as evidence.</p>\n"
        }
        html += "<dl>"
        if let explanation = explained.explanation {
            html += "<dt>What it means</dt><dd>\(Self.escape(explanation.meaning))</dd>"
            html += "<dt>At the desk</dt><dd>\(Self.escape(explanation.atTheDesk))</dd>"
            html += "<dt>ICAO</dt><dd>\(Self.escape(explanation.icao))</dd>"
        }
        html += "<dt>Where</dt><dd class=\"aside\">\(Self.escape(explained.origin))</dd>"
        let evidence = finding.evidence.filter { $0.name != "source" || explained.rule == nil }
        if !evidence.isEmpty {
            html += "<dt>Evidence</dt><dd>" + evidence.map { "\(Self.escape($0.name)) <code>\(Self.escape($0.value))</code>" }.joined(separator: " · ") + "</dd>"
        }
        return html + "</dl></div>\n"
    }

    private func reading(_ walkthrough: Walkthrough, ocr: OCRDetails, _ document: MRZDocument) -> String {
        var html = "<section class=\"reading\"><h2>How the scan was read</h2><p>Read with the OCR model <code>\(Self.escape(ocr.model))</code>. Before correction the recogniser read:</p><div class=\"mrz small\">"
        for line in ocr.read { html += "<div class=\"line\">" + line.map { "<span>\(Self.escape(String($0)))</span>" }.joined() + "</div>" }
        html += "</div>\n"
        if walkthrough.corrections.isEmpty {
            html += "<p>Nothing needed correcting.</p>"
        } else {
            html += "<table class=\"corrections\"><thead><tr><th>where</th><th>read</th><th>corrected to</th><th>by</th><th>recogniser sure</th></tr></thead><tbody>"
            for correction in walkthrough.corrections {
                html += "<tr><td>line \(correction.line), column \(correction.column)</td><td><code>\(Self.escape(correction.read))</code></td><td><code>\(Self.escape(correction.chosen))</code></td><td>\(Self.escape(correction.reason.rawValue))</td><td>\(String(format: "%.0f%%", correction.confidence * 100))</td></tr>"
            }
            html += "</tbody></table>"
        }
        if !walkthrough.doubtful.isEmpty {
            let list = walkthrough.doubtful.map { "line \($0.line) column \($0.column)" }.joined(separator: ", ")
            html += "<p class=\"aside\">Read with doubt (confidence under \(walkthrough.lowConfidenceThreshold)): \(list). A check that fails on them asks for a rescan, not a reject.</p>"
        }
        return html + "</section>\n"
    }

    // MARK: - Helpers

    /// Concerned characters as runs of neighbours on a line, in MRZ order.
    static func runs(_ positions: Set<MRZPosition>) -> [MRZPosition] {
        var runs: [MRZPosition] = []
        for position in positions.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            if let last = runs.last, last.line == position.line, last.column + last.length == position.column {
                runs[runs.count - 1] = MRZPosition(line: last.line, column: last.column, length: last.length + 1)
            } else {
                runs.append(MRZPosition(line: position.line, column: position.column))
            }
        }
        return runs
    }

    static func columns(_ position: MRZPosition?) -> [MRZPosition] {
        guard let position else { return [] }
        return (0..<max(1, position.length)).map { MRZPosition(line: position.line, column: position.column + $0) }
    }

    public static func dataURI(_ png: [UInt8]) -> String { "data:image/png;base64," + Data(png).base64EncodedString() }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// One colour per field: a check digit in a lighter shade of its field's.
    static let fieldColours: [(MRZFieldName, String)] = [
        (.documentCode, "#8e44ad"), (.issuingState, "#2471a3"), (.name, "#138d75"), (.documentNumber, "#d35400"),
        (.documentNumberCheckDigit, "#f0a04b"), (.nationality, "#34495e"), (.dateOfBirth, "#c0392b"),
        (.dateOfBirthCheckDigit, "#ec7063"), (.sex, "#7d6608"), (.dateOfExpiry, "#1e8449"),
        (.dateOfExpiryCheckDigit, "#58d68d"), (.optionalData, "#a04000"), (.optionalDataCheckDigit, "#dc7633"),
        (.optionalData2, "#6c3483"), (.compositeCheckDigit, "#17202a"),
    ]

    /// The page's style sheet, shared with the course pack.
    public static let css: String = {
        var css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9;margin:0}
        main.walkthrough{max-width:1000px;margin:0 auto;padding:16px 20px 48px;background:#fff}
        h1{font-size:22px;margin:8px 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde1e6;padding-bottom:4px}
        h3{font-size:15px;margin:0 0 6px}code{font-family:"OCR B","OCR-B",ui-monospace,"DejaVu Sans Mono",monospace}
        .aside{color:#5b6470;font-size:13px}
        .verdict{font-size:16px;padding:10px 14px;border-radius:6px;margin:8px 0}
        .verdict .label{font-weight:700;margin-right:8px;letter-spacing:.04em}
        .v-pass{background:#e3f4e8;border-left:6px solid #1e8449}.v-review{background:#fdf2d7;border-left:6px solid #b9770e}
        .v-reject{background:#fbe3e1;border-left:6px solid #c0392b}.v-unreadable{background:#efe5f5;border-left:6px solid #7d3c98}
        figure{margin:12px 0}figure img,svg.crop{max-width:100%;height:auto;border:1px solid #cfd4da;display:block}
        figcaption{color:#5b6470;font-size:13px;margin-top:4px}
        svg.crop rect{fill-opacity:.18;stroke-width:2}svg.crop .hit{fill:none;stroke:#e0002a;stroke-width:4}svg.crop rect.hit{fill:none;stroke:#e0002a}
        svg.crop rect.fixed{fill:none;stroke:#1f6feb;stroke-width:3;stroke-dasharray:6 4}
        .mrz{font-family:"OCR B","OCR-B",ui-monospace,"DejaVu Sans Mono",monospace;font-size:19px;background:#fbfbf7;border:1px solid #dde1e6;padding:8px 10px;overflow-x:auto;margin:10px 0}
        .mrz .line,.mrz .ruler{white-space:nowrap}.mrz span{display:inline-block;width:1.05em;text-align:center;border-bottom:4px solid transparent;margin:1px 0}
        .mrz .ruler span{font-size:10px;color:#8a939e;border:0}
        .mrz.small{font-size:16px;padding:4px 8px}
        .mrz span.hit{box-shadow:inset 0 0 0 2px #e0002a;border-radius:50%;background:#ffe5e9}
        .mrz span.hit.hr{border-radius:50% 0 0 50%;box-shadow:inset 2px 0 0 #e0002a,inset 0 2px 0 #e0002a,inset 0 -2px 0 #e0002a}
        .mrz span.hit.hl{border-radius:0 50% 50% 0;box-shadow:inset -2px 0 0 #e0002a,inset 0 2px 0 #e0002a,inset 0 -2px 0 #e0002a}
        .mrz span.hit.hl.hr{border-radius:0;box-shadow:inset 0 2px 0 #e0002a,inset 0 -2px 0 #e0002a}
        dl code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px}
        .mrz span.fixed{box-shadow:inset 0 0 0 2px #1f6feb}
        table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 8px;border-bottom:1px solid #eceff2;text-align:left;vertical-align:top}
        table.fields{width:100%}table.fields td:first-child{width:18px}table.fields td.printed{word-break:break-all;max-width:22em}
        .nowrap{white-space:nowrap}
        .swatch{display:inline-block;width:14px;height:14px;border-radius:3px;margin-right:6px;vertical-align:-2px}
        .scroll{overflow-x:auto}
        table.digits{margin:4px 0 8px}table.digits td{text-align:right;font-variant-numeric:tabular-nums;min-width:1.9em;padding:2px 4px;border-left:1px solid #eceff2}
        table.digits tr:first-child td{font-family:"OCR B",ui-monospace,monospace;font-weight:700;font-size:16px}
        table.digits th{color:#5b6470;font-weight:500;padding-right:10px}
        .checkdigit{border:1px solid #dde1e6;border-radius:6px;padding:8px 12px;margin:10px 0}
        .checkdigit.bad{border-color:#e6a19a;background:#fff7f6}
        .pass{color:#1e8449;font-weight:700}.fail{color:#c0392b;font-weight:700}
        .finding{border:1px solid #dde1e6;border-left-width:6px;border-radius:6px;padding:8px 12px;margin:10px 0}
        .finding.s-fail{border-left-color:#c0392b}.finding.s-warn{border-left-color:#b9770e}.finding.s-info{border-left-color:#2471a3}
        .badge{display:inline-block;font-size:12px;text-transform:uppercase;padding:1px 6px;border-radius:4px;color:#fff;background:#5b6470;margin-right:4px}
        .s-fail .badge{background:#c0392b}.s-warn .badge{background:#b9770e}.s-info .badge{background:#2471a3}
        dl{display:grid;grid-template-columns:130px 1fr;gap:3px 12px;margin:6px 0}dt{color:#5b6470}dd{margin:0}
        .doubt{color:#7d3c98}
        """
        for (field, colour) in fieldColours {
            css += "\n.f-\(field.rawValue){border-bottom-color:\(colour)!important}"
            css += "\n.swatch.f-\(field.rawValue){background:\(colour)}"
            css += "\nsvg.crop rect.f-\(field.rawValue){fill:\(colour);stroke:\(colour)}"
        }
        return css
    }()
}
