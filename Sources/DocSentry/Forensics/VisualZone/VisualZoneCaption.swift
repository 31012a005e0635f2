/// What a field's caption says the field is (`Date of birth / Date de naissance` is a date of birth), from key
/// words of the captions of Doc 9303 Parts 4-7 §4.1.1 in the languages documents print them in.
enum VisualZoneCaption: String, Sendable, Equatable {
    case surname, givenNames, documentNumber, personalNumber, dateOfBirth, dateOfExpiry, dateOfIssue, sex, nationality
    /// A caption of another field (place of birth, authority, type, ...).
    case other

    /// Key words, upper case without accents, in the order they are tried: `PLACE OF BIRTH` before `BIRTH`,
    /// `PRENOMS` before `NOM`, `PERSONAL NO` before `NO`.
    static let keyWords: [(VisualZoneCaption, [String])] = [
        (.other, ["PLACE", "LIEU", "LUGAR", "LUOGO", "GEBURTSORT", "AUTHORITY", "AUTORITE"]),
        (.givenNames, ["GIVEN NAMES", "PRENOMS", "VORNAMEN", "NOMBRES", "FORENAMES", "FIRST NAME", "VOORNAMEN", "ETUNIMET", "FORNAVN"]),
        (.dateOfBirth, ["DATE OF BIRTH", "BIRTH", "NAISSANCE", "GEBURT", "NACIMIENTO", "NASCITA", "NASCIMENTO", "GEBOORTE", "SYNTYMA", "FODSEL"]),
        (.dateOfExpiry, ["DATE OF EXPIRY", "EXPIRATION", "EXPIRY", "VALID UNTIL", "UNTIL", "JUSQU", "GULTIG BIS", "CADUCIDAD", "SCADENZA",
                         "VALIDADE", "GELDIG TOT", "VERVAL", "VOIMASSA"]),
        (.dateOfIssue, ["DATE OF ISSUE", "ISSUE", "DELIVRANCE", "AUSSTELLUNG", "EXPEDICION", "RILASCIO", "EMISSAO", "AFGIFTE",
                        "VALID FROM"]),
        (.personalNumber, ["PERSONAL NO", "PERSONNEL", "PERSONAL", "PERSONENNUMMER", "IDENTIFICATION NUMBER"]),
        (.sex, ["SEXE", "SEX", "GESCHLECHT", "SESSO", "GESLACHT", "KJONN", "KON"]),
        (.nationality, ["NATIONALITY", "NATIONALITE", "NATIONALITEIT", "STAATSANGEHORIGKEIT", "NACIONALIDAD", "CITTADINANZA", "CITIZENSHIP"]),
        (.surname, ["SURNAME", "FAMILY NAME", "NACHNAME", "FAMILIENNAME", "APELLIDOS", "COGNOME", "ACHTERNAAM", "SUKUNIMI", "NOM", "NAME"]),
        (.documentNumber, ["PASSPORT NO", "DOCUMENT NO", "VISA NO", "CARD NO", "PASSEPORT", "NUMBER", "NUMERO", "NUMMER", "NO", "N°"]),
        (.other, ["TYPE", "CODE", "SIGNATURE", "ENTRIES", "REMARKS", "OBSERVATIONS"]),
    ]

    /// The field a caption names, or nil when it says nothing recognisable (a misread caption).
    ///
    /// Small print is read with slips, with spaces inside words and without them between words (`G iven names`,
    /// `Natconeity`), so a key is looked for in the caption's letters run together, allowing one slip in four
    /// letters for keys of eight letters or more and one for keys of five to seven; keys of four letters or fewer
    /// must be exact, and keys of three or fewer whole words (`NOM` is not in `PRENOMS`). An exact key wins in
    /// the order above; otherwise the closest.
    static func of(_ caption: String) -> VisualZoneCaption? {
        let folded = VisualZoneNames.foldedLetters(caption.replacingOccurrences(of: "º", with: "°"))
        let words = folded.split(whereSeparator: { !$0.isLetter && $0 != "°" }).map(String.init)
        guard !words.isEmpty else { return nil }
        let letters = Array(folded.filter(\.isLetter))
        var closest: (caption: VisualZoneCaption, ratio: Double)?
        for (caption, keys) in keyWords {
            for key in keys {
                let keyLetters = Array(key.filter(\.isLetter))
                if keyLetters.count <= 3 {
                    if words.contains(key) { return caption }
                    continue
                }
                let errors = approximateDistance(of: keyLetters, in: letters)
                if errors == 0 { return caption }
                let allowed = keyLetters.count >= 8 ? keyLetters.count / 4 : (keyLetters.count >= 5 ? 1 : 0)
                let ratio = Double(errors) / Double(keyLetters.count)
                if errors <= allowed, closest == nil || ratio < closest!.ratio { closest = (caption, ratio) }
            }
        }
        return closest?.caption
    }

    /// The fewest edits that make `key` a substring of `text` (Sellers' approximate matching).
    static func approximateDistance(of key: [Character], in text: [Character]) -> Int {
        guard !key.isEmpty else { return 0 }
        guard !text.isEmpty else { return key.count }
        // Row i: the fewest edits matching key[0..<i] ending at each text position (free start anywhere).
        var previous = [Int](repeating: 0, count: text.count + 1)
        var current = previous
        for i in 1...key.count {
            current[0] = i
            for j in 1...text.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (key[i - 1] == text[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous.min()!
    }
}
