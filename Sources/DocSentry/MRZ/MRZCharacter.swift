/// The 37 characters an MRZ may hold, classified by explicit ASCII ranges.
///
/// ICAO Doc 9303 Part 3 §4.3-4.4: only `0-9`, `A-Z` and the filler `<`. Ranges are ASCII-exact on purpose:
/// `Character.isLetter` would also accept `Ä` or Arabic-Indic digits, which are never valid here.
public enum MRZCharacter {
    /// The filler character.
    public static let filler: Character = "<"

    /// All 37 characters, in the order digits, letters, filler.
    public static let alphabet: String = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"

    public static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }

    public static func isLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 0x41 && ascii <= 0x5A
    }

    public static func isFiller(_ character: Character) -> Bool { character == filler }

    /// Whether `character` is one of the 37 MRZ characters.
    public static func isValid(_ character: Character) -> Bool {
        isDigit(character) || isLetter(character) || isFiller(character)
    }

    /// The letters OCR-B prints almost like digits, with those digits: `O` and `0`, `I` and `1`.
    public static let digitTwins: [Character: Character] = ["O": "0", "I": "1"]

    /// `text` with the letters of `digitTwins` folded onto their digits, for comparing a number that was read
    /// from print with a listed one: `F0000000O` and `FOOOOOOOO` fold alike.
    public static func foldingLookAlikes(_ text: String) -> String {
        String(text.map { digitTwins[$0] ?? $0 })
    }

    /// `text` without its trailing fillers: `D<<` is `D`, `L898902C<` is `L898902C`.
    public static func withoutTrailingFillers(_ text: some StringProtocol) -> String {
        var trimmed = Substring(text)
        while trimmed.last == filler { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// The value a character has in a check-digit computation: digits 0-9, `A`=10 ... `Z`=35, `<`=0.
    ///
    /// ICAO Doc 9303 Part 3 §4.9. Returns nil for characters outside the MRZ alphabet.
    public static func checkValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case 0x30...0x39: return Int(ascii - 0x30)
        case 0x41...0x5A: return Int(ascii - 0x41) + 10
        case 0x3C: return 0
        default: return nil
        }
    }
}
