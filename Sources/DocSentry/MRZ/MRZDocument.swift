/// One field as printed: its characters (fillers included) and where they sit.
public struct MRZField: Sendable, Equatable, Codable {
    public let name: MRZFieldName
    /// The characters as printed, fillers included.
    public let raw: String
    /// 1-based line of the MRZ.
    public let line: Int
    /// 1-based column of the first character.
    public let column: Int

    /// The characters without trailing fillers: `D<<` is `D`, `L898902C<` is `L898902C`.
    public var value: String { MRZCharacter.withoutTrailingFillers(raw) }

    /// The 1-based columns the field covers.
    public var columns: ClosedRange<Int> { column...(column + raw.count - 1) }
}

/// A document number longer than 9 characters, continued in the optional data.
///
/// ICAO Doc 9303 Part 5 §4.2.4 note j (TD1) and Part 6 note j (TD2): the 9 principal characters stand in the
/// number field, the number's check-digit position holds `<`, and the rest of the number follows at the start
/// of the optional data, then its check digit, then `<`.
public struct LongDocumentNumber: Sendable, Equatable, Codable {
    /// The characters after the 9 principal ones.
    public let continuation: String
    /// The check digit over the principal characters and the continuation.
    public let checkDigit: String
    /// 1-based line and column of that check digit.
    public let checkDigitLine: Int
    public let checkDigitColumn: Int

    public init(continuation: String, checkDigit: String, checkDigitLine: Int, checkDigitColumn: Int) {
        self.continuation = continuation
        self.checkDigit = checkDigit
        self.checkDigitLine = checkDigitLine
        self.checkDigitColumn = checkDigitColumn
    }
}

/// Primary and secondary identifiers (Doc 9303 Part 3 §4.6).
public struct MRZName: Sendable, Equatable, Codable {
    /// Name components of the primary identifier (surname), in order.
    public let primaryIdentifier: [String]
    /// Name components of the secondary identifier (given names), in order.
    public let secondaryIdentifier: [String]
    /// True when the field's last character is a letter: Doc 9303 Part 4 §4.2.3.4 says the name may then have
    /// been truncated, even when it was not.
    public let possiblyTruncated: Bool

    /// Parses a name field: `ERIKSSON<<ANNA<MARIA<<<` is primary [ERIKSSON], secondary [ANNA, MARIA].
    public init(field: String) {
        var trimmed = Substring(field)
        while trimmed.last == "<" { trimmed = trimmed.dropLast() }
        let primary: Substring
        let secondary: Substring
        if let separator = trimmed.range(of: "<<") {
            primary = trimmed[..<separator.lowerBound]
            secondary = trimmed[separator.upperBound...]
        } else {
            primary = trimmed
            secondary = ""
        }
        primaryIdentifier = primary.split(separator: "<", omittingEmptySubsequences: true).map(String.init)
        secondaryIdentifier = secondary.split(separator: "<", omittingEmptySubsequences: true).map(String.init)
        possiblyTruncated = field.last.map(MRZCharacter.isLetter) ?? false
    }

    /// Primary identifier components joined by spaces.
    public var surname: String { primaryIdentifier.joined(separator: " ") }
    /// Secondary identifier components joined by spaces.
    public var givenNames: String { secondaryIdentifier.joined(separator: " ") }
}

/// An MRZ split into its fields, as printed: no validation, no correction.
public struct MRZDocument: Sendable, Equatable, Codable {
    public let format: MRZFormat
    public let lines: [String]
    public let fields: [MRZField]
    public let name: MRZName
    /// Set when a TD1 or TD2 number overflows into the optional data.
    public let longDocumentNumber: LongDocumentNumber?

    public subscript(_ name: MRZFieldName) -> MRZField? { fields.first { $0.name == name } }

    /// The two-character document code, fillers included (`P<`, `ID`, `V<`).
    public var documentCode: String { self[.documentCode]?.raw ?? "" }
    /// The issuing state or organisation without fillers (`D`, `UTO`).
    public var issuingState: String { self[.issuingState]?.value ?? "" }
    /// The nationality without fillers.
    public var nationality: String { self[.nationality]?.value ?? "" }
    /// The whole document number: principal characters plus any continuation, without fillers.
    public var documentNumber: String {
        let principal = self[.documentNumber]?.raw ?? ""
        guard let long = longDocumentNumber else { return self[.documentNumber]?.value ?? "" }
        return principal + long.continuation
    }
    /// `F`, `M` or `<` when printed correctly.
    public var sex: String { self[.sex]?.raw ?? "" }
}

/// Splits MRZ text into the fields of its format.
public enum MRZParser {
    /// Parses text already checked for shape and alphabet; cannot fail.
    public static func parse(_ text: MRZText) -> MRZDocument {
        let layout = MRZLayout.of(text.format)
        let fields = layout.fields.map { spec in
            MRZField(name: spec.name, raw: text.substring(line: spec.line, columns: spec.columns),
                     line: spec.line + 1, column: spec.columns.lowerBound + 1)
        }
        let nameField = fields.first { $0.name == .name }?.raw ?? ""
        return MRZDocument(format: text.format, lines: text.lines, fields: fields,
                           name: MRZName(field: nameField), longDocumentNumber: longNumber(text, layout))
    }

    /// Parses MRZ text as a swipe reader sends it.
    public static func parse(reading text: String) throws(MRZTextError) -> MRZDocument {
        parse(try MRZText(reading: text))
    }

    /// The TD1/TD2 long-number scheme: `<` in the number's check-digit position and a run of at least two
    /// characters at the start of the optional data, the last of which is the check digit.
    private static func longNumber(_ text: MRZText, _ layout: MRZLayout) -> LongDocumentNumber? {
        guard text.format == .td1 || text.format == .td2,
            let checkSpec = layout.spec(.documentNumberCheckDigit),
            let optionalSpec = layout.spec(.optionalData),
            text.character(line: checkSpec.line, column: checkSpec.columns.lowerBound) == "<"
        else { return nil }
        let optional = text.substring(line: optionalSpec.line, columns: optionalSpec.columns)
        let run = optional.prefix { $0 != "<" }
        guard run.count >= 2, let checkDigit = run.last else { return nil }
        return LongDocumentNumber(
            continuation: String(run.dropLast()), checkDigit: String(checkDigit),
            checkDigitLine: optionalSpec.line + 1,
            checkDigitColumn: optionalSpec.columns.lowerBound + run.count)
    }
}
