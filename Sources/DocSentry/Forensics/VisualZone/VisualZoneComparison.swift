import Foundation

/// The field-by-field comparison of one read visual zone with its MRZ (see `VisualZoneCheck` for the rules).
struct VisualZoneComparison {
    typealias Field = VisualZoneCheck.Field
    typealias Outcome = VisualZoneCheck.Outcome

    let scan: VisualZoneScan
    let document: MRZDocument
    let countries: [String: CountryCode]
    /// The rules' country names, upper case without accents, and their codes.
    let countryNames: [String: String]

    init(scan: VisualZoneScan, document: MRZDocument, countries: [String: CountryCode]) {
        self.scan = scan
        self.document = document
        self.countries = countries
        var names: [String: String] = [:]
        for (code, country) in countries { names[VisualZoneNames.foldedLetters(country.name)] = code }
        countryNames = names
    }

    /// Every field's outcome: dates first (they are the surest to place), then the number, the name, sex and
    /// nationality. A value that confirms one field is not a candidate for another.
    func outcomes() -> [(Field, Outcome)] {
        var used = Set<Int>()
        var results: [(Field, Outcome)] = []
        results += dates(used: &used)
        results.append((.documentNumber, documentNumber(used: &used)))
        results += names(used: &used)
        results.append((.sex, sex(used: &used)))
        results.append((.nationality, nationality(used: &used)))
        return results
    }

    private var values: [(item: VisualZoneItem, text: VisualZoneText)] { scan.values }

    // MARK: - Dates

    func dates(used: inout Set<Int>) -> [(Field, Outcome)] {
        let found = values.indices.flatMap { index in PrintedDates.find(in: values[index].text.text).map { (index, $0) } }
        let fields: [(Field, MRZFieldName)] = [(.dateOfBirth, .dateOfBirth), (.dateOfExpiry, .dateOfExpiry)]
        var outcomes: [(Field, Outcome)] = []
        var confirmedDates = Set<Int>()
        for (field, name) in fields {
            guard let raw = document[name]?.raw else { continue }
            if let match = found.indices.first(where: { PrintedDates.compare(found[$0].1, withMRZ: raw, read: values[found[$0].0].text) == .same }) {
                confirmedDates.insert(match)
                used.insert(found[match].0)
                outcomes.append((field, Outcome(kind: .confirmed, value: found[match].0, printed: printed(found[match].0), machineReadable: raw)))
            } else {
                outcomes.append((field, .notFound))
            }
        }
        // A field the MRZ's date was not found for: the date under that field's caption.
        for position in outcomes.indices where outcomes[position].1.kind == .notFound {
            let field = outcomes[position].0
            let caption: VisualZoneCaption = field == .dateOfBirth ? .dateOfBirth : .dateOfExpiry
            guard let raw = document[VisualZoneCheck.mrzFields(field)[0]]?.raw else { continue }
            for candidate in found.indices where !confirmedDates.contains(candidate) {
                let (index, date) = found[candidate]
                let placed = scan.caption(of: index, characters: date.dayOffsets)
                guard placed.caption == caption else { continue }
                let agreement = PrintedDates.compare(date, withMRZ: raw, read: values[index].text)
                used.insert(index)
                outcomes[position].1 = Outcome(kind: agreement == .different ? .contradicted(.fail) : .uncertain, value: index,
                                               printed: printed(index), machineReadable: raw, basis: "caption '\(placed.text)'")
                break
            }
        }
        // Still not placed (no caption read over it): a date that differs from the MRZ's in one part only and stands
        // where that field's date stands among the page's dates.
        for position in outcomes.indices where outcomes[position].1.kind == .notFound {
            let field = outcomes[position].0
            guard let raw = document[VisualZoneCheck.mrzFields(field)[0]]?.raw,
                  let candidate = Self.alteredInOnePart(field, raw: raw, among: found.map(\.1), excluding: confirmedDates),
                  !used.contains(found[candidate].0) else { continue }
            let (index, date) = found[candidate]
            let agreement = PrintedDates.compare(date, withMRZ: raw, read: values[index].text)
            used.insert(index)
            let order = field == .dateOfBirth ? "the earliest date on the page" : "the latest date on the page"
            outcomes[position].1 = Outcome(kind: agreement == .different ? .contradicted(.warn) : .uncertain, value: index,
                                           printed: printed(index), machineReadable: raw, basis: "\(order), the MRZ's date but for one part")
        }
        return outcomes
    }

