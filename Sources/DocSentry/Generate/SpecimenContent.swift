import Foundation

/// A State the generator prints fictitious documents for.
///
/// Codes are real ICAO Doc 9303 Part 3 §5 codes, so that a genuine specimen passes DocSentry's code rules; the
/// holders, numbers and authorities are invented. States with an issuer profile in `Rules/profiles.yaml` (number
/// shapes, validity) are left out of the everyday pool so that their profile rules never fire by accident; the
/// specimen forgery uses some of them on purpose.
public struct SpecimenIssuer: Sendable, Equatable, Codable {
    /// The code as the MRZ prints it without fillers (`D` for Germany).
    public let code: String
    /// The State's name as the header of the document prints it.
    public let name: String
    /// Places of birth and issue the generator chooses from.
    public let places: [String]
    /// The hue of the page's background print, 0-1.
    public let hue: Double
    /// The longest validity the State grants, in years.
    public let maximumValidityYears: Int

    public static let everyday: [SpecimenIssuer] = [
        SpecimenIssuer(code: "NLD", name: "KINGDOM OF THE NETHERLANDS", places: ["AMSTERDAM", "UTRECHT", "GRONINGEN", "ZWOLLE"], hue: 0.62, maximumValidityYears: 10),
        SpecimenIssuer(code: "BEL", name: "KINGDOM OF BELGIUM", places: ["BRUSSELS", "GHENT", "LIEGE", "NAMUR"], hue: 0.95, maximumValidityYears: 10),
        SpecimenIssuer(code: "AUT", name: "REPUBLIC OF AUSTRIA", places: ["VIENNA", "GRAZ", "LINZ", "INNSBRUCK"], hue: 0.02, maximumValidityYears: 10),
        SpecimenIssuer(code: "FIN", name: "REPUBLIC OF FINLAND", places: ["HELSINKI", "TAMPERE", "OULU", "TURKU"], hue: 0.58, maximumValidityYears: 5),
        SpecimenIssuer(code: "IRL", name: "IRELAND", places: ["DUBLIN", "CORK", "GALWAY", "LIMERICK"], hue: 0.33, maximumValidityYears: 10),
        SpecimenIssuer(code: "NOR", name: "KINGDOM OF NORWAY", places: ["OSLO", "BERGEN", "TROMSO", "STAVANGER"], hue: 0.00, maximumValidityYears: 10),
        SpecimenIssuer(code: "PRT", name: "PORTUGUESE REPUBLIC", places: ["LISBON", "PORTO", "COIMBRA", "FARO"], hue: 0.12, maximumValidityYears: 10),
        SpecimenIssuer(code: "ESP", name: "KINGDOM OF SPAIN", places: ["MADRID", "SEVILLE", "VALENCIA", "BILBAO"], hue: 0.08, maximumValidityYears: 10),
        SpecimenIssuer(code: "ITA", name: "ITALIAN REPUBLIC", places: ["ROME", "TURIN", "NAPLES", "BOLOGNA"], hue: 0.40, maximumValidityYears: 10),
        SpecimenIssuer(code: "CAN", name: "CANADA", places: ["OTTAWA", "WINNIPEG", "HALIFAX", "REGINA"], hue: 0.52, maximumValidityYears: 10),
        SpecimenIssuer(code: "NZL", name: "NEW ZEALAND", places: ["WELLINGTON", "DUNEDIN", "NAPIER", "NELSON"], hue: 0.70, maximumValidityYears: 10),
        SpecimenIssuer(code: "CHE", name: "SWISS CONFEDERATION", places: ["BERN", "LUCERNE", "BASEL", "LUGANO"], hue: 0.98, maximumValidityYears: 10),
        SpecimenIssuer(code: "EST", name: "REPUBLIC OF ESTONIA", places: ["TALLINN", "TARTU", "PARNU", "NARVA"], hue: 0.55, maximumValidityYears: 10),
        SpecimenIssuer(code: "JPN", name: "JAPAN", places: ["SAPPORO", "SENDAI", "NAGOYA", "KOBE"], hue: 0.88, maximumValidityYears: 10),
    ]

