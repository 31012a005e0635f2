/// Masks personal data in a report: names, document number, date of birth, optional data.
///
/// Reports carry personal data because their user asked for it; `--redact` is for reports that travel further
/// (a ticket, a training slide). Masked characters become `*`; the MRZ keeps its shape so positions still match.
///
/// Masking works from where the data sits, not only from what it says: the personal fields' places on the MRZ
/// grid are masked in the corrected lines, in the raw OCR read and in every correction made there, whatever the
/// engine read; the document's fields are masked by name. Free text (finding messages, evidence, check
/// details) is then cleared of every personal value, compared through the MRZ's look-alikes (`O`/`0`, `I`/`1`,
/// `S`/`5`...) so that a misread spelling is caught too, and a finding about a personal field's characters
/// loses the characters it quotes. A report whose MRZ cannot be parsed keeps no MRZ character at all.
public enum Redaction {
    static let personalFields: [MRZFieldName] = [.name, .documentNumber, .dateOfBirth, .optionalData, .optionalData2]

    /// The character that replaces a masked one.
    public static let maskCharacter: Character = "*"

    /// `report` with its personal data masked and `redacted` set.
    public static func redact(_ report: Report) -> Report {
        redact(report, document: report.mrz.flatMap { try? MRZText(lines: $0) }.map(MRZParser.parse))
    }

    /// `report` with its personal data masked and `redacted` set; `document` is the report's MRZ parsed (nil
    /// when it has none or it cannot be parsed: then every MRZ character of the report is masked).
    public static func redact(_ report: Report, document: MRZDocument?) -> Report {
        var report = report
        report.redacted = true
        let places = PersonalPlaces(document: document, lineLengths: report.mrz?.map(\.count) ?? report.ocr?.read.map(\.count) ?? [])
        var secrets = Secrets()
        if let document { secrets.add(document, dateOfBirth: report.document?.dateOfBirth) }
        if let read = report.ocr?.read, let document {
            // What the engine read in the personal fields' places, misreads included.
            for field in document.fields where personalFields.contains(field.name) && field.line <= read.count {
                let line = Array(read[field.line - 1])
                guard field.column - 1 + field.raw.count <= line.count else { continue }
                secrets.add(field: String(line[(field.column - 1)..<(field.column - 1 + field.raw.count)]))
            }
        }

        report.mrz = report.mrz.map { places.mask($0) }
        if var ocr = report.ocr {
            ocr.read = places.mask(ocr.read)
            ocr.corrections = ocr.corrections.map { correction in
                guard places.contains(line: correction.line, column: correction.column) else { return correction }
                return Correction(line: correction.line, column: correction.column, read: "*", chosen: "*",
                                  reason: correction.reason, confidence: correction.confidence)
            }
            report.ocr = ocr
        }
        report.document = report.document.map { $0.redacted(secrets.scrub) }
        report.reason = report.reason.map(secrets.scrub)
        let personal = Set(personalFields.map(\.rawValue))
        report.findings = report.findings.map { finding in
            let onPersonalCharacters = finding.position.map(places.overlaps) ?? false
            // What the visual zone prints of a personal field is masked whole: it need not be the MRZ's value.
            let visualZoneReading = VisualZoneCheck.isReading(of: finding) && !personal.isDisjoint(with: finding.fields)
            func clear(_ text: String) -> String {
                var text = text
                if visualZoneReading {
                    // The message quotes what was read in both zones.
                    for item in finding.evidence where VisualZoneCheck.readingEvidence.contains(item.name) && !item.value.isEmpty {
                        text = text.replacingOccurrences(of: "'\(item.value)'", with: "'\(Self.masked(item.value))'")
                    }
                }
                return secrets.scrub(onPersonalCharacters ? Self.maskingQuotedMRZCharacters(text) : text)
            }
            let evidence = finding.evidence.map { item in
                if visualZoneReading && VisualZoneCheck.readingEvidence.contains(item.name) { return Evidence(item.name, Self.masked(item.value)) }
                return Evidence(item.name, onPersonalCharacters && Self.isCharacters(item.value) ? Self.masked(item.value) : secrets.scrub(item.value))
            }
            return Finding(rule: finding.rule, severity: finding.severity, message: clear(finding.message),
                           fieldNames: finding.fields, position: finding.position, evidence: evidence,
                           lowConfidence: finding.lowConfidence, pageBox: finding.pageBox)
        }
        report.checks = report.checks.map { Check(rule: $0.rule, status: $0.status, detail: $0.detail.map(secrets.scrub)) }
        return report
    }

