/// How names in national Latin characters are written in the MRZ, which allows only `A-Z` (Doc 9303 Part 3 §6,
/// "Transliteration of multinational Latin-based characters").
public enum Transliteration {
    /// Each national character's MRZ forms, the recommended one first. Where the table gives a choice (`Ä` as
    /// `AE` or `A`, `Ü` as `UE`, `UXX` or `U`), every form is listed.
    public static let latin: [Character: [String]] = [
        "Á": ["A"], "À": ["A"], "Â": ["A"], "Ã": ["A"], "Ä": ["AE", "A"], "Å": ["AA", "A"], "Æ": ["AE"], "Ą": ["A"],
        "Ç": ["C"], "Č": ["C"], "Ć": ["C"], "Đ": ["D"], "Ð": ["D"], "É": ["E"], "È": ["E"], "Ê": ["E"], "Ë": ["E"],
        "Ę": ["E"], "Ě": ["E"], "Ğ": ["G"], "Í": ["I"], "Ì": ["I"], "Î": ["I"], "Ï": ["I"], "İ": ["I"], "Ł": ["L"],
        "Ñ": ["N", "NXX"], "Ń": ["N"], "Ň": ["N"], "Ó": ["O"], "Ò": ["O"], "Ô": ["O"], "Õ": ["O"], "Ö": ["OE", "O"],
        "Ø": ["OE"], "Ő": ["O"], "Œ": ["OE"], "Ř": ["R"], "Š": ["S"], "Ś": ["S"], "Ş": ["S"], "ß": ["SS"], "Þ": ["TH"],
        "Ú": ["U"], "Ù": ["U"], "Û": ["U"], "Ü": ["UE", "UXX", "U"], "Ů": ["U"], "Ű": ["U"], "Ý": ["Y"], "Ÿ": ["Y"],
        "Ž": ["Z"], "Ź": ["Z"], "Ż": ["Z"],
    ]

    /// `name` (upper case) in MRZ letters: each national character in its recommended form, or with `simple` in
    /// its shortest (`Ä` as `A`, as some issuers write it). Other characters are kept.
    public static func machineReadable(_ name: String, simple: Bool = false) -> String {
        String(name.flatMap { character -> [Character] in
            guard let forms = latin[character] else { return [character] }
            return Array(simple ? shortest(forms) : forms[0])
        })
    }

    /// The base letter of a national character (`Ä` is `A`), or the character itself.
    public static func baseLetters(_ character: Character) -> String {
        latin[character].map(shortest) ?? String(character)
    }

    private static func shortest(_ forms: [String]) -> String { forms.min { $0.count < $1.count }! }
}
