import Foundation

/// The kinds of forgery the generator can put into a specimen, each named in the answer key.
///
/// What each one trips (Doc 9303 references are to the check the forgery defeats or fails):
/// - `fieldAlteredCheckDigitLeft`: a digit of the document number, date of birth or date of expiry changed, in
///   the visual zone and the MRZ alike, without touching any check digit (Part 3 §4.9): the field's check digit
///   fails, and so does the composite where the format has one.
/// - `checkDigitRecomputedCompositeLeft`: the same, with the field's check digit recomputed but not the composite
///   (Parts 4-6 §4.2.2): only the composite fails. Visas have no composite, so the kind needs TD1, TD2 or TD3.
/// - `visualZoneMismatch`: the MRZ is consistent, the visual zone prints another value (Part 3 §7: "data
///   comparison with the corresponding VIZ page data"). The MRZ alone cannot show it.
/// - `impossibleDates`: all check digits right, but the date of expiry is before the date of birth, or beyond
///   the issuer's maximum validity after the reference date.
/// - `invalidIssuingState`: a code that Part 3 §5 does not list (a typing error such as `NDL`), or a code in real
///   use that ICAO does not list (`INP`, `WSA`, `BDR`).
/// - `specimenNumberReused`: the issuer and number of a published specimen (`UTO L898902C3`, Part 4 Appendix A), or
///   the specimen's number alone under the document's own issuer.
/// - `pastedCharacter`: one changed character re-rendered larger, smaller, off the baseline or in another
///   typeface, with every check digit recomputed: the text is consistent, the print is not (Part 3 §4.4 fixes
///   the typeface, size and pitch).
/// - `nonMRZCharacters`: a lowercase letter, punctuation, a national character or a blank (a space where a filler
///   belongs) in the MRZ, which allows only `A-Z`, `0-9` and `<` (Part 3 §4.3).
public enum Forgery: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case fieldAlteredCheckDigitLeft = "field_altered_check_digit_left"
    case checkDigitRecomputedCompositeLeft = "check_digit_recomputed_composite_left"
    case visualZoneMismatch = "visual_zone_mismatch"
    case impossibleDates = "impossible_dates"
    case invalidIssuingState = "invalid_issuing_state"
    case specimenNumberReused = "specimen_number_reused"
    case pastedCharacter = "pasted_character"
    case nonMRZCharacters = "non_mrz_characters"

    public var description: String { rawValue }

    /// Accepts `field_altered_check_digit_left` and `field-altered-check-digit-left`.
    public init?(name: String) {
        self.init(rawValue: name.lowercased().replacingOccurrences(of: "-", with: "_"))
    }

    /// Whether the forgery can be made on `format`: only formats with a composite check digit can leave it.
    public func supports(_ format: MRZFormat) -> Bool {
        switch self {
        case .checkDigitRecomputedCompositeLeft: format.hasCompositeCheckDigit
        default: true
        }
    }
}

/// One forgery as the answer key records it.
public struct ForgeryRecord: Sendable, Equatable, Codable {
    public var kind: Forgery
    /// Which way the forgery was made, e.g. `expiry_before_birth`, `baseline_shift`, `lowercase`.
    public var variant: String
    /// The MRZ field (or, for a visual-zone mismatch, the visual-zone field) it touches.
    public var field: String?
    /// 1-based MRZ line and column of the changed or pasted character, when there is one.
    public var line: Int?
    public var column: Int?
    /// The value before and after the forgery (for a visual-zone mismatch: the MRZ's value and the printed one).
    public var original: String?
    public var altered: String?
    /// What was done, in a sentence.
    public var detail: String
}

/// A published specimen the `specimenNumberReused` forgery copies (`Rules/specimens.yaml`).
struct PublishedSpecimen: Sendable {
    let issuer: String
    let issuerName: String
    let documentNumber: String
    let documentCode: String
    let formats: [MRZFormat]
    let maximumValidityYears: Int

