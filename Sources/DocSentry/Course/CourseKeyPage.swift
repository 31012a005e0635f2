import Foundation

/// The trainer's answer key as a page (`trainer/answer-key.html`): the answers on one printable table to score a
/// paper answer sheet with, then per exercise what the forger did and DocSentry's walk-through.
public struct CourseKeyPage {
    public let pack: CoursePack
    public let key: CourseAnswerKey

    public init(pack: CoursePack, key: CourseAnswerKey) {
        self.pack = pack
        self.key = key
    }

    public func html() -> String {
        let escape = WalkthroughHTML.escape
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Answer key: \(escape(pack.title))</title>
        <style>\(WalkthroughHTML.css)\n\(Self.css)</style>
        </head><body><main class="walkthrough">
        <h1>Answer key: \(escape(pack.title))</h1>
        <p>For the trainer only: do not hand this folder out. \(key.exercises.count) exercises, \(key.difficulty.rawValue), seed \(key.seed), judged as of \(key.referenceDate) at a checkpoint with the OCR model <code>\(escape(key.ocrModel))</code>. Each exercise is worth two points: one for the verdict, one for naming a field that betrays the document (for a document that passes: naming none).</p>
        <p class="aside">\(escape(pack.summary)).</p>
        <table class="key"><thead><tr><th>#</th><th>verdict</th><th>what betrays it (any of these)</th><th>DocSentry found</th><th>how it was made</th></tr></thead><tbody>

        """
        for entry in key.exercises {
            let made = entry.forgeries.isEmpty ? "genuine" : entry.forgeries.map { $0.detail }.joined(separator: "; ")
            let degraded = entry.degradations.isEmpty ? "" : " <span class=\"aside\">(scan: " + entry.degradations.map { "\($0.kind.rawValue) \($0.level.rawValue)" }.joined(separator: ", ") + ")</span>"
            html += "<tr><td>\(entry.number)</td><td class=\"v-\(entry.verdict.rawValue)\"><b>\(entry.verdict.rawValue.uppercased())</b></td>"
            html += "<td>\(escape(entry.fields.isEmpty ? "nothing" : entry.fields.joined(separator: ", ")))</td>"
            html += "<td>\(escape(entry.ruleTitles.joined(separator: "; ")))</td><td>\(escape(made))\(degraded)</td></tr>\n"
        }
        html += "</tbody></table>\n<h2>The exercises</h2>\n"
        for (index, exercise) in pack.exercises.enumerated() {
            var thumbnail = ""
            if let scan = pack.walkthroughs[index].scan {
                var picture = Thumbnail(page: scan.page, width: 360, maxHeight: 300)
                if let box = pack.walkthroughs[index].report.image?.mrzBox, box.count == 4 {
                    picture.drawPolygon(box.map { (x: $0[0], y: $0[1]) })
                }
                if let png = try? picture.png() { thumbnail = "<img class=\"thumb\" alt=\"exercise \(exercise.number)\" src=\"\(WalkthroughHTML.dataURI(png))\">" }
            }
            html += "<details class=\"exercise\"><summary><b>Exercise \(exercise.number)</b>: \(exercise.answer.verdict.rawValue.uppercased()) · \(escape(exercise.image))</summary>\(thumbnail)"
            html += WalkthroughHTML().fragment(pack.walkthroughs[index], showPage: false)
            html += "</details>\n"
        }
        return html + "</main></body></html>"
    }

    static let css = """
    table.key{width:100%}table.key td.v-pass{color:#1e8449}table.key td.v-review{color:#b9770e}table.key td.v-reject{color:#c0392b}
    details.exercise{border:1px solid #dde1e6;border-radius:6px;padding:6px 12px;margin:8px 0}
    details.exercise summary{cursor:pointer}img.thumb{display:block;margin:8px 0;border:1px solid #cfd4da}
    @media print{details.exercise{display:none}table.key{font-size:12px}}
    """
}
