/// The values to print in an MRZ, before fillers and check digits.
public struct MRZFields: Sendable, Equatable, Codable {
    public var format: MRZFormat
    /// Two characters, e.g. `P<`, `ID`, `V<`; a single letter is padded with `<`.
    public var documentCode: String
    public var issuingState: String
    public var primaryIdentifier: [String]
    public var secondaryIdentifier: [String]
    public var documentNumber: String
    public var nationality: String
    /// `YYMMDD`; `<` for unknown parts.
    public var dateOfBirth: String
    /// `F`, `M` or `<`.
    public var sex: String
    /// `YYMMDD`.
    public var dateOfExpiry: String
    /// TD1 line 1, TD2, TD3 (personal number) and visas.
    public var optionalData: String
    /// TD1 line 2 only.
    public var optionalData2: String

    public init(format: MRZFormat, documentCode: String, issuingState: String, primaryIdentifier: [String],
                secondaryIdentifier: [String], documentNumber: String, nationality: String, dateOfBirth: String,
                sex: String, dateOfExpiry: String, optionalData: String = "", optionalData2: String = "") {
        self.format = format
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.primaryIdentifier = primaryIdentifier
        self.secondaryIdentifier = secondaryIdentifier
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.dateOfExpiry = dateOfExpiry
        self.optionalData = optionalData
        self.optionalData2 = optionalData2
    }
}

/// Writes MRZ lines from field values, with fillers and every check digit computed: the inverse of the parser.
///
/// Used by the specimen generator and by tests. Document numbers longer than 9 characters on TD1 and TD2 use the
/// long-number scheme of Doc 9303 Part 5/6 note j; names longer than the field are cut at its end (the caller
/// applies Part 3 §4.6 truncation if it wants the standard's shortening).
public enum MRZComposer {
    public static func compose(_ fields: MRZFields) -> [String] {
        let layout = MRZLayout.of(fields.format)
        var lines = (0..<fields.format.lineCount).map { _ in Array(repeating: Character("<"), count: fields.format.lineLength) }

        func put(_ name: MRZFieldName, _ value: String) {
            guard let spec = layout.spec(name) else { return }
            let characters = Array(value.prefix(spec.columns.count))
            for (offset, character) in characters.enumerated() {
                lines[spec.line][spec.columns.lowerBound + offset] = character
            }
        }
        func text(_ spec: MRZFieldSpec) -> String { String(lines[spec.line][spec.columns]) }
        func putDigit(_ name: MRZFieldName, over covered: String) {
            put(name, CheckDigit.character(for: covered).map { String($0) } ?? "<")
        }

        put(.documentCode, fields.documentCode)
        put(.issuingState, fields.issuingState)
        let name = fields.primaryIdentifier.joined(separator: "<")
            + (fields.secondaryIdentifier.isEmpty ? "" : "<<" + fields.secondaryIdentifier.joined(separator: "<"))
        put(.name, name)
        put(.nationality, fields.nationality)
        put(.dateOfBirth, fields.dateOfBirth)
        put(.sex, fields.sex)
        put(.dateOfExpiry, fields.dateOfExpiry)
        put(.optionalData2, fields.optionalData2)

        let isLong = fields.documentNumber.count > 9 && (fields.format == .td1 || fields.format == .td2)
        if isLong {
            let principal = String(fields.documentNumber.prefix(9))
            let continuation = String(fields.documentNumber.dropFirst(9))
            let digit = CheckDigit.character(for: fields.documentNumber).map { String($0) } ?? "<"
            put(.documentNumber, principal)
            put(.documentNumberCheckDigit, "<")
            put(.optionalData, continuation + digit + "<" + fields.optionalData)
        } else {
            put(.documentNumber, fields.documentNumber)
            put(.optionalData, fields.optionalData)
            putDigit(.documentNumberCheckDigit, over: text(layout.spec(.documentNumber)!))
        }
        putDigit(.dateOfBirthCheckDigit, over: text(layout.spec(.dateOfBirth)!))
        putDigit(.dateOfExpiryCheckDigit, over: text(layout.spec(.dateOfExpiry)!))
        if let optional = layout.spec(.optionalData), layout.spec(.optionalDataCheckDigit) != nil {
            // TD3: `<` when the personal number is empty (Doc 9303 Part 4 §4.2.2 allows 0 or <).
            let value = text(optional)
            if value.allSatisfy({ $0 == "<" }) { put(.optionalDataCheckDigit, "<") } else { putDigit(.optionalDataCheckDigit, over: value) }
        }
        if fields.format.hasCompositeCheckDigit {
            let covered = layout.compositeCoverage.map { String(lines[$0.line][$0.columns]) }.joined()
            putDigit(.compositeCheckDigit, over: covered)
        }
        return lines.map { String($0) }
    }
}