    static let all: [PublishedSpecimen] = [
        PublishedSpecimen(issuer: "UTO", issuerName: "UTOPIA", documentNumber: "L898902C3", documentCode: "P<", formats: [.td3], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "POL", issuerName: "REPUBLIC OF POLAND", documentNumber: "AA0000000", documentCode: "P<", formats: [.td3], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "CZE", issuerName: "CZECH REPUBLIC", documentNumber: "99003853", documentCode: "P<", formats: [.td3], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "UTO", issuerName: "UTOPIA", documentNumber: "D23145890", documentCode: "I<", formats: [.td1, .td2], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "UTO", issuerName: "UTOPIA", documentNumber: "1234567890", documentCode: "ID", formats: [.td1], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "D", issuerName: "FEDERAL REPUBLIC OF GERMANY", documentNumber: "T22000129", documentCode: "ID", formats: [.td1], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "SWE", issuerName: "KINGDOM OF SWEDEN", documentNumber: "59000002", documentCode: "I<", formats: [.td1], maximumValidityYears: 5),
        PublishedSpecimen(issuer: "UTO", issuerName: "UTOPIA", documentNumber: "L8988901C", documentCode: "V<", formats: [.mrvA, .mrvB], maximumValidityYears: 10),
        PublishedSpecimen(issuer: "FRA", issuerName: "FRENCH REPUBLIC", documentNumber: "F00000000", documentCode: "VC", formats: [.mrvB], maximumValidityYears: 10),
    ]
}

/// One changed character of an MRZ field, with the visual-zone value that goes with it.
struct Alteration {
    let field: MRZFieldName
    let line: Int
    let column: Int
    let replacement: Character
    let originalValue: String
    let alteredValue: String
    /// The new date when the field is a date.
    let date: CalendarDate?
}

extension Forgery {
    /// Codes that ICAO Doc 9303 Part 3 §5 does not list, shaped like typing errors for real ones.
    public static let unlistedCodes: [(String, String)] = [("NDL", "NLD"), ("GRB", "GBR"), ("FRN", "FRA"), ("ITL", "ITA"), ("CND", "CAN"),
                                ("BLG", "BEL"), ("NZE", "NZL"), ("EPS", "ESP"), ("JAP", "JPN")]
    /// Codes in real use that ICAO does not list, with the name such a document prints (`Rules/countries.yaml`).
    public static let nonICAOCodes: [(String, String)] = [("INP", "INTERPOL"), ("WSA", "WORLD SERVICE AUTHORITY"), ("BDR", "BUNDESREPUBLIK DEUTSCHLAND")]

    /// Puts the forgery into `design`, records it, and sets what DocSentry must answer.
    func apply(to design: inout SpecimenDesign, referenceDate: CalendarDate, dotsPerInch: Int,
               using generator: inout SplitMix64) throws(GenerateError) {
        guard supports(design.format) else {
            throw .forgeryNotSupported(forgery: self, format: design.format)
        }
        switch self {
        case .fieldAlteredCheckDigitLeft, .checkDigitRecomputedCompositeLeft, .pastedCharacter:
            try alterOneCharacter(&design, referenceDate: referenceDate, dotsPerInch: dotsPerInch, using: &generator)
        case .visualZoneMismatch:
            mismatchVisualZone(&design, using: &generator)
        case .impossibleDates:
            makeImpossibleDates(&design, referenceDate: referenceDate, using: &generator)
        case .invalidIssuingState:
            replaceIssuingState(&design, using: &generator)
        case .specimenNumberReused:
            try reuseSpecimen(&design, referenceDate: referenceDate, using: &generator)
        case .nonMRZCharacters:
            insertNonMRZCharacter(&design, using: &generator)
        }
    }

    // MARK: - One changed character

