/// The fields of a parsed document as the report shows them.
public struct DocumentSummary: Sendable, Codable, Equatable {
    /// One field: the characters printed and where.
    public struct PrintedField: Sendable, Codable, Equatable {
        public let printed: String
        public let value: String
        public let line: Int
        public let column: Int
    }

    public let format: MRZFormat
    public let documentCode: String
    public let issuingState: String
    public let documentNumber: String
    public let nationality: String
    public let sex: String
    public let surname: String
    public let givenNames: String
    public let namePossiblyTruncated: Bool
    /// Resolved dates (`YYYY-MM-DD`), nil when unknown or impossible.
    public let dateOfBirth: String?
    public let dateOfExpiry: String?
    public let fields: [String: PrintedField]

    public init(_ document: MRZDocument, dateOfBirth: CalendarDate?, dateOfExpiry: CalendarDate?) {
        format = document.format
        documentCode = document.documentCode
        issuingState = document.issuingState
        documentNumber = document.documentNumber
        nationality = document.nationality
        sex = document.sex
        surname = document.name.surname
        givenNames = document.name.givenNames
        namePossiblyTruncated = document.name.possiblyTruncated
        self.dateOfBirth = dateOfBirth?.description
        self.dateOfExpiry = dateOfExpiry?.description
        var fields: [String: PrintedField] = [:]
        for field in document.fields {
            fields[field.name.rawValue] = PrintedField(printed: field.raw, value: field.value, line: field.line, column: field.column)
        }
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case format, sex, surname, nationality, fields
        case documentCode = "document_code"
        case issuingState = "issuing_state"
        case documentNumber = "document_number"
        case givenNames = "given_names"
        case namePossiblyTruncated = "name_possibly_truncated"
        case dateOfBirth = "date_of_birth"
        case dateOfExpiry = "date_of_expiry"
    }
}

/// Everything DocSentry says about one input: the JSON object of `--format json` (schema in docs/json-report.md).
///
/// `schema_version` changes only when a field changes meaning or disappears; new fields may be added.
public struct Report: Sendable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int = Report.currentSchemaVersion
    /// The input: a file path, `-` for standard input, or `mrz` for `--mrz`.
    public var file: String
    public var verdict: Verdict
    /// Why no MRZ could be read, for `unreadable`.
    public var reason: String?
    public var mode: Mode
    public var referenceDate: CalendarDate
    /// The MRZ lines as read (after correction, for images).
    public var mrz: [String]?
    public var document: DocumentSummary?
    public var checks: [Check]
    public var findings: [Finding]
    /// Milliseconds per stage.
    public var timingsMs: [String: Double]
    /// True when personal data was masked (`--redact`).
    public var redacted: Bool = false
    /// For images: the picture and where the MRZ was found.
    public var image: ImageDetails?
    /// For images: what the OCR engine read, its confidence per character, and every correction.
    public var ocr: OCRDetails?
    /// What made the report (`docsentry --version`, the rules folder's digest, for scans the OCR model), so that
    /// a verdict can be reproduced and defended later. Nil only in records written before they were added.
    public var docsentryVersion: String? = DocSentryVersion.current
    public var rulesSHA256: String?
    public var ocrModel: ModelIdentity?
    /// The model that read the visual zone for the VIZ/MRZ comparison; nil when the comparison did not run.
    public var visualZoneModel: ModelIdentity?

    /// The program, rules and models the report was made with.
    public var provenance: Provenance {
        Provenance(docsentryVersion: docsentryVersion ?? "unknown", rulesSHA256: rulesSHA256 ?? "", ocrModel: ocrModel,
                   visualZoneModel: visualZoneModel)
    }

    public init(file: String, verdict: Verdict, reason: String? = nil, mode: Mode, referenceDate: CalendarDate,
                mrz: [String]?, document: DocumentSummary?, checks: [Check], findings: [Finding], timingsMs: [String: Double]) {
        self.file = file
        self.verdict = verdict
        self.reason = reason
        self.mode = mode
        self.referenceDate = referenceDate
        self.mrz = mrz
        self.document = document
        self.checks = checks
        self.findings = findings
        self.timingsMs = timingsMs
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case file, verdict, reason, mode, mrz, document, checks, findings, redacted, image, ocr
        case referenceDate = "reference_date"
        case timingsMs = "timings_ms"
        case docsentryVersion = "docsentry_version"
        case rulesSHA256 = "rules_sha256"
        case ocrModel = "ocr_model"
        case visualZoneModel = "visual_zone_model"
    }
}

/// The scanned image and where its MRZ is.
public struct ImageDetails: Sendable, Codable, Equatable {
    public var format: String
    public var width: Int
    public var height: Int
    /// The EXIF orientation applied on decoding (1-8), when the file had one.
    public var exifOrientation: Int?
    /// The MRZ's corners in image pixels, in reading order: top left, top right, bottom right, bottom left.
    public var mrzBox: [[Double]]?
    /// Clockwise quarter turns of the document in the image (0-3) and the remaining skew in degrees.
    public var rotation: Int?
    public var skewDegrees: Double?

    enum CodingKeys: String, CodingKey {
        case format, width, height, rotation
        case exifOrientation = "exif_orientation"
        case mrzBox = "mrz_box"
        case skewDegrees = "skew_degrees"
    }
}

/// What the recogniser saw before correction, how sure it was, and what the correction changed.
public struct OCRDetails: Sendable, Codable, Equatable {
    public var model: String
    /// The lines as read, placed on the MRZ grid, before correction.
    public var read: [String]
    /// Per line and character, the engine's confidence (0-1, two decimals).
    public var confidences: [[Double]]
    public var corrections: [Correction]
}