    /// Nationalities of visa holders (any ISO 3166-1 code is a valid nationality).
    public static let visaHolderNationalities = ["BRA", "IND", "ZAF", "MEX", "KEN", "VNM", "PHL", "ARG", "GHA", "IDN",
                                                 "MAR", "PER", "THA", "TUR", "UKR", "COL"]
}

/// What the visual inspection zone prints, exactly as printed (Doc 9303 Part 3 §3; Parts 4-7 §4.1 data element
/// directories). Dates are printed as `12 AUG 1974`.
public struct VisualZone: Sendable, Equatable, Codable {
    /// Zone I: the issuing State's name.
    public var issuingStateName: String
    /// Zone I: the document's title (`PASSPORT`, `IDENTITY CARD`, `VISA`).
    public var documentTitle: String
    /// The document type as printed beside the title (`P`, `ID`, `V`).
    public var documentCode: String
    /// The issuing State's code as printed (`NLD`).
    public var issuingStateCode: String
    /// Field 09/III (cards, passports) or 07/III (visas).
    public var documentNumber: String
    /// Field 03/II, primary identifier.
    public var surname: String
    /// Field 04/II, secondary identifier.
    public var givenNames: String
    /// Field 06/II as a three-letter code.
    public var nationality: String
    /// Field 07/II, e.g. `12 AUG 1974`.
    public var dateOfBirth: String
    /// Field 05/II: `F`, `M` or `X`.
    public var sex: String
    public var placeOfBirth: String?
    public var personalNumber: String?
    public var dateOfIssue: String?
    public var dateOfExpiry: String?
    public var authority: String?
    /// Visas, field 03/III.
    public var placeOfIssue: String?
    /// Visas, field 04/III.
    public var validFrom: String?
    /// Visas, field 05/III.
    public var validUntil: String?
    /// Visas, field 06/III.
    public var numberOfEntries: String?
    /// Visas, field 08/III.
    public var visaType: String?
}

/// How a visual zone prints its dates: Doc 9303 Parts 4-7 §4.1.1 leave the form to the issuer (only the MRZ's is
/// fixed). The generator uses these so that the VIZ/MRZ comparison sees the forms real documents print.
public enum VisualZoneDateForm: String, CaseIterable, Codable, Sendable {
    /// `12 AUG 1974`
    case monthName = "month_name"
    /// `12.08.1974`
    case dotted
    /// `12/08/1974`
    case slashed
    /// `12 08 1974`
    case spaced
    /// `12-08-1974`
    case hyphenated
    /// `12 AOÛT/AUG 1974`: French and English month names, as bilingual documents print them.
    case bilingualMonth = "bilingual_month"
}

/// The invented holder and document behind one specimen, before any forgery: the MRZ fields to compose, the
/// visual-zone values and the calendar dates they come from.
public struct SpecimenContent: Sendable, Equatable {
    public var format: MRZFormat
    public var issuer: SpecimenIssuer
    public var fields: MRZFields
    public var visualZone: VisualZone
    public var dateOfBirth: CalendarDate
    /// Date of issue, or for a visa the first day of validity.
    public var dateOfIssue: CalendarDate
    /// Date of expiry, or for a visa the last day of validity.
    public var dateOfExpiry: CalendarDate
    /// How the visual zone prints dates.
    public var dateForm: VisualZoneDateForm = .monthName