    private func alterOneCharacter(_ design: inout SpecimenDesign, referenceDate: CalendarDate, dotsPerInch: Int,
                                   using generator: inout SplitMix64) throws(GenerateError) {
        var candidates = Forgery.alterations(of: design, referenceDate: referenceDate)
        // A deterministic shuffle (Fisher-Yates with the document's own generator).
        if candidates.count > 1 {
            for index in stride(from: candidates.count - 1, to: 0, by: -1) {
                candidates.swapAt(index, generator.integer(in: 0...index))
            }
        }
        for alteration in candidates {
            var trial = design
            trial.replace(line: alteration.line, column: alteration.column, with: alteration.replacement)
            switch self {
            case .fieldAlteredCheckDigitLeft:
                guard !trial.checkDigitHolds(for: alteration.field) else { continue }
            case .checkDigitRecomputedCompositeLeft:
                trial.recomputeCheckDigit(of: alteration.field)
                // One time in ten the old composite happens to fit the new characters: the forgery would then be
                // invisible to check digits, which is not this kind. Try another change.
                guard trial.checkDigitHolds(for: alteration.field), !trial.compositeHolds else { continue }
            default:
                trial.recomputeCheckDigit(of: alteration.field)
                trial.recomputeComposite()
            }
            Forgery.applyValue(alteration, to: &trial)
            let compositeFails = !trial.compositeHolds
            let fieldFails = !trial.checkDigitHolds(for: alteration.field)
            var record = ForgeryRecord(
                kind: self, variant: alteration.field.rawValue, field: alteration.field.rawValue,
                line: alteration.line + 1, column: alteration.column + 1,
                original: alteration.originalValue, altered: alteration.alteredValue, detail: "")
            switch self {
            case .fieldAlteredCheckDigitLeft:
                record.detail = "\(alteration.field) changed from \(alteration.originalValue) to \(alteration.alteredValue) in the MRZ and the visual zone; its check digit was left as it was"
                trial.expectedRules = [CheckDigitValidator.ruleID(Forgery.checkDigit(of: alteration.field))]
                if compositeFails { trial.expectedRules.append(CheckDigitValidator.ruleID(.compositeCheckDigit)) }
                trial.expectedVerdict = .reject
                trial.expectedVerdictWithForensics = .reject
            case .checkDigitRecomputedCompositeLeft:
                record.detail = "\(alteration.field) changed from \(alteration.originalValue) to \(alteration.alteredValue) and its check digit recomputed; the composite check digit was left as it was"
                trial.expectedRules = [CheckDigitValidator.ruleID(.compositeCheckDigit)]
                trial.expectedVerdict = .reject
                trial.expectedVerdictWithForensics = .reject
            default:
                let style = Forgery.pastedStyle(dotsPerInch: dotsPerInch, using: &generator)
                record.variant = style.name
                record.detail = "\(alteration.field) changed from \(alteration.originalValue) to \(alteration.alteredValue) with every check digit recomputed; the changed character at line \(alteration.line + 1), column \(alteration.column + 1) is pasted: \(style.description)"
                trial.printAnomalies.append(PrintAnomaly(line: alteration.line, column: alteration.column, style: style.style))
                trial.expectedRules = []
                trial.expectedVerdict = .pass
                trial.expectedVerdictWithForensics = .reject
            }
            precondition(self != .fieldAlteredCheckDigitLeft || fieldFails, "the altered field's check digit must fail")
            trial.forgeries.append(record)
            design = trial
            return
        }
        throw .forgeryNotPossible(forgery: self, reason: "no single-character change of the document number or dates gives the required check-digit result")
    }

    static func checkDigit(of field: MRZFieldName) -> MRZFieldName {
        switch field {
        case .documentNumber: .documentNumberCheckDigit
        case .dateOfBirth: .dateOfBirthCheckDigit
        default: .dateOfExpiryCheckDigit
        }
    }

