/// Characters OCR-B prints alike, which the engines take for one another (domain notes §2.1; PassportEye's class
/// masks): the tables the passes draw their candidates from.
enum LookAlikes {
    /// Pairs so alike that the engine's confidence does not settle them (`MRZCharacter.digitTwins`, both ways):
    /// letters are common inside document numbers (real-scans.md: `K682T8YLO` ends in a letter O), so the check
    /// digit decides, even when the engine was sure.
    static let twins: [Character: Character] = MRZCharacter.digitTwins.reduce(into: [:]) { table, twin in
        table[twin.key] = twin.value
        table[twin.value] = twin.key
    }

    /// The letter a digit is mistaken for.
    static let letterForDigit: [Character: Character] = ["0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "8": "B", "7": "T"]

    /// The digit a letter is mistaken for.
    static let digitForLetter: [Character: Character] = [
        "O": "0", "Q": "0", "D": "0", "U": "0", "C": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6", "B": "8",
        "T": "7", "A": "4", "E": "8",
    ]

    /// Letters OCR-B prints alike, for the country-code search.
    static let letters: [Character: String] = [
        "O": "DQCGU", "D": "OB", "Q": "O", "C": "GO", "G": "CO", "U": "OV", "I": "LTJ", "L": "I", "T": "IY", "J": "I",
        "B": "ERD", "E": "FB", "F": "EP", "P": "FR", "R": "BP", "M": "NHW", "N": "MHW", "H": "NM", "V": "UY", "Y": "VT",
        "K": "X", "X": "K", "W": "NM",
    ]

    /// Pairs the engine confuses, tried by the check-digit search in both directions (but never a digit to a letter).
    static let confusable: [Character: [Character]] = {
        let pairs: [(Character, Character)] = [("0", "O"), ("0", "D"), ("0", "Q"), ("0", "U"), ("1", "I"), ("1", "L"),
                                               ("2", "Z"), ("5", "S"), ("6", "G"), ("8", "B"), ("7", "T"), ("4", "A"),
                                               ("<", "K"), ("3", "8"), ("6", "8"), ("9", "8"), ("5", "6"), ("1", "7"),
                                               ("0", "8"), ("0", "9"), ("B", "D"), ("C", "G"), ("M", "N"), ("E", "F"), ("H", "N")]
        var table: [Character: [Character]] = [:]
        for (a, b) in pairs {
            table[a, default: []].append(b)
            table[b, default: []].append(a)
        }
        return table
    }()

    /// Letters that engines make of a filler cell (the stock model on the bench set: K, E, S, X, C, O, G). Other
    /// letters (A, R...) can correlate with a blurred filler's ink but were never one: only these are taken for
    /// fillers by their shape.
    static let ofFiller: Set<Character> = ["K", "E", "C", "S", "X", "O", "G", "L", "Z"]
}
