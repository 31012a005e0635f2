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
        (.givenNames, ["GIVEN", "PRENOM", "VORNAME", "NOMBRE", "FORENAME", "FIRST NAME", "VOORNAM", "ETUNIMI", "FORNAVN"]),
        (.dateOfBirth, ["BIRTH", "NAISSANCE", "GEBURT", "NACIMIENTO", "NASCITA", "NASCIMENTO", "GEBOORTE", "SYNTYMA", "FODSEL"]),
        (.dateOfExpiry, ["EXPIR", "UNTIL", "JUSQU", "GULTIG BIS", "CADUCIDAD", "SCADENZA", "VALIDADE", "GELDIG TOT", "VERVAL", "VOIMASSA"]),
        (.dateOfIssue, ["ISSUE", "DELIVRANCE", "AUSSTELLUNG", "EXPEDICION", "RILASCIO", "EMISSAO", "AFGIFTE", "VALID FROM", "FROM"]),
        (.personalNumber, ["PERSONAL", "PERSONNEL", "PERSONEN", "IDENTIFICATION NUMBER"]),
        (.sex, ["SEX", "GESCHLECHT", "SESSO", "GESLACHT", "KJONN", "KON"]),
        (.nationality, ["NATIONAL", "STAATSANGEH", "NACIONALIDAD", "CITTADINANZA", "CITIZENSHIP"]),
        (.surname, ["SURNAME", "FAMILY NAME", "NACHNAME", "FAMILIENNAME", "APELLIDO", "COGNOME", "ACHTERNAAM", "SUKUNIMI", "NOM", "NAME"]),
        (.documentNumber, ["PASSPORT NO", "DOCUMENT NO", "VISA NO", "CARD NO", "NUMBER", "NUMERO", "NUMMER", "NO", "N°"]),
        (.other, ["TYPE", "CODE", "SIGNATURE", "ENTRIES", "REMARKS", "OBSERVATIONS"]),
    ]

    /// The field a caption names, or nil when it says nothing recognisable (a misread caption).
    ///
    /// A key of four letters or more is found anywhere in the caption's letters (small print is read with spaces
    /// in words and without them between words: `G iven names`, `Typeof visa`); a shorter one only as a whole word
    /// (`NOM` is not in `PRENOMS`). A key word of five letters or more also matches at one letter's distance.
    static func of(_ caption: String) -> VisualZoneCaption? {
        let folded = VisualZoneNames.foldedLetters(caption.replacingOccurrences(of: "º", with: "°"))
        let words = folded.split(whereSeparator: { !$0.isLetter && $0 != "°" }).map(String.init)
        guard !words.isEmpty else { return nil }
        let letters = String(folded.filter(\.isLetter))
        for (caption, keys) in keyWords {
            for key in keys {
                let keyLetters = key.filter(\.isLetter)
                if keyLetters.count >= 4, letters.contains(keyLetters) { return caption }
                if contains(words, key.split(separator: " ").map(String.init)) { return caption }
            }
        }
        return nil
    }

    /// Whether `words` holds `key` as consecutive words, each equal or (from five letters, as a prefix of the
    /// word for stems such as `PRENOM`) within one letter.
    private static func contains(_ words: [String], _ key: [String]) -> Bool {
        guard key.count <= words.count else { return false }
        for start in 0...(words.count - key.count) {
            if zip(words[start..<(start + key.count)], key).allSatisfy({ matches($0, $1) }) { return true }
        }
        return false
    }

    private static func matches(_ word: String, _ key: String) -> Bool {
        if word == key { return true }
        guard key.count >= 4 else { return false }
        if word.hasPrefix(key) { return true }
        guard key.count >= 5 else { return false }
        let stem = String(word.prefix(key.count))
        return stem.count == key.count && PrintedDates.hammingDistance(stem, key) <= 1
    }
}