    /// Every single-character change of the (short) document number, the date of birth or the date of expiry
    /// that keeps the field plausible: a date stays a calendar date, a birth stays before issue and in the
    /// century DocSentry resolves it to, an expiry stays after the reference date and within ten years of it.
    static func alterations(of design: SpecimenDesign, referenceDate: CalendarDate) -> [Alteration] {
        var result: [Alteration] = []
        let layout = MRZLayout.of(design.format)
        let content = design.content
        if content.fields.documentNumber.count <= 9, let spec = layout.spec(.documentNumber),
            let raw = design.text(of: .documentNumber)
        {
            let characters = Array(raw)
            for (offset, character) in characters.enumerated() where character != "<" {
                let value = MRZCharacter.checkValue(character) ?? 0
                let alternatives: [Character] = MRZCharacter.isDigit(character)
                    ? Array("0123456789").filter { $0 != character }
                    : Array("ABCDEFGHJKLMNPRSTUVWXYZ").filter { (MRZCharacter.checkValue($0) ?? 0) % 10 != value % 10 }
                for alternative in alternatives {
                    var changed = characters
                    changed[offset] = alternative
                    result.append(Alteration(
                        field: .documentNumber, line: spec.line, column: spec.columns.lowerBound + offset,
                        replacement: alternative, originalValue: trimmed(raw), alteredValue: trimmed(String(changed)),
                        date: nil))
                }
            }
        }
        let dates: [(MRZFieldName, CalendarDate)] = [(.dateOfBirth, content.dateOfBirth), (.dateOfExpiry, content.dateOfExpiry)]
        for (field, date) in dates {
            guard let spec = layout.spec(field) else { continue }
            for offset in [1, 5] {
                for digit in 0...9 {
                    let year = offset == 1 ? date.year - date.year % 10 + digit : date.year
                    let day = offset == 5 ? date.day - date.day % 10 + digit : date.day
                    guard let changed = CalendarDate(year: year, month: date.month, day: day), changed != date else { continue }
                    if field == .dateOfBirth {
                        let resolvedRecent = CalendarDate(year: 2000 + year % 100, month: date.month, day: day)
                        let resolvesRight = year >= 2000 ? changed <= referenceDate : (resolvedRecent.map { $0 > referenceDate } ?? true)
                        guard changed < content.dateOfIssue, changed > referenceDate.adding(years: -100), resolvesRight else { continue }
                    } else {
                        guard changed > referenceDate.adding(days: 30), changed < referenceDate.adding(years: 10),
                            (2027...2035).contains(changed.year), changed > content.dateOfIssue
                        else { continue }
                    }
                    let printed = SpecimenContent.machineReadable(changed)
                    let replacement = Array(printed)[offset]
                    result.append(Alteration(
                        field: field, line: spec.line, column: spec.columns.lowerBound + offset, replacement: replacement,
                        originalValue: SpecimenContent.machineReadable(date), alteredValue: printed, date: changed))
                }
            }
        }
        return result
    }

    /// Carries a changed character into the fields and the visual zone (the forger altered both).
    static func applyValue(_ alteration: Alteration, to design: inout SpecimenDesign) {
        switch alteration.field {
        case .documentNumber:
            design.content.fields.documentNumber = alteration.alteredValue
            design.visualZone.documentNumber = alteration.alteredValue
        case .dateOfBirth:
            design.content.fields.dateOfBirth = alteration.alteredValue
            if let date = alteration.date {
                design.content.dateOfBirth = date
                design.visualZone.dateOfBirth = design.content.printed(date)
            }
        default:
            design.content.fields.dateOfExpiry = alteration.alteredValue
            if let date = alteration.date {
                design.content.dateOfExpiry = date
                if design.format.isVisa { design.visualZone.validUntil = design.content.printed(date) }
                else { design.visualZone.dateOfExpiry = design.content.printed(date) }
            }
        }
        design.content.visualZone = design.visualZone
    }

    static func trimmed(_ raw: String) -> String {
        var text = Substring(raw)
        while text.last == "<" { text = text.dropLast() }
        return String(text)
    }

    struct PastedStyleChoice {
        let style: PastedCharacterStyle
        let name: String
        let description: String
    }