    /// Every character but the filler `<` and spaces masked.
    static func masked(_ text: String) -> String {
        String(text.map { $0 == "<" || $0 == " " ? $0 : maskCharacter })
    }

    static func isMRZText(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy(MRZCharacter.isValid) }

    /// Whether a quote or an evidence value is characters of the document: MRZ text, or up to three characters
    /// of any kind (a glyph outside the MRZ alphabet that forensics saw printed, `Ö`).
    static func isCharacters(_ text: String) -> Bool {
        isMRZText(text) || (!text.isEmpty && text.count <= 3 && Double(text) == nil)
    }

    /// `'X'` and `'X<Y'` quotes of document characters masked (`read '8', corrected to 'B'`).
    static func maskingQuotedMRZCharacters(_ text: String) -> String {
        let parts = text.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return text }
        var out = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { out += "'" }
            // Odd pieces are between quotes when the quotes pair up.
            let quoted = index % 2 == 1 && index < parts.count - 1
            out += quoted && isCharacters(String(part)) ? masked(String(part)) : String(part)
        }
        return out
    }
}

/// The MRZ grid places (1-based line and column) that hold personal data.
struct PersonalPlaces {
    private var places: Set<Int> = []
    /// No parsed document: every place is personal.
    private let everything: Bool

    init(document: MRZDocument?, lineLengths: [Int]) {
        guard let document else {
            everything = true
            return
        }
        everything = false
        for field in document.fields where Redaction.personalFields.contains(field.name) {
            for column in field.columns { places.insert(Self.key(field.line, column)) }
        }
    }

    private static func key(_ line: Int, _ column: Int) -> Int { line * 1000 + column }

    func contains(line: Int, column: Int) -> Bool { everything || places.contains(Self.key(line, column)) }

    func overlaps(_ position: MRZPosition) -> Bool {
        (0..<max(1, position.length)).contains { contains(line: position.line, column: position.column + $0) }
    }

    /// The lines with every personal place masked (the filler `<` kept, so the MRZ keeps its shape).
    func mask(_ lines: [String]) -> [String] {
        lines.enumerated().map { lineIndex, line in
            String(line.enumerated().map { columnIndex, character in
                character != "<" && contains(line: lineIndex + 1, column: columnIndex + 1) ? Redaction.maskCharacter : character
            })
        }
    }
}

/// The personal values of one document, and free text cleared of them.
struct Secrets {
    private(set) var values: Set<String> = []

    /// The characters each is compared as: upper case, MRZ look-alikes as one, the filler as a space.
    static func fold(_ character: Character) -> Character {
        switch character {
        case "O", "o", "Q", "q", "D", "d": "0"
        case "I", "i", "L", "l": "1"
        case "Z", "z": "2"
        case "S", "s": "5"
        case "G", "g": "6"
        case "B", "b": "8"
        case "<", "\t": " "
        default: Character(character.uppercased())
        }
    }

    mutating func add(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2 { values.insert(trimmed) }
    }

    /// A field's characters: whole, without fillers, and each filler-separated component.
    mutating func add(field raw: String) {
        var value = Substring(raw)
        while value.last == "<" { value = value.dropLast() }
        add(String(value))
        add(value.replacingOccurrences(of: "<", with: " "))
        for component in value.split(separator: "<") { add(String(component)) }
    }

