import Foundation

/// The trainees' page of a course pack (`index.html`): one self-contained file, images as `data:` URIs and its
/// script inline, which a Content-Security-Policy forbids from loading anything: it works from a USB stick in a
/// classroom without network.
///
/// An introduction (the five MRZ layouts with their fields coloured, a worked check-digit example, what betrays a
/// forgery), then the exercises one at a time: the trainee answers pass, review or reject and which field betrays
/// the document, the page scores it and, for each mistake, shows DocSentry's explanation. Printed, the page is an
/// answer sheet: every exercise with boxes to tick and a line to write the field on.
///
/// The answers travel in the page (there is no server), encoded so that they do not show at a glance; an exam
/// scored from the printed sheet uses the trainer's key instead.
public struct CoursePage {
    public let pack: CoursePack
    public let rules: RuleSet

    public init(pack: CoursePack, rules: RuleSet) {
        self.pack = pack
        self.rules = rules
    }

    /// ICAO Doc 9303 specimens of the five layouts (Part 4 Appendix A, Parts 5-7), for the introduction.
    static let specimens: [(MRZFormat, String, [String])] = [
        (.td3, "TD3: passport book, 2 lines of 44 (Part 4)", ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]),
        (.td1, "TD1: identity card, 3 lines of 30 (Part 5)", ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]),
        (.td2, "TD2: card or travel document of size 2, 2 lines of 36 (Part 6)", ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]),
        (.mrvA, "MRV-A: visa of format A, 2 lines of 44 (Part 7)", ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX7408122F96121096ZE184226B<<<<<<"]),
        (.mrvB, "MRV-B: visa of format B, 2 lines of 36 (Part 7)", ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX7408122F9612109<<<<<<<<"]),
    ]

    /// Findings the introduction names as what betrays a forgery, explained from the catalogue.
    static let signs = ["mrz.check-digit.date-of-birth", "mrz.check-digit.composite", "date.expiry.after-birth",
                        "date.expiry.maximum-validity", "code.issuing-state", "specimen.document-number",
                        "mrz.field.characters", "forensics.alphabet.non-mrz-character", "forensics.print.size", "date.expired"]

    public func html() -> String {
        let count = pack.exercises.count
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(WalkthroughHTML.escape(pack.title))</title>
        <style>\(WalkthroughHTML.css)\n\(Self.css)</style>
        </head><body>
        <header class="top"><div class="inner">
        <h1>Reading the MRZ: \(count) exercise\(count == 1 ? "" : "s")</h1>
        <p class="who"><label>Your name: <input id="trainee" autocomplete="off" size="28"></label>
        <span class="printonly">Date: ____________________</span>
        <span class="screenonly" id="scoreline"></span></p>
        <nav class="screenonly"><button type="button" data-show="intro">Introduction</button>
        <button type="button" data-show="1">Exercises</button><button type="button" data-show="results">Results</button>
        <button type="button" id="print">Print the answer sheet</button></nav>
        </div></header>
        <main class="walkthrough course">

        """
        html += introduction()
        for (index, exercise) in pack.exercises.enumerated() {
            html += exerciseSection(exercise, image: pack.images[index], count: count)
        }
        html += """
        <section class="page results" id="page-results"><h2>Results</h2><div id="results"><p>Answer the exercises first.</p></div></section>
        </main>
        <footer class="aside">Made by DocSentry (docsentry course, seed \(pack.plan.seed), \(pack.plan.difficulty.rawValue)). Documents judged as of \(pack.plan.referenceDate) at a checkpoint. This page needs no network.</footer>
        <script>const PACK = "\(answerData())";
        \(Self.script)</script>
        </body></html>
        """
        return html
    }

    /// Per exercise: the answer, the fields in words, and DocSentry's explanation, as base64 JSON.
    func answerData() -> String {
        struct Entry: Encodable {
            let verdict: String
            let fields: [String]
            let labels: [String]
            let rules: [String]
            let explain: String
        }
        let entries = zip(pack.exercises, pack.walkthroughs).map { exercise, walkthrough in
            Entry(verdict: exercise.answer.verdict.rawValue, fields: exercise.answer.fields,
                  labels: exercise.answer.fields.map { MRZFieldName(rawValue: $0)?.description ?? $0 },
                  rules: exercise.answer.rules.map { rules.explanations[$0]?.title ?? $0 },
                  explain: WalkthroughHTML().fragment(walkthrough, showPage: false))
        }
        let data = (try? JSONEncoder().encode(entries)) ?? Data("[]".utf8)
        return data.base64EncodedString()
    }

    // MARK: - Introduction

    private func introduction() -> String {
        var html = """
        <section class="page intro current" id="page-intro">
        <h2>How this works</h2>
        <p>Each exercise shows one travel document as a checkpoint scanner sees it. Judge it <b>as of \(pack.plan.referenceDate)</b>, as an officer at a checkpoint would, from its machine-readable zone (MRZ, the two or three lines of <code>&lt;</code>-filled text at the bottom), and answer:</p>
        <ul>
        <li><b>pass</b>: nothing wrong, the traveller goes on;</li>
        <li><b>review</b>: something needs a person to look (a warning, or characters too unclear to read: rescan);</li>
        <li><b>reject</b>: a check fails: the document is forged, altered, a specimen, or not valid.</li>
        </ul>
        <p>Then say <b>which field</b> betrays the document (the one with a wrong check digit, an impossible date, an unknown code…), or “nothing” when it passes. Each exercise gives a point for the verdict and a point for the field. When an answer is wrong the page shows how DocSentry explains the document, character by character.</p>
        <p class="aside">Click a document to enlarge it. Nothing you answer leaves this page; closing it loses the answers, so finish in one go or print the answer sheet.</p>

        <h2>The five MRZ layouts</h2>
        <p>The number of lines and their length tell the format; a document code beginning with V makes it a visa. Every field has a fixed place; the colours below mark them (ICAO Doc 9303 specimens of the imaginary state Utopia, UTO).</p>

        """
        for (format, caption, lines) in Self.specimens {
            guard let text = try? MRZText(lines: lines) else { continue }
            let document = MRZParser.parse(text)
            _ = format
            html += "<h3>\(WalkthroughHTML.escape(caption))</h3>\n"
            html += WalkthroughHTML.mrzText(document, fields: FieldPlacement.all(of: document, summary: nil, rules: rules))
        }
        html += "<div class=\"legend\">"
        for (field, _) in WalkthroughHTML.fieldColours {
            html += "<span><span class=\"swatch f-\(field.rawValue)\"></span>\(WalkthroughHTML.escape(field.description))</span> "
        }
        html += "</div>\n"
        html += workedExample()
        html += "<h2>What betrays a document</h2><dl class=\"signs\">"
        for rule in Self.signs {
            guard let explanation = rules.explanations[rule] else { continue }
            html += "<dt>\(WalkthroughHTML.escape(explanation.title))</dt><dd>\(WalkthroughHTML.escape(explanation.meaning)) <span class=\"aside\">\(WalkthroughHTML.escape(explanation.icao))</span></dd>"
        }
        html += "</dl>\n<p class=\"screenonly\"><button type=\"button\" class=\"primary\" data-show=\"1\">Start the exercises</button></p>\n</section>\n"
        return html
    }

    /// The TD3 specimen's date of birth and document number, computed in full.
    private func workedExample() -> String {
        guard let text = try? MRZText(lines: Self.specimens[0].2) else { return "" }
        let document = MRZParser.parse(text)
        let tables = CheckDigitValidator.computations(document).map(CheckDigitTable.init)
        guard let birth = tables.first(where: { $0.computation.rule == "mrz.check-digit.date-of-birth" }),
            let number = tables.first(where: { $0.computation.rule == "mrz.check-digit.document-number" }) else { return "" }
        let renderer = WalkthroughHTML()
        return """
        <h2>Check digits: a worked example</h2>
        <p>A check digit lets a machine, or you, test a field. Give each character its value: digits as they are, letters A=10, B=11 … Z=35, the filler &lt; is 0. Multiply the values by 7, 3, 1, 7, 3, 1 … from the left, add the products, and keep the last digit of the sum. On the specimen passport above, the date of birth 740812 (12 August 1974) is followed by its check digit 2:</p>
        \(renderer.checkDigitTable(birth))
        <p>The document number L898902C3 holds letters: L counts 21 and C counts 12. Its check digit is 6:</p>
        \(renderer.checkDigitTable(number))
        <p>A forger who changes a date or a number without recomputing its check digit leaves a digit that no longer fits. A careful forger recomputes the field's digit but forgets the <b>composite</b> check digit at the end of the MRZ, which covers the number, the dates and the optional data together. Passing check digits prove only that the MRZ is consistent: dates, codes and the print can still betray a forgery.</p>

        """
    }

    // MARK: - Exercises

    private func exerciseSection(_ exercise: Exercise, image: [UInt8], count: Int) -> String {
        let n = exercise.number
        var options = "<option value=\"\">Nothing: the document passes</option>"
        let layout = MRZLayout.of(exercise.format)
        for line in 0..<exercise.format.lineCount {
            options += "<optgroup label=\"Line \(line + 1)\">"
            for spec in layout.fields where spec.line == line {
                let columns = spec.columns.count > 1 ? "columns \(spec.columns.lowerBound + 1)–\(spec.columns.upperBound)" : "column \(spec.columns.lowerBound + 1)"
                options += "<option value=\"\(spec.name.rawValue)\">\(WalkthroughHTML.escape(spec.name.description)) (\(columns))</option>"
            }
            options += "</optgroup>"
        }
        return """
        <section class="page exercise" id="page-\(n)" data-n="\(n)">
        <h2>Exercise \(n) <span class="aside">of \(count)</span></h2>
        <figure class="document"><img src="\(WalkthroughHTML.dataURI(image))" alt="document \(n)" title="click to enlarge"></figure>
        <form class="answer screenonly" data-n="\(n)">
        <fieldset><legend>Your verdict <span class="aside">(as of \(pack.plan.referenceDate), at a checkpoint)</span></legend>
        <label><input type="radio" name="verdict-\(n)" value="pass"> pass</label>
        <label><input type="radio" name="verdict-\(n)" value="review"> review</label>
        <label><input type="radio" name="verdict-\(n)" value="reject"> reject</label></fieldset>
        <label class="field">Which field betrays it? <select name="field-\(n)">\(options)</select></label>
        <p><button type="button" class="primary check">Check my answer</button> <span class="hint"></span></p>
        </form>
        <div class="feedback" aria-live="polite"></div>
        <div class="explain"></div>
        <p class="sheet printonly">Verdict: ☐ pass &nbsp; ☐ review &nbsp; ☐ reject &nbsp;&nbsp; Field or character that betrays it: ______________________________</p>
        <nav class="steps screenonly"><button type="button" data-show="\(n > 1 ? String(n - 1) : "intro")">← Back</button>
        <button type="button" class="next" data-show="\(n < count ? String(n + 1) : "results")">\(n < count ? "Next exercise →" : "See the results →")</button></nav>
        </section>

        """
    }

    /// `README.txt`: what is in the folder, for whoever opens the USB stick.
    public static func readme(_ pack: CoursePack) -> String {
        """
        DocSentry course pack: \(pack.exercises.count) exercises (seed \(pack.plan.seed), \(pack.plan.difficulty.rawValue))

        For trainees
          Open index.html in a web browser (double-click it). It needs no network and no installation:
          read the introduction, answer each exercise, and the page scores you and explains each mistake.
          To work on paper, use the page's "Print the answer sheet" button.
          On a computer with DocSentry: docsentry quiz FOLDER asks the same exercises in a terminal.

        For the trainer
          trainer/answer-key.html and trainer/answer-key.json hold the answers. Remove the trainer folder
          before you hand the pack out, or copy everything except it.

        Documents are fictitious, made by docsentry generate; judge them as of \(pack.plan.referenceDate).
        """
    }

    // MARK: - Style and script

    static let css = """
    header.top{background:#1f2d3d;color:#fff;position:sticky;top:0;z-index:5}
    header.top .inner{max-width:1000px;margin:0 auto;padding:10px 20px}
    header.top h1{margin:0 0 4px;font-size:20px}header.top input{font:inherit;padding:2px 6px}
    header.top .who{margin:4px 0}#scoreline{margin-left:16px;font-weight:600}
    nav button,button.primary{font:inherit;padding:6px 12px;border-radius:6px;border:1px solid #9aa5b1;background:#fff;cursor:pointer;margin:2px 4px 2px 0}
    button.primary{background:#1f6feb;color:#fff;border-color:#1f6feb}button:disabled{opacity:.5;cursor:default}
    main.course{min-height:70vh}
    footer{max-width:1000px;margin:0 auto;padding:12px 20px}
    .legend{margin:8px 0 16px;line-height:2}.legend>span{margin-right:14px;white-space:nowrap}
    dl.signs{grid-template-columns:220px 1fr}
    figure.document{overflow:auto;max-height:80vh;border:1px solid #cfd4da;background:#eee}
    figure.document img{display:block;width:100%;height:auto;border:0;cursor:zoom-in}
    figure.document img.zoomed{width:200%;max-width:none;cursor:zoom-out}
    form.answer{background:#f3f6fa;border:1px solid #dde1e6;border-radius:6px;padding:8px 14px;margin:12px 0}
    form.answer fieldset{border:0;padding:0;margin:4px 0}form.answer legend{font-weight:600;padding:0;margin-bottom:4px}
    form.answer fieldset label{display:inline-block;margin-right:18px;font-size:17px}
    form.answer select{font:inherit;padding:3px;max-width:100%}label.field{display:block;margin:8px 0}
    .hint{color:#c0392b}
    .feedback{margin:10px 0}.feedback .right{background:#e3f4e8;border-left:6px solid #1e8449;padding:8px 12px;border-radius:6px}
    .feedback .wrong{background:#fbe3e1;border-left:6px solid #c0392b;padding:8px 12px;border-radius:6px}
    .explain{border-top:1px dashed #cfd4da;margin-top:12px}.explain:empty,.feedback:empty{display:none}
    nav.steps{display:flex;justify-content:space-between;margin-top:18px}
    table.score td,table.score th{padding:4px 10px}table.score td.ok{color:#1e8449;font-weight:700}table.score td.no{color:#c0392b;font-weight:700}
    .bigscore{font-size:22px;font-weight:700;margin:8px 0}
    .printonly{display:none}
    @media screen{main.course>section.page:not(.current){display:none}}
    @media print{
      header.top{position:static;background:none;color:#000;border-bottom:2px solid #000}
      .screenonly,.feedback,.explain,section.results,footer{display:none!important}
      .printonly{display:inline}p.printonly{display:block}
      body,main.walkthrough{background:#fff}
      section.exercise{page-break-before:always;break-before:page}
      figure.document{max-height:none;overflow:visible;border:1px solid #000}
      figure.document img{width:100%!important;max-height:15cm;object-fit:contain}
      p.sheet{font-size:16px;margin-top:16px;line-height:2.2}
      .mrz{font-size:12px;overflow:visible}
    }
    """

    static let script = """
    (function(){
      "use strict";
      var bytes = Uint8Array.from(atob(PACK), function(c){ return c.charCodeAt(0); });
      var answers = JSON.parse(new TextDecoder().decode(bytes));
      var state = {};
      var total = answers.length;
      function page(id){ return document.getElementById("page-" + id); }
      function show(id){
        var pages = document.querySelectorAll("section.page");
        for (var i = 0; i < pages.length; i++) pages[i].classList.remove("current");
        if (id === "results") renderResults();
        var target = page(id);
        if (target) { target.classList.add("current"); window.scrollTo(0, 0); }
      }
      function points(){
        var verdicts = 0, fields = 0, done = 0;
        for (var n in state) { done++; if (state[n].verdictRight) verdicts++; if (state[n].fieldRight) fields++; }
        return {verdicts: verdicts, fields: fields, done: done, score: verdicts + fields};
      }
      function updateScore(){
        var p = points();
        document.getElementById("scoreline").textContent = p.done ? ("Score " + p.score + " of " + (2 * p.done) + " after " + p.done + " of " + total) : "";
      }
      function words(list){ return list.length ? list.join(", ") : "nothing (the document passes)"; }
      function check(form){
        var n = Number(form.getAttribute("data-n"));
        var a = answers[n - 1];
        var chosen = form.querySelector("input[name=verdict-" + n + "]:checked");
        var hint = form.querySelector(".hint");
        if (!chosen) { hint.textContent = "Choose pass, review or reject first."; return; }
        hint.textContent = "";
        var field = form.querySelector("select").value;
        var label = field ? form.querySelector("select").selectedOptions[0].textContent : "nothing";
        var verdictRight = chosen.value === a.verdict;
        var fieldRight = a.verdict === "pass" ? field === "" : a.fields.indexOf(field) >= 0;
        state[n] = {verdict: chosen.value, field: label, verdictRight: verdictRight, fieldRight: fieldRight};
        var inputs = form.querySelectorAll("input,select,button");
        for (var i = 0; i < inputs.length; i++) inputs[i].disabled = true;
        var section = page(n);
        var feedback = section.querySelector(".feedback");
        var right = verdictRight && fieldRight;
        var text = right ? "<div class=\\"right\\"><b>Right: " + a.verdict.toUpperCase() + ".</b> "
                         : "<div class=\\"wrong\\"><b>Not quite.</b> ";
        if (!verdictRight) text += "You said " + chosen.value.toUpperCase() + "; the answer is <b>" + a.verdict.toUpperCase() + "</b>. ";
        if (!fieldRight) text += "You named " + escape(label) + "; what betrays it: <b>" + escape(words(a.labels)) + "</b>. ";
        else if (a.verdict !== "pass") text += "What betrays it: " + escape(words(a.labels)) + ". ";
        if (a.rules.length) text += "DocSentry found: " + escape(a.rules.join("; ")) + ".";
        text += "</div>";
        feedback.innerHTML = text;
        var explain = section.querySelector(".explain");
        if (right) explain.innerHTML = "<details><summary>See how DocSentry explains it</summary>" + a.explain + "</details>";
        else explain.innerHTML = "<h3>How DocSentry explains it</h3>" + a.explain;
        updateScore();
      }
      function escape(text){
        return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      }
      function renderResults(){
        var p = points();
        var name = document.getElementById("trainee").value;
        var html = "<p class=\\"bigscore\\" id=\\"finalscore\\">" + (name ? escape(name) + ": " : "") + p.score + " of " + (2 * total) + " points</p>";
        html += "<p>Verdicts right: " + p.verdicts + " of " + total + " · fields right: " + p.fields + " of " + total + (p.done < total ? " · " + (total - p.done) + " not answered" : "") + "</p>";
        html += "<table class=\\"score\\"><thead><tr><th>#</th><th>your verdict</th><th>answer</th><th>your field</th><th>what betrays it</th></tr></thead><tbody>";
        for (var n = 1; n <= total; n++) {
          var a = answers[n - 1], s = state[n];
          html += "<tr><td><a href=\\"#\\" data-show=\\"" + n + "\\">" + n + "</a></td>";
          if (s) {
            html += "<td class=\\"" + (s.verdictRight ? "ok" : "no") + "\\">" + s.verdict + "</td><td>" + a.verdict + "</td>";
            html += "<td class=\\"" + (s.fieldRight ? "ok" : "no") + "\\">" + escape(s.field) + "</td><td>" + escape(words(a.labels)) + "</td>";
          } else {
            html += "<td class=\\"no\\">not answered</td><td>" + a.verdict + "</td><td></td><td>" + escape(words(a.labels)) + "</td>";
          }
          html += "</tr>";
        }
        html += "</tbody></table>";
        var mistakes = 0;
        for (var m = 1; m <= total; m++) {
          var st = state[m];
          if (st && st.verdictRight && st.fieldRight) continue;
          if (!mistakes) html += "<h2>Your mistakes, explained</h2>";
          mistakes++;
          html += "<details class=\\"mistake\\" data-n=\\"" + m + "\\"><summary>Exercise " + m + ": " + answers[m - 1].verdict.toUpperCase() + "; what betrays it: " + escape(words(answers[m - 1].labels)) + "</summary>" + answers[m - 1].explain + "</details>";
        }
        if (!mistakes && p.done === total) html += "<p>No mistakes. Well done.</p>";
        document.getElementById("results").innerHTML = html;
      }
      document.addEventListener("click", function(event){
        var target = event.target;
        if (target.closest) {
          var go = target.closest("[data-show]");
          if (go) { event.preventDefault(); show(go.getAttribute("data-show")); return; }
          if (target.classList.contains("check")) { check(target.closest("form")); return; }
          if (target.tagName === "IMG" && target.closest("figure.document")) { target.classList.toggle("zoomed"); return; }
          if (target.id === "print") { window.print(); }
        }
      });
    })();
    """
}