    static func pastedStyle(dotsPerInch: Int, using generator: inout SplitMix64) -> PastedStyleChoice {
        switch generator.integer(in: 0...3) {
        case 0:
            let factor = generator.double(in: 1.12...1.25)
            return PastedStyleChoice(style: .scaled(factor), name: "larger", description: "re-rendered \(Int((factor * 100).rounded()))% of the MRZ's character size")
        case 1:
            let factor = generator.double(in: 0.78...0.88)
            return PastedStyleChoice(style: .scaled(factor), name: "smaller", description: "re-rendered \(Int((factor * 100).rounded()))% of the MRZ's character size")
        case 2:
            // 2-4 px at the rendering resolution, up or down.
            let pixels = generator.double(in: 2...4) * generator.sign()
            let direction = pixels < 0 ? "above" : "below"
            return PastedStyleChoice(style: .baselineShift(pixels: pixels), name: "baseline_shift",
                                     description: String(format: "printed %.1f px (at %d dpi) %@ the baseline", abs(pixels), dotsPerInch, direction))
        default:
            let typeface = generator.element(of: ["DejaVu Sans Mono", "DejaVu Sans", "DejaVu Serif"])
            return PastedStyleChoice(style: .typeface(typeface), name: "other_typeface", description: "printed in \(typeface), not OCR-B")
        }
    }

    // MARK: - Visual zone

    /// The fields a visual-zone mismatch may touch, as the answer key names them.
    static let visualZoneFields = ["date_of_birth", "surname", "document_number", "date_of_expiry", "given_names", "sex", "nationality"]

    /// One value printed differently in the two zones. Most often the visual zone was altered; for the date of
    /// birth and the document number, a third of the time the MRZ was, its check digits recomputed, the visual
    /// zone left as issued. The key's `original` is the MRZ's value, `altered` the visual zone's.
    private func mismatchVisualZone(_ design: inout SpecimenDesign, using generator: inout SplitMix64) {
        let variant = generator.element(of: Forgery.visualZoneFields)
        let inMRZ = (variant == "date_of_birth" || variant == "document_number") && generator.chance(0.33)
        var zone = design.visualZone
        var original: String
        var altered: String
        switch variant {
        case "date_of_birth":
            let birth = design.content.dateOfBirth
            let shifted = birth.adding(years: generator.sign() > 0 ? generator.integer(in: 2...9) : -generator.integer(in: 2...9))
            if inMRZ {
                design.content.dateOfBirth = shifted
                design.content.fields.dateOfBirth = SpecimenContent.machineReadable(shifted)
                original = design.content.fields.dateOfBirth
                altered = zone.dateOfBirth
            } else {
                original = zone.dateOfBirth
                altered = design.content.printed(shifted)
                zone.dateOfBirth = altered
            }
        case "surname":
            original = zone.surname
            altered = generator.element(of: SpecimenContent.surnames.filter { $0 != original })
            zone.surname = altered
        case "given_names":
            original = zone.givenNames
            let female = design.content.fields.sex == "F" || (design.content.fields.sex == "<" && generator.chance(0.5))
            let names = female ? SpecimenContent.femaleGivenNames : SpecimenContent.maleGivenNames
            altered = generator.element(of: names.filter { !original.contains($0) && !$0.contains(original) })
            zone.givenNames = altered
        case "sex":
            original = zone.sex
            altered = original == "F" ? "M" : (original == "M" ? "F" : generator.element(of: ["F", "M"]))
            zone.sex = altered
        case "nationality":
            original = zone.nationality
            let codes = SpecimenIssuer.everyday.map(\.code) + SpecimenIssuer.visaHolderNationalities
            altered = generator.element(of: codes.filter { $0 != original && $0 != design.content.fields.issuingState })
            zone.nationality = altered
        case "document_number":
            var characters = Array(zone.documentNumber)
            let position = generator.integer(in: 0...(characters.count - 1))
            let current = characters[position]
            characters[position] = generator.element(of: Array(MRZCharacter.isDigit(current) ? "0123456789" : "BCDFGHJKLMNPRSTVWXYZ").filter { $0 != current })
            if inMRZ {
                design.content.fields.documentNumber = String(characters)
                original = String(characters)
                altered = zone.documentNumber
            } else {
                original = zone.documentNumber
                altered = String(characters)
                zone.documentNumber = altered
            }
        default:
            let later = design.content.dateOfExpiry.adding(years: generator.integer(in: 1...5))
            if design.format.isVisa {
                original = zone.validUntil ?? ""
                altered = design.content.printed(later)
                zone.validUntil = altered
            } else {
                original = zone.dateOfExpiry ?? ""
                altered = design.content.printed(later)
                zone.dateOfExpiry = altered
            }
        }
        if inMRZ {
            // The MRZ recomposed with every check digit; the visual zone stays as printed.
            design.lines = MRZComposer.compose(design.content.fields)
        }
        design.visualZone = zone
        design.requiresFrontSide = true
        let words = variant.replacingOccurrences(of: "_", with: " ")
        design.forgeries.append(ForgeryRecord(
            kind: self, variant: inMRZ ? variant + "_in_mrz" : variant, field: variant, line: nil, column: nil,
            original: original, altered: altered,
            detail: inMRZ
                ? "the MRZ's \(words) changed to \(original) with its check digits recomputed; the visual zone, as issued, prints \(altered)"
                : "the visual zone prints \(words) \(altered); the MRZ, consistent in itself, says \(original)"))
        design.expectedRules = []
        design.expectedVerdict = .pass
        design.expectedVerdictWithForensics = .reject
    }

