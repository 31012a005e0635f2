/// The fields of an MRZ, named as ICAO Doc 9303 names them.
public enum MRZFieldName: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case documentCode = "document_code"
    case issuingState = "issuing_state"
    /// The whole name field: primary identifier, `<<`, secondary identifier (Doc 9303 Part 3 §4.6).
    case name = "name"
    case documentNumber = "document_number"
    case documentNumberCheckDigit = "document_number_check_digit"
    case nationality = "nationality"
    case dateOfBirth = "date_of_birth"
    case dateOfBirthCheckDigit = "date_of_birth_check_digit"
    case sex = "sex"
    case dateOfExpiry = "date_of_expiry"
    case dateOfExpiryCheckDigit = "date_of_expiry_check_digit"
    /// TD1 line 1 positions 16-30; TD2 line 2 29-35; TD3 line 2 29-42 (personal number); MRV line 2 from 29.
    case optionalData = "optional_data"
    /// TD1 line 2 positions 19-29.
    case optionalData2 = "optional_data_2"
    /// TD3 line 2 position 43: check digit over positions 29-42.
    case optionalDataCheckDigit = "optional_data_check_digit"
    case compositeCheckDigit = "composite_check_digit"

    /// The field's name in words, for messages.
    public var description: String {
        switch self {
        case .documentCode: "document code"
        case .issuingState: "issuing state"
        case .name: "name"
        case .documentNumber: "document number"
        case .documentNumberCheckDigit: "document number check digit"
        case .nationality: "nationality"
        case .dateOfBirth: "date of birth"
        case .dateOfBirthCheckDigit: "date of birth check digit"
        case .sex: "sex"
        case .dateOfExpiry: "date of expiry"
        case .dateOfExpiryCheckDigit: "date of expiry check digit"
        case .optionalData: "optional data"
        case .optionalData2: "optional data (line 2)"
        case .optionalDataCheckDigit: "optional data check digit"
        case .compositeCheckDigit: "composite check digit"
        }
    }
}

/// What characters a position may hold, used to validate and to correct OCR confusions.
public enum MRZCharacterClass: String, Codable, Sendable {
    /// `A-Z` or `<` (codes, names).
    case letterOrFiller
    /// `0-9` or `<` (dates: `<` marks an unknown part of a date of birth, Doc 9303 Part 3 §4.8).
    case digitOrFiller
    /// `0-9`, or `<` where the standard allows it (check digits).
    case checkDigit
    /// Any of the 37 characters (document numbers, optional data).
    case any
    /// `F`, `M` or `<` (Doc 9303 Part 4 note p).
    case sex

    /// Whether `character` is allowed by this class.
    public func allows(_ character: Character) -> Bool {
        switch self {
        case .letterOrFiller: MRZCharacter.isLetter(character) || MRZCharacter.isFiller(character)
        case .digitOrFiller, .checkDigit: MRZCharacter.isDigit(character) || MRZCharacter.isFiller(character)
        case .any: MRZCharacter.isValid(character)
        case .sex: character == "F" || character == "M" || character == "<"
        }
    }
}

/// Where one field sits: a line (0-based) and a half-open range of columns (0-based).
public struct MRZFieldSpec: Sendable, Equatable {
    public let name: MRZFieldName
    public let line: Int
    public let columns: Range<Int>
    public let characterClass: MRZCharacterClass
}

/// A run of characters on one line, as a composite check digit covers them.
public struct MRZSpan: Sendable, Equatable {
    public let line: Int
    public let columns: Range<Int>
}

/// A check digit and the field it protects.
public struct MRZCheckDigitSpec: Sendable, Equatable {
    public let checkDigit: MRZFieldName
    public let field: MRZFieldName
}

/// The field table of one format, positions as in ICAO Doc 9303 Parts 4-7 §4.2.2 (0-based here).
public struct MRZLayout: Sendable {
    public let format: MRZFormat
    public let fields: [MRZFieldSpec]
    /// The field check digits of the format (not the composite).
    public let checkDigits: [MRZCheckDigitSpec]
    /// What the composite check digit covers; empty for visas, which have none.
    public let compositeCoverage: [MRZSpan]

    public func spec(_ name: MRZFieldName) -> MRZFieldSpec? { fields.first { $0.name == name } }

    /// The field at `line`, `column` (0-based); nil between fields.
    public func field(line: Int, column: Int) -> MRZFieldSpec? {
        fields.first { $0.line == line && $0.columns.contains(column) }
    }

    /// The class of the character at `line`, `column` (0-based).
    public func characterClass(line: Int, column: Int) -> MRZCharacterClass {
        field(line: line, column: column)?.characterClass ?? .any
    }

    public static func of(_ format: MRZFormat) -> MRZLayout {
        switch format {
        case .td1: td1
        case .td2: td2
        case .td3: td3
        case .mrvA: mrvA
        case .mrvB: mrvB
        }
    }

    private static func field(_ name: MRZFieldName, _ line: Int, _ columns: Range<Int>,
                              _ characterClass: MRZCharacterClass) -> MRZFieldSpec {
        MRZFieldSpec(name: name, line: line, columns: columns, characterClass: characterClass)
    }