    /// Which of the page's dates is the MRZ's `raw` date (`YYMMDD`) with one part changed, placed by where the
    /// field's date stands: a date of birth is the earliest date on a page (before the issue and the expiry), an
    /// altered expiry later than every other date and than the MRZ's. Only the year or the day may differ: a
    /// date of issue often shares a date of expiry's day and month, and a birth date's month and year only in a
    /// baby's first month. Nil when no date, or more than one, fits; or any date on the page has a two-digit year.
    static func alteredInOnePart(_ field: Field, raw: String, among dates: [PrintedDate], excluding confirmed: Set<Int>) -> Int? {
        let mrz = Array(raw)
        guard mrz.count == 6, !mrz.contains("<"), let yy = Int(String(mrz[0..<2])), let mm = Int(String(mrz[2..<4])),
              let dd = Int(String(mrz[4..<6])), dates.allSatisfy({ $0.yearDigits == 4 }) else { return nil }
        func key(_ date: PrintedDate) -> Int { date.year * 10000 + date.month * 100 + date.day }
        let fits = dates.indices.filter { index in
            let date = dates[index]
            guard !confirmed.contains(index), date.month == mm else { return false }
            let yearOnly = date.day == dd && date.year % 100 != yy
            let dayOnly = date.year % 100 == yy && date.day != dd
            guard yearOnly || dayOnly else { return false }
            let others = dates.indices.filter { $0 != index }.map { key(dates[$0]) }
            switch field {
            case .dateOfBirth: return others.allSatisfy { key(date) < $0 }
            case .dateOfExpiry: return others.allSatisfy { key(date) > $0 } && (date.year % 100 > yy || (dayOnly && date.day > dd))
            default: return false
            }
        }
        return fits.count == 1 ? fits[0] : nil
    }

    // MARK: - Document number

    /// Characters OCR confuses in document numbers, folded to one: `O`/`0`, `I`/`1`, `Z`/`2`, `S`/`5`, `G`/`6`,
    /// `B`/`8`.
    static func folded(_ number: String) -> String {
        String(number.uppercased().map { PrintedDates.digitLookAlikes[$0] == "0" ? "0" : (["I": "1", "Z": "2", "S": "5", "G": "6", "B": "8"][$0] ?? $0) })
    }

    /// The number-like runs of read text: runs of letters and digits of five or more with at least two digits,
    /// and the whole text without spaces when that is one such run (`AB 123456`).
    static func numberRuns(_ text: VisualZoneText) -> [(string: String, offsets: [Int])] {
        var runs: [(String, [Int])] = []
        var current: [Int] = []
        let characters = text.characters
        func close() {
            let string = String(current.map { characters[$0].value })
            if string.count >= 5, string.filter(\.isNumber).count >= 2 { runs.append((string, current)) }
            current = []
        }
        for (offset, character) in characters.enumerated() {
            if character.value.isLetter || character.value.isNumber { current.append(offset) } else { close() }
        }
        close()
        let compact = characters.indices.filter { characters[$0].value != " " }
        if runs.count > 1, compact.allSatisfy({ characters[$0].value.isLetter || characters[$0].value.isNumber }) {
            runs.append((String(compact.map { characters[$0].value }), compact))
        }
        return runs
    }

    func documentNumber(used: inout Set<Int>) -> Outcome {
        let number = document.documentNumber
        guard number.count >= 2 else { return .notFound }
        let target = Self.folded(number)
        let optional = [document[.optionalData]?.value, document[.optionalData2]?.value].compactMap { $0 }.filter { $0.count >= 5 }.map(Self.folded)
        var candidates: [(index: Int, run: (string: String, offsets: [Int]))] = []
        for index in values.indices where !used.contains(index) {
            for run in Self.numberRuns(values[index].text) {
                let folded = Self.folded(run.string)
                if folded == target {
                    used.insert(index)
                    return Outcome(kind: .confirmed, value: index, printed: run.string, machineReadable: number)
                }
                // The personal number (the MRZ's optional data) is printed too; it is not a document number.
                if optional.contains(folded) || !PrintedDates.find(in: values[index].text.text).isEmpty { continue }
                candidates.append((index, run))
            }
        }
        for candidate in candidates {
            let placed = scan.caption(of: candidate.index)
            let close = candidate.run.string.count == number.count
                && PrintedDates.hammingDistance(Self.folded(candidate.run.string), target) <= 2
            guard placed.caption == .documentNumber || (placed.caption == nil && close) else { continue }
            used.insert(candidate.index)
            let agreement = compareNumber(candidate.run, with: number, read: values[candidate.index].text)
            let kind: Outcome.Kind = agreement != .different ? .uncertain : .contradicted(placed.caption == nil ? .warn : .fail)
            return Outcome(kind: kind, value: candidate.index, printed: candidate.run.string, machineReadable: number,
                           basis: placed.caption == nil ? "a number within two characters of the MRZ's" : "caption '\(placed.text)'")
        }
        return .notFound
    }