    // MARK: - Dates

    private func makeImpossibleDates(_ design: inout SpecimenDesign, referenceDate: CalendarDate, using generator: inout SplitMix64) {
        var content = design.content
        let variant: String
        if generator.chance(0.5) {
            // Expiry before birth. Both in this century, so DocSentry resolves both to 20YY: a birth in 2004-2009
            // and an expiry in 2000-2003 (an expiry printed 98 would read as 2098 and fail the maximum validity
            // instead).
            variant = "expiry_before_birth"
            content.dateOfBirth = SpecimenContent.day(in: CalendarDate(year: 2004, month: 1, day: 1)!...CalendarDate(year: 2009, month: 12, day: 31)!, using: &generator)
            content.dateOfExpiry = SpecimenContent.day(in: CalendarDate(year: 2000, month: 1, day: 1)!...CalendarDate(year: 2003, month: 12, day: 31)!, using: &generator)
            content.dateOfIssue = content.dateOfExpiry.adding(years: -10).adding(days: 1)
            design.expectedRules = ["date.expiry.after-birth", "date.expired"]
        } else {
            // Beyond the maximum validity: an expiry 11-29 years after the reference date. The holder is born after
            // 1960, so 19YY cannot be read as a long-expired date (it would precede the birth).
            variant = "validity_beyond_maximum"
            if content.dateOfBirth.year <= 1960 {
                content.dateOfBirth = content.dateOfBirth.adding(years: 25)
            }
            content.dateOfExpiry = SpecimenContent.day(in: referenceDate.adding(years: 11)...CalendarDate(year: 2055, month: 12, day: 31)!, using: &generator)
            content.dateOfIssue = referenceDate.adding(days: -generator.integer(in: 10...300))
            design.expectedRules = ["date.expiry.maximum-validity"]
        }
        content.fields.dateOfBirth = SpecimenContent.machineReadable(content.dateOfBirth)
        content.fields.dateOfExpiry = SpecimenContent.machineReadable(content.dateOfExpiry)
        content.visualZone.dateOfBirth = content.printed(content.dateOfBirth)
        if content.format.isVisa {
            content.visualZone.validFrom = content.printed(content.dateOfIssue)
            content.visualZone.validUntil = content.printed(content.dateOfExpiry)
        } else {
            content.visualZone.dateOfIssue = content.printed(content.dateOfIssue)
            content.visualZone.dateOfExpiry = content.printed(content.dateOfExpiry)
        }
        design.content = content
        design.recompose()
        design.forgeries.append(ForgeryRecord(
            kind: self, variant: variant, field: MRZFieldName.dateOfExpiry.rawValue, line: nil, column: nil,
            original: nil, altered: content.fields.dateOfExpiry,
            detail: variant == "expiry_before_birth"
                ? "date of expiry \(content.dateOfExpiry) before the date of birth \(content.dateOfBirth); all check digits recomputed"
                : "date of expiry \(content.dateOfExpiry), more than 10 years after the reference date \(referenceDate); all check digits recomputed"))
        design.expectedVerdict = .reject
        design.expectedVerdictWithForensics = .reject
    }

    // MARK: - Issuing State

