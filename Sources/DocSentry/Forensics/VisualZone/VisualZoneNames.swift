/// Names as the visual zone prints them against the MRZ's name components.
///
/// The VIZ prints a name in its national characters (`MÜLLER`, `BJØRNSTAD`, `D'AMBROSIO`, `ANNE-MARIE`); the MRZ
/// holds its transliteration (Doc 9303 Part 3 §6, Latin characters: `Ü` is `UE`, or `U`; `Ø` is `OE`), without
/// apostrophes, with `<` for spaces and hyphens (Part 3 §4.6), and possibly truncated (Part 4 §4.2.3).
enum VisualZoneNames {
    /// Digits OCR gives for letters in a name (`SAT0`).
    static let letterLookAlikes: [Character: Character] = ["0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"]

    /// Upper-case letters of `text` with accents removed (for month names and captions): `Août` is `AOUT`.
    static func foldedLetters(_ text: String) -> String {
        String(text.uppercased().flatMap { character -> [Character] in
            if character.isASCII { return [character] }
            return Array(Transliteration.baseLetters(character))
        })
    }

    /// The MRZ forms a printed name may take: upper case, apostrophes dropped, spaces, hyphens and commas as `<`
    /// (one per break), each national character in each of its transliterations (at most `limit` forms).
    static func machineReadableForms(of printed: String, limit: Int = 32) -> [String] {
        var forms = [""]
        var lastWasBreak = true
        for character in printed.uppercased() {
            if character == "'" || character == "’" || character == "`" { continue }
            if character == " " || character == "-" || character == "," || character == "<" {
                if !lastWasBreak { forms = forms.map { $0 + "<" } }
                lastWasBreak = true
                continue
            }
            lastWasBreak = false
            if let options = Transliteration.latin[character] {
                let allowed = forms.count * options.count <= limit ? options : [options[0]]
                forms = forms.flatMap { form in allowed.map { form + $0 } }
            } else if let letter = letterLookAlikes[character] {
                forms = forms.map { $0 + String(letter) }
            } else if character.isLetter {
                forms = forms.map { $0 + String(character) }
            }
        }
        return forms.map { $0.hasSuffix("<") ? String($0.dropLast()) : $0 }
    }

    /// The fewest edits from any MRZ form of `printed` to the MRZ's `components` (joined by `<`). When the MRZ
    /// name may be truncated, a printed name may run on beyond it.
    static func distance(printed: String, components: [String], possiblyTruncated: Bool) -> Int {
        let target = components.joined(separator: "<")
        var best = Int.max
        for form in machineReadableForms(of: printed) {
            best = min(best, levenshtein(form, target))
            if possiblyTruncated, form.count > target.count {
                best = min(best, levenshtein(String(form.prefix(target.count)), target))
            }
        }
        return best
    }

    /// Whether a printed name is the MRZ's `components`: the same when at most one letter in six differs (OCR
    /// slips); different when it is another name; otherwise uncertain.
    static func compare(_ read: VisualZoneText, components: [String], possiblyTruncated: Bool) -> VisualZoneAgreement {
        let target = components.joined(separator: "<")
        guard !target.isEmpty else { return .uncertain }
        let distance = distance(printed: read.text, components: components, possiblyTruncated: possiblyTruncated)
        if distance <= target.count / 6 { return .same }
        // Part of the name (print cut by blur or noise into pieces: `VA`, `SCMU` of `SCHUURMANS`) is no other name.
        let forms = machineReadableForms(of: read.text)
        let characters = Array(target)
        if forms.contains(where: { form in
            form.count + 2 <= target.count
                && VisualZoneCaption.approximateDistance(of: Array(form), in: characters) <= max(form.count < 3 ? 0 : 1, form.count / 4)
        }) { return .uncertain }
        // Another name: at least half its letters differ, read confidently and without digits (a garbled read of
        // the right name, `KE0PELEX` for `KENJI FELIX`, differs by fewer and carries look-alike digits).
        let longest = max(target.count, forms.map(\.count).max() ?? 0)
        if distance >= max(3, (longest + 1) / 2), !read.text.contains(where: \.isNumber), read.isComplete,
           read.meanConfidence >= VisualZoneText.sureConfidence { return .different }
        return .uncertain
    }

    /// Whether read text looks like a name: letters (national ones included), spaces, hyphens and apostrophes,
    /// at least two letters and at most one digit (an OCR slip).
    static func looksLikeName(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter).count
        let digits = text.filter(\.isNumber).count
        let others = text.filter { !$0.isLetter && !$0.isNumber && !" -'’".contains($0) }.count
        return letters >= 2 && digits <= 1 && others == 0
    }

    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
