/// One change the corrector made to what the engine read: recorded, never silent.
public struct Correction: Sendable, Equatable, Codable {
    /// Why a character was changed; encoded in reports (`ocr.corrections[].reason`) as its raw value.
    public enum Reason: String, Sendable, Codable, CustomStringConvertible {
        /// The position's character class: a digit where only letters belong, or the reverse (`CharacterClass`,
        /// `Sex`).
        case characterClass = "character class"
        /// The print matches another OCR-B glyph (`CheckedGlyphShape`, `LookAlikeInFailingField`,
        /// `UncheckedGlyphShape`, `PrintedOverRead`, `LeadingFiller`, `CharacterReadAsFiller`,
        /// `LookAlikesInPassingField`).
        case glyphShape = "glyph shape"
        /// The cell's ink matches this MRZ's own fillers (`FillerByShape`, `PrintedOverRead`).
        case fillerShape = "filler shape"
        /// Where fillers stand in a field (`FillerByPosition`, `LeadingFiller`).
        case fillerPosition = "filler position"
        /// A document code that begins with no letter its format allows (`DocumentCode`).
        case documentCode = "document code"
        /// A code that is no State's, one character from one that is (`UnknownCountryCode`).
        case countryCode = "country code"
        /// A listed document number read with look-alikes. No pass makes it any more (the list rules match numbers
        /// through their look-alikes themselves); reports written before can still be read back.
        case listedNumber = "listed number"
        /// The only cheap way to make a failing check digit pass (`CheckDigitSearch`).
        case checkDigit = "check digit"

        public var description: String { rawValue }
    }

    /// 1-based line and column.
    public let line: Int
    public let column: Int
    public let read: String
    public let chosen: String
    public let reason: Reason
    /// The engine's confidence in what it read (0-1).
    public var confidence: Double = 0
}