    private func replaceIssuingState(_ design: inout SpecimenDesign, using generator: inout SplitMix64) {
        var content = design.content
        let original = content.fields.issuingState
        let variant: String
        let code: String
        if generator.chance(0.5) {
            variant = "unlisted_code"
            let pair = generator.element(of: Forgery.unlistedCodes)
            code = pair.0
            design.expectedRules = ["code.issuing-state"]
        } else {
            variant = "non_icao_code"
            let pair = generator.element(of: Forgery.nonICAOCodes)
            code = pair.0
            content.visualZone.issuingStateName = pair.1
            if code == "BDR" && !content.format.isVisa {
                content.fields.nationality = "D"
                content.visualZone.nationality = "D"
            }
            design.expectedRules = ["code.issuing-state", "code.issuing-state.non-icao"]
        }
        content.fields.issuingState = code
        content.visualZone.issuingStateCode = code
        design.content = content
        design.recompose()
        design.forgeries.append(ForgeryRecord(
            kind: self, variant: variant, field: MRZFieldName.issuingState.rawValue, line: 1, column: 3,
            original: original, altered: code,
            detail: variant == "unlisted_code"
                ? "issuing State \(code), a code ICAO Doc 9303 Part 3 does not list"
                : "issuing State \(code), in real use but not an ICAO code"))
        design.expectedVerdict = .reject
        design.expectedVerdictWithForensics = .reject
    }

    // MARK: - Specimens

    private func reuseSpecimen(_ design: inout SpecimenDesign, referenceDate: CalendarDate, using generator: inout SplitMix64) throws(GenerateError) {
        let candidates = PublishedSpecimen.all.filter { $0.formats.contains(design.format) }
        guard !candidates.isEmpty else {
            throw .forgeryNotPossible(forgery: self, reason: "no published specimen of format \(design.format)")
        }
        let specimen = generator.element(of: candidates)
        // Half the time the forger keeps the document's own issuer and copies only the specimen's number.
        if specimen.issuer != design.content.fields.issuingState, generator.chance(0.5) {
            reuseSpecimenNumber(specimen, in: &design)
            return
        }
        var content = design.content
        let original = content.fields.issuingState + " " + content.fields.documentNumber
        content.fields.issuingState = specimen.issuer
        content.fields.documentCode = specimen.documentCode
        content.fields.documentNumber = specimen.documentNumber
        if !content.format.isVisa {
            content.fields.nationality = specimen.issuer
            content.visualZone.nationality = specimen.issuer
        }
        // Keep the validity within the specimen issuer's own maximum (Sweden: 5 years).
        let latest = referenceDate.adding(years: specimen.maximumValidityYears).adding(days: -1)
        if content.dateOfExpiry > latest {
            content.dateOfExpiry = SpecimenContent.day(in: referenceDate.adding(days: 30)...latest, using: &generator)
            content.dateOfIssue = content.dateOfExpiry.adding(years: -specimen.maximumValidityYears).adding(days: 1)
            content.fields.dateOfExpiry = SpecimenContent.machineReadable(content.dateOfExpiry)
            if content.format.isVisa {
                content.visualZone.validFrom = content.printed(content.dateOfIssue)
                content.visualZone.validUntil = content.printed(content.dateOfExpiry)
            } else {
                content.visualZone.dateOfIssue = content.printed(content.dateOfIssue)
                content.visualZone.dateOfExpiry = content.printed(content.dateOfExpiry)
            }
        }
        content.visualZone.issuingStateName = specimen.issuerName
        content.visualZone.issuingStateCode = specimen.issuer
        content.visualZone.documentCode = String(specimen.documentCode.filter { $0 != "<" })
        content.visualZone.documentNumber = specimen.documentNumber
        design.content = content
        design.recompose()
        design.expectedRules = ["specimen.document-number"] + (specimen.issuer == "UTO" ? ["specimen.issuer"] : [])
        design.forgeries.append(ForgeryRecord(
            kind: self, variant: specimen.issuer == "UTO" ? "icao_specimen" : "issuer_specimen",
            field: MRZFieldName.documentNumber.rawValue, line: nil, column: nil,
            original: original, altered: specimen.issuer + " " + specimen.documentNumber,
            detail: "issuer and number of the published specimen \(specimen.issuer) \(specimen.documentNumber) (Rules/specimens.yaml), with a new holder"))
        design.expectedVerdict = .reject
        design.expectedVerdictWithForensics = .reject
    }

