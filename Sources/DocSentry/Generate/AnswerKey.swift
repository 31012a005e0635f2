import Foundation

/// What a generated image holds and what DocSentry must answer for it, written beside the image as JSON
/// (snake_case keys, sorted).
///
/// `expected_verdict` assumes checkpoint mode, the repository's `Rules/`, the key's `reference_date` and a correct
/// reading of the MRZ as printed. `expected_verdict_with_forensics` is the answer once the visual-zone cross-check
/// and print forensics also run: a visual-zone mismatch or a pasted character cannot be seen in the MRZ text alone.
/// An image whose degradation is extreme is `unreadable` in both.
public struct AnswerKey: Sendable, Equatable, Codable {
    /// Version of this format; bumped when a key is renamed or its meaning changes.
    public var schemaVersion = 1
    /// The image file this key describes.
    public var file: String
    public var seed: UInt64
    public var index: Int
    public var format: MRZFormat
    /// The MRZ exactly as printed, one string a line (for a `non_mrz_characters` forgery, with the character
    /// that does not belong).
    public var mrzLines: [String]
    /// False when the printed lines are not valid MRZ text (a character outside A-Z, 0-9, <).
    public var mrzTextValid: Bool
    /// The field values the MRZ encodes.
    public var fields: AnswerKeyFields
    /// The visual zone as printed. Which of these values the image shows depends on `sides`.
    public var visualZone: VisualZone
    /// The document sides in the image, top to bottom: `data_page` (passports, visas), `front`, `back` (cards;
    /// a TD1 card's MRZ is on the back, Doc 9303 Part 5 §3.1.2).
    public var sides: [String]
    public var forgeries: [ForgeryRecord]
    public var degradations: [DegradationRecord]
    /// The image's resolution after every degradation (pixels per inch of the document).
    public var dpi: Double
    /// The resolution the page was drawn at.
    public var renderedDpi: Int
    public var imageWidth: Int
    public var imageHeight: Int
    /// The MRZ's character cells in image pixels, after every rotation, crop and perspective.
    public var mrzBox: MRZBox
    /// The Doc 9303 geometry the MRZ was drawn to, in millimetres.
    public var mrzGeometry: DocumentGeometry
    public var specimenOverprint: Bool
    public var referenceDate: CalendarDate
    /// The policy mode the expected verdicts assume.
    public var mode: Mode
    /// False when a degradation is extreme: the MRZ cannot be read and DocSentry must say `unreadable`.
    public var readable: Bool
    public var expectedVerdict: Verdict
    /// Rule ids that must fail (with severity fail or warn) when the MRZ is read correctly.
    public var expectedRules: [String]
    public var expectedVerdictWithForensics: Verdict

    /// Reads a key written by `encoded()`.
    public static func decode(_ data: Data) throws -> AnswerKey {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(AnswerKey.self, from: data)
    }

    /// Pretty-printed JSON with sorted snake_case keys and a final newline: the same key gives the same bytes.
    public func encoded() throws(GenerateError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return try encoder.encode(self) + Data("\n".utf8)
        } catch {
            throw .encodingFailed("answer key: \(error)")
        }
    }
}

/// The four corners of the MRZ's character cells in image pixels: top left, top right, bottom right, bottom left
/// of the MRZ as the document reads (after a 180-degree rotation the "top left" corner is at the image's bottom
/// right).
public struct MRZBox: Sendable, Equatable, Codable {
    public var corners: [[Double]]

    /// The axis-aligned rectangle around the corners: x, y, width, height in pixels.
    public var bounds: (x: Double, y: Double, width: Double, height: Double) {
        let xs = corners.map { $0[0] }, ys = corners.map { $0[1] }
        return (xs.min()!, ys.min()!, xs.max()! - xs.min()!, ys.max()! - ys.min()!)
    }
}

/// The MRZ's fields as the answer key records them: values without trailing fillers (`P`, not `P<`; `D`, not
/// `D<<`), a long document number in full, names as printed (after any truncation) split into components.
public struct AnswerKeyFields: Sendable, Equatable, Codable {
    public var documentCode: String
    public var issuingState: String
    public var documentNumber: String
    public var primaryIdentifier: [String]
    public var secondaryIdentifier: [String]
    public var nameTruncated: Bool
    public var nationality: String
    /// `YYMMDD` as printed.
    public var dateOfBirth: String
    /// `F`, `M` or `<`.
    public var sex: String
    /// `YYMMDD` as printed.
    public var dateOfExpiry: String
    /// The optional data the issuer put in (for a long document number, without its continuation).
    public var optionalData: String
    /// TD1 line 2 optional data.
    public var secondOptionalData: String

    public init(_ fields: MRZFields) {
        func trimmed(_ text: String) -> String {
            var value = Substring(text)
            while value.last == "<" { value = value.dropLast() }
            return String(value)
        }
        documentCode = trimmed(fields.documentCode)
        issuingState = trimmed(fields.issuingState)
        documentNumber = fields.documentNumber
        nationality = trimmed(fields.nationality)
        dateOfBirth = fields.dateOfBirth
        sex = fields.sex
        dateOfExpiry = fields.dateOfExpiry
        optionalData = fields.optionalData
        secondOptionalData = fields.optionalData2
        // The name as the composer prints it: cut at the end of the field (Doc 9303 Part 3 §4.6).
        let name = fields.primaryIdentifier.joined(separator: "<")
            + (fields.secondaryIdentifier.isEmpty ? "" : "<<" + fields.secondaryIdentifier.joined(separator: "<"))
        let length = MRZLayout.of(fields.format).spec(.name)!.columns.count
        let printed = String(name.prefix(length))
        nameTruncated = name.count > length
        let parts = printed.components(separatedBy: "<<")
        primaryIdentifier = parts[0].split(separator: "<").map(String.init)
        secondaryIdentifier = parts.count > 1 ? parts[1...].joined(separator: "<").split(separator: "<").map(String.init) : []
    }
}
