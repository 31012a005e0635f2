/// The five machine-readable-zone layouts of ICAO Doc 9303.
///
/// The format follows from the number and length of the lines and, for 2x44 and 2x36, from the first
/// character of the document code: `V` marks a visa (Part 7), anything else a passport (Part 4) or a
/// card (Part 6).
public enum MRZFormat: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Three lines of 30: identity cards (Doc 9303 Part 5).
    case td1 = "TD1"
    /// Two lines of 36: official travel documents of size 2 (Doc 9303 Part 6).
    case td2 = "TD2"
    /// Two lines of 44: passports (Doc 9303 Part 4).
    case td3 = "TD3"
    /// Two lines of 44: visas of format A (Doc 9303 Part 7 §4).
    case mrvA = "MRVA"
    /// Two lines of 36: visas of format B (Doc 9303 Part 7 §7).
    case mrvB = "MRVB"

    /// Number of lines in the MRZ.
    public var lineCount: Int { self == .td1 ? 3 : 2 }

    /// Number of characters in every line.
    public var lineLength: Int {
        switch self {
        case .td1: 30
        case .td2, .mrvB: 36
        case .td3, .mrvA: 44
        }
    }

    /// Whether line 2 ends in a composite check digit (visas have none: Doc 9303 Part 7 §4.2.2).
    public var hasCompositeCheckDigit: Bool { self != .mrvA && self != .mrvB }

    /// Whether the format is a visa.
    public var isVisa: Bool { self == .mrvA || self == .mrvB }

    /// The letters a document code of this format may begin with: `P` for passports (Doc 9303 Part 4 §4.2.2),
    /// `V` for visas (Part 7), `A`, `C` or `I` for cards (Parts 5 and 6).
    public var documentCodeFirstLetters: Set<Character> {
        switch self {
        case .td3: ["P"]
        case .mrvA, .mrvB: ["V"]
        case .td1, .td2: ["A", "C", "I"]
        }
    }

    /// The letters a document code may begin with on lines of this format's count and length, whatever format
    /// they turn out to be (2x44: `P` or `V`; 2x36: `A`, `C`, `I` or `V`; 3x30: `A`, `C` or `I`): the first letter
    /// is what tells them apart (`detect(lineLengths:firstCharacter:)`).
    public var documentCodeFirstLettersOfItsLines: Set<Character> {
        MRZFormat.allCases.filter { $0.lineCount == lineCount && $0.lineLength == lineLength }
            .reduce(into: Set<Character>()) { $0.formUnion($1.documentCodeFirstLetters) }
    }

    public var description: String {
        switch self {
        case .td1: "TD1"
        case .td2: "TD2"
        case .td3: "TD3"
        case .mrvA: "MRV-A"
        case .mrvB: "MRV-B"
        }
    }

    /// Accepts the spellings people use: `TD1`, `td3`, `MRVA`, `MRV-A`, `mrv_b`.
    public init?(name: String) {
        let key = name.uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        guard let format = MRZFormat(rawValue: key) else { return nil }
        self = format
    }

    /// The format that `lines` have, or nil when no ICAO format has that shape.
    ///
    /// 3x30 is TD1; 2x44 is MRV-A when the document code starts with `V`, else TD3; 2x36 is MRV-B when it
    /// starts with `V`, else TD2.
    public static func detect(lineLengths: [Int], firstCharacter: Character?) -> MRZFormat? {
        let isVisa = firstCharacter == "V"
        switch lineLengths {
        case [30, 30, 30]: return .td1
        case [44, 44]: return isVisa ? .mrvA : .td3
        case [36, 36]: return isVisa ? .mrvB : .td2
        default: return nil
        }
    }
}