    /// The number of a published specimen under the document's own issuer, every check digit recomputed.
    private func reuseSpecimenNumber(_ specimen: PublishedSpecimen, in design: inout SpecimenDesign) {
        var content = design.content
        let original = content.fields.documentNumber
        content.fields.documentNumber = specimen.documentNumber
        content.visualZone.documentNumber = specimen.documentNumber
        design.content = content
        design.recompose()
        design.expectedRules = ["specimen.document-number.other-issuer"]
        design.forgeries.append(ForgeryRecord(
            kind: self, variant: "other_issuer", field: MRZFieldName.documentNumber.rawValue, line: nil, column: nil,
            original: original, altered: specimen.documentNumber,
            detail: "number \(specimen.documentNumber) of the published specimen \(specimen.issuer) \(specimen.documentNumber) (Rules/specimens.yaml) under issuer \(content.fields.issuingState)"))
        design.expectedVerdict = .reject
        design.expectedVerdictWithForensics = .reject
    }

    // MARK: - Characters outside the MRZ alphabet

    private func insertNonMRZCharacter(_ design: inout SpecimenDesign, using generator: inout SplitMix64) {
        guard let spec = MRZLayout.of(design.format).spec(.name), let name = design.text(of: .name) else { return }
        let characters = Array(name)
        let variant = generator.element(of: ["lowercase", "punctuation", "national_character", "blank"])
        var offset = 0
        var replacement: Character = "<"
        switch variant {
        case "lowercase":
            let letters = characters.indices.filter { MRZCharacter.isLetter(characters[$0]) }
            offset = letters.count > 1 ? letters[generator.integer(in: 1...(letters.count - 1))] : letters.first ?? 0
            replacement = Character(characters[offset].lowercased())
        case "punctuation":
            // A hyphen left in a double name (Doc 9303 Part 3 §4.6 turns it into <), or a comma between the
            // identifiers (which becomes <<).
            let trimmedCount = Forgery.trimmed(name).count
            if let single = (1..<max(1, trimmedCount - 1)).first(where: { characters[$0] == "<" && characters[$0 - 1] != "<" && characters[$0 + 1] != "<" }) {
                offset = single
                replacement = "-"
            } else {
                offset = characters.firstIndex(of: "<") ?? 0
                replacement = ","
            }
        case "blank":
            // A space where the MRZ prints a filler: between the name's parts, or in the fillers after it.
            let trimmedCount = Forgery.trimmed(name).count
            offset = (1..<max(1, trimmedCount)).first(where: { characters[$0] == "<" }) ?? min(characters.count - 2, trimmedCount + 1)
            replacement = " "
        default:
            let umlauts: [Character: Character] = ["A": "Ä", "O": "Ö", "U": "Ü"]
            if let index = characters.indices.first(where: { umlauts[characters[$0]] != nil }) {
                offset = index
                replacement = umlauts[characters[index]]!
            } else {
                offset = characters.indices.first(where: { MRZCharacter.isLetter(characters[$0]) && characters[$0] != "O" }) ?? 0
                replacement = "Ø"
            }
        }
        let original = characters[offset]
        design.replace(line: spec.line, column: spec.columns.lowerBound + offset, with: replacement)
        design.forgeries.append(ForgeryRecord(
            kind: self, variant: variant, field: MRZFieldName.name.rawValue,
            line: spec.line + 1, column: spec.columns.lowerBound + offset + 1,
            original: String(original), altered: String(replacement),
            detail: "'\(replacement)' printed in the name at line \(spec.line + 1), column \(spec.columns.lowerBound + offset + 1) where the MRZ allows only A-Z, 0-9 and < (Doc 9303 Part 3 §4.3)"))
        design.expectedRules = []
        design.expectedVerdict = .reject
        design.expectedVerdictWithForensics = .reject
    }
}