    static let femaleGivenNames = ["ANNA", "LIESBETH", "MARTA", "SOFIA", "INGRID", "CLAIRE", "NOOR", "AMARA", "HELGA",
                                   "ROSA", "YUKI", "MAEVE", "ELENA", "KAISA", "TERESA", "OLGA", "MIRIAM", "LAILA",
                                   "PAULA", "ASTRID", "NINA", "ZOFIA", "INES", "FREYA", "ANNE-MARIE", "MARIE-LOUISE"]
    static let maleGivenNames = ["JAN", "PIETER", "MARCO", "TOMAS", "LUCAS", "ERIK", "OMAR", "KENJI", "FELIX", "HUGO",
                                 "ANDRES", "MATTEO", "NIKLAS", "RUBEN", "SAMUEL", "VIKTOR", "DAVID", "KAROL", "ELIAS",
                                 "JONAS", "JEAN-PAUL", "KARL-HEINZ", "MIGUEL ANGEL"]
    static let surnames = ["VERHOEVEN", "D'AMBROSIO", "KOWALCZYK", "LINDQVIST", "MARTINEZ", "O'BRIEN", "NAKAMURA",
                           "HAVERKAMP", "SILVA", "VASQUEZ", "ACHTERBERG", "MORENO", "OKONKWO", "FERREIRA", "HALVORSEN",
                           "BRANDT", "TAMM", "RINALDI", "DUPONT", "KEANE", "LEHTINEN", "DE VRIES", "VAN DER BERG",
                           "MACKENZIE", "GALLAGHER", "PEETERS", "JANSSENS", "ROSSETTI", "SATO", "KRUGER", "HOLM",
                           "NOVAK", "ESPOSITO", "VALDIVIA", "OLSEN", "PETROVA", "SCHUURMANS", "MONTGOMERY ASHWORTH",
                           "FITZGERALD", "ABERNATHY"]
    static let consonantsAndDigits = Array("BCDFGHJKLMNPRSTVWXYZ0123456789")
    static let digits = Array("0123456789")
    static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let frenchMonths = ["JANV", "FÉVR", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOÛT", "SEPT", "OCT", "NOV", "DÉC"]
    /// Surnames and given names written with national characters in the visual zone (Doc 9303 Part 3 §6: the MRZ
    /// holds their transliteration).
    static let nationalSurnames = ["MÜLLER", "JÄRVINEN", "BJØRNSTAD", "GONZÁLEZ", "ÅBERG", "SCHRÖDER", "NUÑEZ", "LEFÈVRE",
                                   "GRÜNEWALD", "SØRENSEN", "CONCEIÇÃO", "DVOŘÁK"]
    static let nationalFemaleGivenNames = ["BJÖRK", "SØLVI", "ZOË", "RENÉE", "ÅSA", "MÄRTA"]
    static let nationalMaleGivenNames = ["JOSÉ", "SØREN", "JÜRGEN", "FRANÇOIS", "ANDRÉ", "HÅKON"]

    /// A visual-zone date in `form`: `12 AUG 1974` by default.
    public static func printed(_ date: CalendarDate, in form: VisualZoneDateForm = .monthName) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch form {
        case .monthName: return "\(two(date.day)) \(months[date.month - 1]) \(date.year)"
        case .dotted: return "\(two(date.day)).\(two(date.month)).\(date.year)"
        case .slashed: return "\(two(date.day))/\(two(date.month))/\(date.year)"
        case .spaced: return "\(two(date.day)) \(two(date.month)) \(date.year)"
        case .hyphenated: return "\(two(date.day))-\(two(date.month))-\(date.year)"
        case .bilingualMonth: return "\(two(date.day)) \(frenchMonths[date.month - 1])/\(months[date.month - 1]) \(date.year)"
        }
    }

    /// A date as this document's visual zone prints it.
    public func printed(_ date: CalendarDate) -> String { Self.printed(date, in: dateForm) }

    /// `YYMMDD`, the MRZ date form (Doc 9303 Part 3 §4.8).
    public static func machineReadable(_ date: CalendarDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return two(date.year % 100) + two(date.month) + two(date.day)
    }

    /// Name components as the MRZ writes them: apostrophes dropped, spaces and hyphens split components
    /// (Doc 9303 Part 3 §4.6).
    static func components(_ name: String) -> [String] {
        name.replacingOccurrences(of: "'", with: "")
            .split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
    }