    private static let standardCheckDigits = [
        MRZCheckDigitSpec(checkDigit: .documentNumberCheckDigit, field: .documentNumber),
        MRZCheckDigitSpec(checkDigit: .dateOfBirthCheckDigit, field: .dateOfBirth),
        MRZCheckDigitSpec(checkDigit: .dateOfExpiryCheckDigit, field: .dateOfExpiry),
    ]

    /// TD1, Doc 9303 Part 5 §4.2.2. The composite covers line 1 positions 6-30 and line 2 positions 1-7,
    /// 9-15 and 19-29.
    static let td1 = MRZLayout(
        format: .td1,
        fields: [
            field(.documentCode, 0, 0..<2, .letterOrFiller),
            field(.issuingState, 0, 2..<5, .letterOrFiller),
            field(.documentNumber, 0, 5..<14, .any),
            field(.documentNumberCheckDigit, 0, 14..<15, .checkDigit),
            field(.optionalData, 0, 15..<30, .any),
            field(.dateOfBirth, 1, 0..<6, .digitOrFiller),
            field(.dateOfBirthCheckDigit, 1, 6..<7, .checkDigit),
            field(.sex, 1, 7..<8, .sex),
            field(.dateOfExpiry, 1, 8..<14, .digitOrFiller),
            field(.dateOfExpiryCheckDigit, 1, 14..<15, .checkDigit),
            field(.nationality, 1, 15..<18, .letterOrFiller),
            field(.optionalData2, 1, 18..<29, .any),
            field(.compositeCheckDigit, 1, 29..<30, .checkDigit),
            field(.name, 2, 0..<30, .letterOrFiller),
        ],
        checkDigits: standardCheckDigits,
        compositeCoverage: [
            MRZSpan(line: 0, columns: 5..<30), MRZSpan(line: 1, columns: 0..<7),
            MRZSpan(line: 1, columns: 8..<15), MRZSpan(line: 1, columns: 18..<29),
        ])

    /// Line 2 of TD2, TD3 and both visas shares its first 28 positions (Doc 9303 Parts 4, 6, 7 §4.2.2).
    private static func secondLineStart() -> [MRZFieldSpec] {
        [
            field(.documentNumber, 1, 0..<9, .any),
            field(.documentNumberCheckDigit, 1, 9..<10, .checkDigit),
            field(.nationality, 1, 10..<13, .letterOrFiller),
            field(.dateOfBirth, 1, 13..<19, .digitOrFiller),
            field(.dateOfBirthCheckDigit, 1, 19..<20, .checkDigit),
            field(.sex, 1, 20..<21, .sex),
            field(.dateOfExpiry, 1, 21..<27, .digitOrFiller),
            field(.dateOfExpiryCheckDigit, 1, 27..<28, .checkDigit),
        ]
    }

    private static func firstLine(length: Int) -> [MRZFieldSpec] {
        [
            field(.documentCode, 0, 0..<2, .letterOrFiller),
            field(.issuingState, 0, 2..<5, .letterOrFiller),
            field(.name, 0, 5..<length, .letterOrFiller),
        ]
    }

    /// TD2, Doc 9303 Part 6 §4.2.2. The composite covers line 2 positions 1-10, 14-20 and 22-35.
    static let td2 = MRZLayout(
        format: .td2,
        fields: firstLine(length: 36) + secondLineStart() + [
            field(.optionalData, 1, 28..<35, .any),
            field(.compositeCheckDigit, 1, 35..<36, .checkDigit),
        ],
        checkDigits: standardCheckDigits,
        compositeCoverage: [
            MRZSpan(line: 1, columns: 0..<10), MRZSpan(line: 1, columns: 13..<20), MRZSpan(line: 1, columns: 21..<35),
        ])

    /// TD3, Doc 9303 Part 4 §4.2.2. The composite covers line 2 positions 1-10, 14-20 and 22-43.
    static let td3 = MRZLayout(
        format: .td3,
        fields: firstLine(length: 44) + secondLineStart() + [
            field(.optionalData, 1, 28..<42, .any),
            field(.optionalDataCheckDigit, 1, 42..<43, .checkDigit),
            field(.compositeCheckDigit, 1, 43..<44, .checkDigit),
        ],
        checkDigits: standardCheckDigits + [
            MRZCheckDigitSpec(checkDigit: .optionalDataCheckDigit, field: .optionalData)
        ],
        compositeCoverage: [
            MRZSpan(line: 1, columns: 0..<10), MRZSpan(line: 1, columns: 13..<20), MRZSpan(line: 1, columns: 21..<43),
        ])

    /// MRV-A, Doc 9303 Part 7 §4.2.2: optional data 29-44, no composite check digit.
    static let mrvA = MRZLayout(
        format: .mrvA,
        fields: firstLine(length: 44) + secondLineStart() + [field(.optionalData, 1, 28..<44, .any)],
        checkDigits: standardCheckDigits,
        compositeCoverage: [])

    /// MRV-B, Doc 9303 Part 7 §7.2.2: optional data 29-36, no composite check digit.
    static let mrvB = MRZLayout(
        format: .mrvB,
        fields: firstLine(length: 36) + secondLineStart() + [field(.optionalData, 1, 28..<36, .any)],
        checkDigits: standardCheckDigits,
        compositeCoverage: [])
}