    mutating func add(_ document: MRZDocument, dateOfBirth: String?) {
        for field in document.fields where Redaction.personalFields.contains(field.name) { add(field: field.raw) }
        add(document.documentNumber)
        for component in document.name.primaryIdentifier + document.name.secondaryIdentifier { add(component) }
        add(document.name.surname)
        add(document.name.givenNames)
        if let raw = document[.dateOfBirth]?.raw, raw.count == 6 {
            let (yy, mm, dd) = (raw.prefix(2), raw.dropFirst(2).prefix(2), raw.suffix(2))
            add("\(dd).\(mm).\(yy)")
            add("\(dd)/\(mm)/\(yy)")
        }
        if let iso = dateOfBirth, let date = CalendarDate(iso: iso) {
            let (year, month, day) = (String(date.year), String(format: "%02d", date.month), String(format: "%02d", date.day))
            let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            for form in [iso, year + month + day, "\(day).\(month).\(year)", "\(day)/\(month)/\(year)", "\(month)/\(day)/\(year)",
                         "\(day) \(months[date.month - 1]) \(year)", "\(day) \(months[date.month - 1]) \(year.suffix(2))"] {
                add(form)
            }
        }
    }

    /// `text` with every occurrence of a personal value masked (its letters and digits become `*`). Values of
    /// two characters are masked only as a whole word and as spelled; values of five or more also through
    /// look-alikes (short ones would catch unrelated numbers: `BOB` folds to `808`).
    func scrub(_ text: String) -> String {
        guard !values.isEmpty, !text.isEmpty else { return text }
        let characters = Array(text)
        let upper = characters.map { Character($0.uppercased()) }
        let folded = characters.map(Self.fold)
        var masked = [Bool](repeating: false, count: characters.count)
        func isWordCharacter(_ index: Int) -> Bool {
            index >= 0 && index < characters.count && (characters[index].isLetter || characters[index].isNumber)
        }
        for value in values {
            let (haystack, pattern): ([Character], [Character]) = switch value.count {
            case ...2: (characters, Array(value))
            case ...4: (upper, value.map { Character($0.uppercased()) })
            default: (folded, value.map(Self.fold))
            }
            guard pattern.count <= haystack.count else { continue }
            for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
                guard haystack[start..<(start + pattern.count)].elementsEqual(pattern) else { continue }
                if pattern.count <= 2 && (isWordCharacter(start - 1) || isWordCharacter(start + pattern.count)) { continue }
                for index in start..<(start + pattern.count) { masked[index] = true }
            }
        }
        return String(characters.enumerated().map { index, character in
            masked[index] && (character.isLetter || character.isNumber) ? Redaction.maskCharacter : character
        })
    }
}

extension DocumentSummary {
    /// The summary with the personal fields masked by name and the others cleared by `scrub`.
    func redacted(_ scrub: (String) -> String) -> DocumentSummary {
        let personal = Set(Redaction.personalFields.map(\.rawValue))
        return DocumentSummary(
            format: format, documentCode: documentCode, issuingState: issuingState,
            documentNumber: Redaction.masked(documentNumber), nationality: nationality, sex: sex,
            surname: Redaction.masked(surname), givenNames: Redaction.masked(givenNames),
            namePossiblyTruncated: namePossiblyTruncated, dateOfBirth: dateOfBirth.map { _ in "****-**-**" },
            dateOfExpiry: dateOfExpiry,
            fields: Dictionary(uniqueKeysWithValues: fields.map { name, field in
                let printed = personal.contains(name) ? Redaction.masked(field.printed) : scrub(field.printed)
                let value = personal.contains(name) ? Redaction.masked(field.value) : scrub(field.value)
                return (name, PrintedField(printed: printed, value: value, line: field.line, column: field.column))
            }))
    }

    init(format: MRZFormat, documentCode: String, issuingState: String, documentNumber: String, nationality: String,
         sex: String, surname: String, givenNames: String, namePossiblyTruncated: Bool, dateOfBirth: String?,
         dateOfExpiry: String?, fields: [String: PrintedField]) {
        self.format = format
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.sex = sex
        self.surname = surname
        self.givenNames = givenNames
        self.namePossiblyTruncated = namePossiblyTruncated
        self.dateOfBirth = dateOfBirth
        self.dateOfExpiry = dateOfExpiry
        self.fields = fields
    }
}