    /// A document number of `length` characters: letters (no vowels, so no words) and digits, starting with a
    /// letter for passports as many issuers do.
    static func documentNumber(length: Int, startWithLetter: Bool, using generator: inout SplitMix64) -> String {
        var characters: [Character] = []
        for position in 0..<length {
            if position == 0 && startWithLetter {
                characters.append(generator.element(of: Array(consonantsAndDigits.prefix(20))))
            } else if position < 2 && startWithLetter && generator.chance(0.5) {
                characters.append(generator.element(of: Array(consonantsAndDigits.prefix(20))))
            } else {
                characters.append(generator.chance(0.8) ? generator.element(of: digits) : generator.element(of: consonantsAndDigits))
            }
        }
        return String(characters)
    }

    /// A random day in `range`.
    static func day(in range: ClosedRange<CalendarDate>, using generator: inout SplitMix64) -> CalendarDate {
        CalendarDate(dayNumber: generator.integer(in: range.lowerBound.dayNumber...range.upperBound.dayNumber))
    }

    /// Invents a holder and a document of `format` that is valid on `referenceDate`: expiry between 2027 and 2035
    /// (and within the issuer's maximum validity after the reference date), issued before the reference date, a
    /// holder between 18 and 85 years old.
    public static func make(format: MRZFormat, referenceDate: CalendarDate, issuer chosenIssuer: SpecimenIssuer? = nil,
                            using generator: inout SplitMix64) -> SpecimenContent {
        let issuer = chosenIssuer ?? generator.element(of: SpecimenIssuer.everyday)
        let isFemale = generator.chance(0.5)
        let unspecifiedSex = generator.chance(0.04)
        let given = generator.element(of: isFemale ? femaleGivenNames : maleGivenNames)
        let secondGiven = generator.chance(0.3) ? " " + generator.element(of: isFemale ? femaleGivenNames : maleGivenNames) : ""
        let givenNames = secondGiven.contains(given) ? given : given + secondGiven
        let surname = generator.element(of: surnames)

        let earliestBirth = referenceDate.adding(years: -85)
        let latestBirth = referenceDate.adding(years: -18)
        let birth = day(in: earliestBirth...latestBirth, using: &generator)

        // Validity: passports and cards 10 years (5 where the issuer grants no more, sometimes 5 anyway); visas 2-5.
        let validityYears: Int
        if format.isVisa {
            validityYears = generator.element(of: [2, 3, 5])
        } else {
            validityYears = min(issuer.maximumValidityYears, generator.chance(0.75) ? 10 : 5)
        }
        let earliestExpiry = max(CalendarDate(year: 2027, month: 1, day: 1)!, referenceDate.adding(days: 30))
        let latestExpiry = min(CalendarDate(year: 2035, month: 12, day: 31)!, referenceDate.adding(years: validityYears).adding(days: -1))
        let expiry = day(in: earliestExpiry...max(earliestExpiry, latestExpiry), using: &generator)
        let issue = expiry.adding(years: -validityYears).adding(days: 1)

        let nationality = format.isVisa
            ? generator.element(of: SpecimenIssuer.visaHolderNationalities.filter { $0 != issuer.code })
            : issuer.code
        let documentNumber: String
        switch format {
        case .td3: documentNumber = Self.documentNumber(length: 9, startWithLetter: true, using: &generator)
        case .td1, .td2:
            // About one card in eight carries a number longer than 9 (Doc 9303 Part 5 and Part 6 note j).
            let length = generator.chance(0.12) ? generator.integer(in: 10...12) : 9
            documentNumber = Self.documentNumber(length: length, startWithLetter: generator.chance(0.5), using: &generator)
        case .mrvA, .mrvB: documentNumber = Self.documentNumber(length: generator.integer(in: 8...9), startWithLetter: true, using: &generator)
        }

        let documentCode: String
        switch format {
        case .td3: documentCode = "P<"
        case .td1: documentCode = generator.element(of: ["I<", "ID"])
        case .td2: documentCode = generator.element(of: ["I<", "ID"])
        case .mrvA, .mrvB: documentCode = "V<"
        }
        let personalNumber: String
        if format == .td3, generator.chance(0.5) {
            personalNumber = String((0..<generator.integer(in: 9...12)).map { _ in generator.element(of: digits) })
        } else {
            personalNumber = ""
        }
        let optionalData2 = format == .td1 && generator.chance(0.4)
            ? String((0..<generator.integer(in: 6...11)).map { _ in generator.element(of: digits) })
            : ""
        let sex = unspecifiedSex ? "<" : (isFemale ? "F" : "M")

        var fields = MRZFields(
            format: format, documentCode: documentCode, issuingState: issuer.code,
            primaryIdentifier: components(surname), secondaryIdentifier: components(givenNames),
            documentNumber: documentNumber, nationality: nationality,
            dateOfBirth: machineReadable(birth), sex: sex, dateOfExpiry: machineReadable(expiry),
            optionalData: personalNumber, optionalData2: optionalData2)

        let place = generator.element(of: issuer.places)
        let title: String
        switch format {
        case .td3: title = "PASSPORT"
        case .td1, .td2: title = documentCode == "ID" ? "IDENTITY CARD" : "TRAVEL DOCUMENT"
        case .mrvA, .mrvB: title = "VISA"
        }
        var zone = VisualZone(
            issuingStateName: issuer.name, documentTitle: title,
            documentCode: String(documentCode.filter { $0 != "<" }), issuingStateCode: issuer.code,
            documentNumber: documentNumber, surname: surname, givenNames: givenNames, nationality: nationality,
            dateOfBirth: printed(birth), sex: unspecifiedSex ? "X" : (isFemale ? "F" : "M"))
        if format.isVisa {
            zone.placeOfIssue = place
            zone.validFrom = printed(issue)
            zone.validUntil = printed(expiry)
            zone.numberOfEntries = generator.element(of: ["MULT", "MULT", "1", "2"])
            zone.visaType = generator.element(of: ["C - SHORT STAY", "D - NATIONAL", "VISITOR", "BUSINESS", "STUDENT"])
        } else {
            zone.placeOfBirth = generator.element(of: issuer.places + SpecimenIssuer.everyday.flatMap(\.places).prefix(8))
            zone.dateOfIssue = printed(issue)
            zone.dateOfExpiry = printed(expiry)
            zone.authority = generator.element(of: ["MINISTRY OF FOREIGN AFFAIRS", "MUNICIPALITY OF \(place)",
                                                    "NATIONAL POLICE \(place)", "CIVIL REGISTRY \(place)"])
            zone.personalNumber = personalNumber.isEmpty ? nil : personalNumber
        }
        // Drawn last, so that a seed's documents keep everything drawn before.
        var content = SpecimenContent(format: format, issuer: issuer, fields: fields, visualZone: zone, dateOfBirth: birth,
                                      dateOfIssue: issue, dateOfExpiry: expiry)
        content.dateForm = generator.chance(0.5) ? .monthName : generator.element(of: VisualZoneDateForm.allCases.filter { $0 != .monthName })
        content.reprintDates()
        if generator.chance(0.16) {
            // A name with national characters: the MRZ holds it transliterated, mostly as recommended (`Ä` as
            // `AE`), sometimes in the simple form (`A`).
            let simple = generator.chance(0.3)
            if generator.chance(0.6) {
                content.visualZone.surname = generator.element(of: nationalSurnames)
                fields.primaryIdentifier = components(Transliteration.machineReadable(content.visualZone.surname, simple: simple))
            } else {
                content.visualZone.givenNames = generator.element(of: isFemale ? nationalFemaleGivenNames : nationalMaleGivenNames)
                fields.secondaryIdentifier = components(Transliteration.machineReadable(content.visualZone.givenNames, simple: simple))
            }
            content.fields = fields
        }
        return content
    }

    /// Prints the visual zone's dates from the calendar dates, in `dateForm`.
    mutating func reprintDates() {
        visualZone.dateOfBirth = printed(dateOfBirth)
        if format.isVisa {
            visualZone.validFrom = printed(dateOfIssue)
            visualZone.validUntil = printed(dateOfExpiry)
        } else {
            visualZone.dateOfIssue = printed(dateOfIssue)
            visualZone.dateOfExpiry = printed(dateOfExpiry)
        }
    }
}