    /// A printed number against the MRZ's: different when a character put in another's place (look-alikes
    /// folded) was read surely and is of the same kind, digit for digit or letter for letter (a forger keeps a
    /// number's shape; OCR takes an `S` for an `8`). Characters only missing or doubled in the reading (at the
    /// print's edge, in a blur) are the reading's, not evidence.
    func compareNumber(_ run: (string: String, offsets: [Int]), with number: String, read text: VisualZoneText) -> VisualZoneAgreement {
        let printed = Array(Self.folded(run.string)), mrz = Array(Self.folded(number)), original = Array(number)
        if printed == mrz { return .same }
        let read = Array(run.string)
        for (position, other) in Self.substitutions(printed, mrz) {
            guard read[position].isNumber == original[other].isNumber else { continue }
            if text.isSure(at: run.offsets[position], instead: original[other]) { return .different }
        }
        return .uncertain
    }

    /// The substitutions of a fewest-edits alignment of `a` with `b`: pairs of positions (in `a`, in `b`) whose
    /// characters differ.
    static func substitutions(_ a: [Character], _ b: [Character]) -> [(Int, Int)] {
        var cost = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { cost[i][0] = i }
        for j in 0...b.count { cost[0][j] = j }
        if !a.isEmpty && !b.isEmpty {
            for i in 1...a.count {
                for j in 1...b.count {
                    cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
            }
        }
        var pairs: [(Int, Int)] = []
        var i = a.count, j = b.count
        while i > 0 && j > 0 {
            let same = a[i - 1] == b[j - 1]
            if cost[i][j] == cost[i - 1][j - 1] + (same ? 0 : 1) {
                if !same { pairs.append((i - 1, j - 1)) }
                i -= 1; j -= 1
            } else if cost[i][j] == cost[i - 1][j] + 1 {
                i -= 1
            } else {
                j -= 1
            }
        }
        return pairs.reversed()
    }

    // MARK: - Names

    func names(used: inout Set<Int>) -> [(Field, Outcome)] {
        let name = document.name
        let parts: [(label: String, components: [String], caption: VisualZoneCaption)] = [
            ("surname", name.primaryIdentifier, .surname), ("given names", name.secondaryIdentifier, .givenNames),
        ].filter { !$0.components.isEmpty }
        let candidates = values.indices.filter { !used.contains($0) && VisualZoneNames.looksLikeName(values[$0].text.text) }
        // The name is possibly truncated only at its end: the given names (or a surname without them).
        func truncated(_ part: Int) -> Bool { name.possiblyTruncated && part == parts.count - 1 }
        var outcomes: [Outcome] = parts.indices.map { part in
            let mrz = parts[part].components.joined(separator: " ")
            if let index = candidates.first(where: {
                VisualZoneNames.compare(values[$0].text, components: parts[part].components, possiblyTruncated: truncated(part)) == .same
            }) {
                return Outcome(kind: .confirmed, value: index, printed: printed(index), machineReadable: mrz, part: parts[part].label)
            }
            return Outcome(kind: .notFound, machineReadable: mrz, part: parts[part].label)
        }
        for outcome in outcomes { if let value = outcome.value { used.insert(value) } }
        for part in parts.indices where outcomes[part].kind == .notFound {
            let mrz = outcomes[part].machineReadable
            func judged(_ index: Int, severity: Severity, basis: String) -> Outcome {
                let agreement = VisualZoneNames.compare(values[index].text, components: parts[part].components, possiblyTruncated: truncated(part))
                return Outcome(kind: agreement == .different ? .contradicted(severity) : .uncertain, value: index,
                               printed: printed(index), machineReadable: mrz, basis: basis, part: parts[part].label)
            }
            if let index = candidates.first(where: { !used.contains($0) && scan.caption(of: $0).caption == parts[part].caption }) {
                used.insert(index)
                outcomes[part] = judged(index, severity: .fail, basis: "caption '\(scan.caption(of: index).text)'")
                continue
            }
            // No caption names it: the surname's value is printed above the given names' (and the given names'
            // below the surname's) when the other one was found, and its own caption could not be read.
            let other = parts.count == 2 ? 1 - part : nil
            if let other, outcomes[other].kind == .confirmed, let anchor = outcomes[other].value,
               let index = scan.neighbour(of: anchor, above: parts[part].caption == .surname),
               !used.contains(index), candidates.contains(index), scan.caption(of: index).caption == nil {
                used.insert(index)
                outcomes[part] = judged(index, severity: .warn, basis: "printed \(parts[part].caption == .surname ? "above" : "below") the \(parts[other].label)")
            }
        }
        return outcomes.map { (.name, $0) }
    }

    // MARK: - Sex

    /// The letter the visual zone prints for the MRZ's sex: `F`, `M`, and `X` where the MRZ has `<` (Doc 9303
    /// Part 4 note p: "an X in this field in the VIZ").
    static func printedSex(_ mrz: String) -> Character? {
        switch mrz {
        case "F": "F"
        case "M": "M"
        case "<": "X"
        default: nil
        }
    }

    /// `F`, `M` or `X` when the read text is one of them, alone or repeated bilingually (`M/M`).
    static func sexLetter(_ text: String) -> Character? {
        let letters = Set(text.filter { $0 != " " && $0 != "/" })
        guard letters.count == 1, let letter = letters.first, "FMX".contains(letter),
              text.filter({ $0 != " " && $0 != "/" }).count <= 2 else { return nil }
        return letter
    }

    func sex(used: inout Set<Int>) -> Outcome {
        guard let expected = Self.printedSex(document.sex) else { return .notFound }
        let candidates = values.indices.filter { !used.contains($0) && Self.sexLetter(values[$0].text.text) != nil }
        if let index = candidates.first(where: { Self.sexLetter(values[$0].text.text) == expected }) {
            used.insert(index)
            return Outcome(kind: .confirmed, value: index, printed: printed(index), machineReadable: document.sex)
        }
        let placed = candidates.map { ($0, scan.caption(of: $0)) }
        let chosen = placed.first { $0.1.caption == .sex } ?? (placed.count == 1 && placed[0].1.caption == nil ? placed[0] : nil)
        guard let (index, caption) = chosen else { return .notFound }
        used.insert(index)
        let text = values[index].text
        // Without a caption the letter alone says it is the sex: it must be read very surely.
        let captioned = caption.caption == .sex
        let sure = text.characters.indices.contains { offset in
            text.characters[offset].value != " " && text.characters[offset].value != "/" && text.isSure(at: offset, instead: expected)
                && (captioned || text.characters[offset].confidence >= 0.9)
        }
        return Outcome(kind: sure ? .contradicted(caption.caption == .sex ? .fail : .warn) : .uncertain, value: index,
                       printed: printed(index), machineReadable: document.sex,
                       basis: caption.caption == .sex ? "caption '\(caption.text)'" : "the only sex printed")
    }

    // MARK: - Nationality

    /// The country a read text names: a code of the rules (`NLD`, `D`), or a country's name (`NETHERLANDS`).
    func country(in text: String) -> String? {
        let compact = VisualZoneNames.foldedLetters(text).filter { $0 != " " }
        if (1...3).contains(compact.count), compact.allSatisfy(\.isLetter), countries[compact] != nil { return compact }
        let words = VisualZoneNames.foldedLetters(text)
        guard words.count >= 4 else { return nil }
        return countryNames[words]
    }

    func nationality(used: inout Set<Int>) -> Outcome {
        let nationality = document.nationality, issuer = document.issuingState
        guard !nationality.isEmpty else { return .notFound }
        var confirmed: Int?
        var others: [(index: Int, code: String)] = []
        for index in values.indices where !used.contains(index) {
            guard let code = country(in: values[index].text.text) else { continue }
            if code == nationality { confirmed = confirmed ?? index } else if code != issuer { others.append((index, code)) }
        }
        // Another country's code under the nationality caption contradicts the MRZ even when the MRZ's code is
        // printed elsewhere (the issuing State's code is printed too, and is usually the same).
        for other in others {
            let placed = scan.caption(of: other.index)
            guard placed.caption == .nationality else { continue }
            used.insert(other.index)
            let sure = values[other.index].text.meanConfidence >= VisualZoneText.sureConfidence
            return Outcome(kind: sure ? .contradicted(.fail) : .uncertain, value: other.index, printed: printed(other.index),
                           machineReadable: nationality, basis: "caption '\(placed.text)'")
        }
        if let confirmed {
            used.insert(confirmed)
            return Outcome(kind: .confirmed, value: confirmed, printed: printed(confirmed), machineReadable: nationality)
        }
        return .notFound
    }

    private func printed(_ index: Int) -> String { values[index].text.text.trimmingCharacters(in: .whitespaces) }
}
