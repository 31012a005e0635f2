/// A walk-through for a terminal: the format, the fields drawn under the MRZ lines, every check digit as a table,
/// every finding with a caret under the characters it concerns and its plain-language explanation, the OCR
/// corrections, and why the verdict follows.
public struct WalkthroughText: Sendable {
    public var color: Bool
    /// Columns the prose is wrapped to.
    public var width: Int
    /// Only what explains the verdict: the fields drawn under the lines without their table, the failing check
    /// digits, the findings, the corrections (the quiz, after a mistake).
    public var brief: Bool

    public init(color: Bool, width: Int = 100, brief: Bool = false) {
        self.color = color
        self.width = max(60, width)
        self.brief = brief
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: paint("PASS", "1;32")
        case .review: paint("REVIEW", "1;33")
        case .reject: paint("REJECT", "1;31")
        case .unreadable: paint("UNREADABLE", "1;35")
        }
    }

    private func severity(_ severity: Severity) -> String {
        switch severity {
        case .fail: paint("[fail]", "1;31")
        case .warn: paint("[warn]", "1;33")
        case .info: paint("[info]", "36")
        }
    }

    public func render(_ walkthrough: Walkthrough) -> String {
        var out: [String] = []
        let report = walkthrough.report
        out.append(paint("DocSentry explains \(report.file)", "1"))
        out.append("Verdict: \(verdict(report.verdict)). \(walkthrough.verdictReason)")
        out.append("Judged as of \(report.referenceDate), \(report.mode.rawValue) mode.")
        if let summary = report.document {
            out.append("\(summary.format) \(summary.documentCode) issued by \(walkthrough.issuingState), number \(summary.documentNumber), nationality \(walkthrough.nationality)")
        }
        guard let document = walkthrough.document, let format = walkthrough.format else {
            if let unreadable = walkthrough.unreadable {
                out.append("")
                out += explanation(unreadable, indent: "   ")
            }
            return out.joined(separator: "\n")
        }
        var section = 0
        func heading(_ title: String) {
            section += 1
            out.append("")
            out.append(paint("\(section). \(title)", "1"))
        }

        heading("The format")
        out += wrap(format.why, indent: "   ")
        if !brief {
            if let meaning = format.documentCodeMeaning {
                out += wrap("Document code \(format.documentCode): \(meaning)", indent: "   ")
            }
            out += wrap("Other shapes: \(FormatReasoning.otherShapes).", indent: "   ")
        }

        heading("The fields")
        out += wrap("Under each line, a letter marks the field each character belongs to (lower case: that field's check digit; # the composite check digit). Columns are counted from 1 on the left.", indent: "   ")
        out += fieldDrawing(walkthrough, document, table: !brief)

        let tables = brief ? walkthrough.checkDigits.filter { !$0.passes } : walkthrough.checkDigits
        if !tables.isEmpty {
            heading(brief ? "The failing check digits (ICAO Doc 9303 Part 3 §4.9)" : "The check digits (ICAO Doc 9303 Part 3 §4.9)")
            out += wrap("Each character has a value: digits as they are, A=10, B=11 ... Z=35, and the filler < is 0. The values are multiplied by the weights 7, 3, 1, 7, 3, 1 ... from the left, the products added, and the check digit is the last digit of the sum (the sum modulo 10).", indent: "   ")
        }
        for table in tables {
            out.append("")
            out += checkDigitTable(table)
        }

        heading("What DocSentry found")
        if walkthrough.findings.isEmpty {
            out.append("   Nothing: every check passed.")
        }
        for explained in walkthrough.findings {
            out.append("")
            out += finding(explained, document)
        }

        if report.ocr != nil, !brief || !walkthrough.corrections.isEmpty {
            heading("How the scan was read")
            out += reading(walkthrough, document)
        }

        heading("Why \(report.verdict.rawValue.uppercased())")
        out += wrap(walkthrough.verdictReason + " The policy (Rules/policy.yaml) may weigh a rule differently per mode; a fail on characters read with doubt counts as a warning (rescan).", indent: "   ")
        return out.joined(separator: "\n")
    }

    // MARK: - Sections

    private static let linePrefix = "   line N  ".count

    private func lineLabel(_ line: Int) -> String { "   line \(line)  " }

    /// The column ruler over a line of `length` characters: tens, then units.
    private func ruler(_ length: Int) -> [String] {
        let pad = String(repeating: " ", count: Self.linePrefix)
        let tens = (1...length).map { $0 % 10 == 0 ? String($0 / 10 % 10) : " " }.joined()
        let units = (1...length).map { String($0 % 10) }.joined()
        return [pad + paint(tens, "2"), pad + paint(units, "2")]
    }

    /// Carets under the given 1-based columns of a line.
    private func carets(_ columns: [Int], mark: Character = "^") -> String {
        guard let last = columns.max() else { return "" }
        let set = Set(columns)
        let text = String((1...last).map { set.contains($0) ? mark : " " })
        return String(repeating: " ", count: Self.linePrefix) + paint(text, "1;31")
    }

    private func fieldDrawing(_ walkthrough: Walkthrough, _ document: MRZDocument, table: Bool) -> [String] {
        var out = [""] + ruler(document.format.lineLength)
        for (index, text) in document.lines.enumerated() {
            let line = index + 1
            var keys = Array(repeating: Character(" "), count: text.count)
            for field in walkthrough.fields where field.line == line {
                for column in field.columns where column <= keys.count { keys[column - 1] = field.key }
            }
            out.append(lineLabel(line) + text)
            out.append(String(repeating: " ", count: Self.linePrefix) + paint(String(keys), "36"))
        }
        out.append("")
        guard table else {
            let legend = walkthrough.fields.reduce(into: [String]()) { list, field in
                let entry = "\(field.key) \(field.name.description)"
                if !list.contains(entry) { list.append(entry) }
            }
            return out + wrap(legend.joined(separator: " · "), indent: "   ")
        }
        let keyWidth = 4, nameWidth = 30, whereWidth = 18
        out.append("   " + pad("key", keyWidth) + pad("field", nameWidth) + pad("where", whereWidth) + "printed / read as")
        for field in walkthrough.fields {
            let place = field.columns.count > 1
                ? "line \(field.line), \(field.columns.lowerBound)-\(field.columns.upperBound)" : "line \(field.line), \(field.columns.lowerBound)"
            let reading = field.reading == field.printed ? field.printed : "\(field.printed) = \(field.reading)"
            out.append("   " + pad(String(field.key), keyWidth) + pad(field.name.description, nameWidth) + pad(place, whereWidth) + reading)
            out.append("   " + String(repeating: " ", count: keyWidth) + paint(field.about, "2"))
        }
        return out
    }

    private func checkDigitTable(_ table: CheckDigitTable) -> [String] {
        let computation = table.computation
        var out: [String] = []
        let firstPlace = computation.positions.first.map { "line \($0.line) column \($0.column)" } ?? "?"
        let key = computation.rule.hasSuffix("composite") ? "#" : FieldPlacement.key(computation.fields.last ?? .compositeCheckDigit)
        out.append("   \(paint(String(key), "36"))  check digit of the \(computation.what): \(computation.characters.count) characters from \(firstPlace), digit printed at line \(computation.printedPosition.line) column \(computation.printedPosition.column)")
        if computation.fillerAccepted {
            out.append("      the optional data is all fillers and its check digit is <: the standard allows that (Doc 9303 Part 4 §4.2.2): passes")
            return out
        }
        let chunk = max(8, (width - 16) / 5)
        var start = 0
        while start < computation.characters.count {
            let range = start..<min(start + chunk, computation.characters.count)
            func row(_ label: String, _ cells: [String]) -> String {
                "      " + pad(label, 10) + range.map { String(repeating: " ", count: max(0, 5 - cells[$0].count)) + cells[$0] }.joined()
            }
            out.append(row("character", computation.characters.map { String($0) }))
            out.append(row("value", table.values.map { $0.map(String.init) ?? "?" }))
            out.append(row("weight", table.weights.map(String.init)))
            out.append(row("product", table.products.map { $0.map(String.init) ?? "?" }))
            start = range.upperBound
        }
        guard let sum = table.sum, let remainder = table.remainder else {
            out.append("      a character outside the MRZ alphabet has no value: no check digit can be computed")
            return out
        }
        let printed = computation.printed == "<" ? "< (filler)" : String(computation.printed)
        let outcome = table.passes ? paint("passes", "32") : paint("FAILS: \(remainder) expected", "1;31")
        out.append("      sum \(sum); \(sum) mod 10 = \(remainder); printed \(printed): \(outcome)")
        return out
    }

    private func finding(_ explained: ExplainedFinding, _ document: MRZDocument) -> [String] {
        let finding = explained.finding
        var out: [String] = []
        let title = explained.explanation.map { " — \($0.title)" } ?? ""
        out.append("   \(severity(finding.severity)) \(finding.rule)\(title)")
        let indent = "          "
        if let position = finding.position, position.line >= 1, position.line <= document.lines.count {
            out.append(lineLabel(position.line) + document.lines[position.line - 1])
            out.append(carets(Array(position.column..<(position.column + position.length))))
        }
        out += wrap(finding.message + (finding.position.map { " (\($0))" } ?? ""), indent: indent)
        if let box = finding.pageBox, box.count == 4 {
            out += wrap("Measured on the page at x \(Int(box[0])), y \(Int(box[1])), \(Int(box[2])) × \(Int(box[3])) pixels (explain --format html frames it).", indent: indent)
        }
        if finding.lowConfidence {
            out += wrap("Read with doubt: this counts as a warning (rescan), not as evidence.", indent: indent)
        }
        if let explanation = explained.explanation {
            out += labelled("What it means", explanation.meaning, indent: indent)
            out += labelled("At the desk", explanation.atTheDesk, indent: indent)
            out += labelled("ICAO", explanation.icao, indent: indent)
        }
        out += labelled("Where", explained.origin, indent: indent)
        let evidence = finding.evidence.filter { $0.name != "source" || explained.rule == nil }
        if !evidence.isEmpty {
            out += labelled("Evidence", evidence.map { "\($0.name) \($0.value)" }.joined(separator: " · "), indent: indent)
        }
        return out
    }

    private func reading(_ walkthrough: Walkthrough, _ document: MRZDocument) -> [String] {
        var out: [String] = []
        guard let ocr = walkthrough.report.ocr else { return out }
        out += wrap("Read with the OCR model '\(ocr.model)'. The text recogniser read these lines before correction:", indent: "   ")
        for (index, text) in ocr.read.enumerated() { out.append(lineLabel(index + 1) + text) }
        if walkthrough.corrections.isEmpty {
            out += wrap("Nothing needed correcting.", indent: "   ")
        } else {
            out += wrap("\(walkthrough.corrections.count) character\(walkthrough.corrections.count == 1 ? " was" : "s were") corrected by the MRZ's rules (the character allowed in that position, the print's shape, the check digits):", indent: "   ")
            for correction in walkthrough.corrections {
                out.append("")
                if correction.line >= 1, correction.line <= document.lines.count {
                    out.append(lineLabel(correction.line) + document.lines[correction.line - 1])
                    out.append(carets([correction.column]))
                }
                let sure = correction.confidence > 0 ? String(format: ", the recogniser %.0f%% sure of what it read", correction.confidence * 100) : ""
                out += wrap("read '\(correction.read)', corrected to '\(correction.chosen)' by \(correction.reason)\(sure) (line \(correction.line), column \(correction.column))", indent: "          ")
            }
        }
        if !walkthrough.doubtful.isEmpty {
            out.append("")
            out += wrap("Characters read with doubt (confidence under \(walkthrough.lowConfidenceThreshold)), marked ?: a check that fails on them asks for a rescan, not a reject.", indent: "   ")
            for (index, text) in document.lines.enumerated() {
                let columns = walkthrough.doubtful.filter { $0.line == index + 1 }.map(\.column)
                guard !columns.isEmpty else { continue }
                out.append(lineLabel(index + 1) + text)
                out.append(carets(columns, mark: "?"))
            }
        }
        return out
    }

    private func explanation(_ explanation: RuleExplanation, indent: String) -> [String] {
        labelled(explanation.title, explanation.meaning, indent: indent) + labelled("At the desk", explanation.atTheDesk, indent: indent)
    }

    // MARK: - Text helpers

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func labelled(_ label: String, _ text: String, indent: String) -> [String] {
        let head = pad(label + ":", 15)
        return wrap(text, indent: indent + String(repeating: " ", count: head.count), first: indent + paint(head, "2"),
                    firstWidth: indent.count + head.count)
    }

    /// `text` wrapped to `width` columns, every line after the first indented by `indent`.
    private func wrap(_ text: String, indent: String, first: String? = nil, firstWidth: Int? = nil) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = firstWidth ?? indent.count
        var prefix = first ?? indent
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !current.isEmpty, currentWidth + 1 + word.count > width {
                lines.append(prefix + current)
                prefix = indent
                current = ""
                currentWidth = indent.count
            }
            if !current.isEmpty {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += word.count
        }
        lines.append(prefix + current)
        return lines
    }
}
