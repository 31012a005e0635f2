/// A `YYMMDD` date as printed; any part may be unknown (`<`) in a date of birth (Doc 9303 Part 3 §4.8).
public struct MRZDate: Sendable, Equatable {
    public let raw: String
    /// Two-digit year, month, day; nil where the printed part is fillers.
    public let year: Int?
    public let month: Int?
    public let day: Int?
    /// False when a part holds something other than two digits or two fillers (`7A`, `1<`).
    public let isWellFormed: Bool

    public init(raw: String) {
        self.raw = raw
        let characters = Array(raw)
        func part(_ index: Int) -> (Int?, Bool) {
            guard characters.count == 6 else { return (nil, false) }
            let pair = characters[index..<index + 2]
            if pair.allSatisfy({ $0 == "<" }) { return (nil, true) }
            guard pair.allSatisfy(MRZCharacter.isDigit), let value = Int(String(pair)) else { return (nil, false) }
            return (value, true)
        }
        let (year, yearOK) = part(0)
        let (month, monthOK) = part(2)
        let (day, dayOK) = part(4)
        self.year = year
        self.month = month
        self.day = day
        isWellFormed = yearOK && monthOK && dayOK
    }

    /// True when every part is printed (no fillers).
    public var isComplete: Bool { year != nil && month != nil && day != nil }
}

/// What date checks need to know besides the MRZ: the day to judge against and the issuer's limits.
///
/// Validators never read the clock: the reference date is always given.
public struct DateContext: Sendable {
    public var referenceDate: CalendarDate
    /// The longest validity the issuer grants, from its profile or the policy's default.
    public var maximumValidityYears: Int
    /// Days of validity a document must have left on the reference date (policy; 0 means only "not expired").
    public var minimumRemainingValidityDays: Int

    public init(referenceDate: CalendarDate, maximumValidityYears: Int = 10, minimumRemainingValidityDays: Int = 0) {
        self.referenceDate = referenceDate
        self.maximumValidityYears = maximumValidityYears
        self.minimumRemainingValidityDays = minimumRemainingValidityDays
    }
}

/// Checks the dates of birth and expiry and resolves their centuries.
///
/// ICAO does not define the century of a two-digit year. DocSentry's rule: a date of birth takes the latest
/// century that does not put it after the reference date; a date of expiry is 20YY unless that lies beyond the
/// reference date plus the issuer's maximum validity, in which case it is 19YY (a long-expired document), unless
/// 19YY would put it before the date of birth: then it stays 20YY and fails the maximum-validity check.
public enum DateValidator {
    public struct Result: Sendable {
        public var assessment: Assessment
        public var dateOfBirth: CalendarDate?
        public var dateOfExpiry: CalendarDate?
    }

    public static func validate(_ document: MRZDocument, context: DateContext) -> Result {
        var assessment = Assessment()
        guard let birthField = document[.dateOfBirth], let expiryField = document[.dateOfExpiry] else {
            return Result(assessment: assessment)
        }
        let reference = context.referenceDate
        let birth = resolveBirth(MRZDate(raw: birthField.raw), field: birthField, reference: reference, &assessment)
        let expiryDate = MRZDate(raw: expiryField.raw)
        var expiry: CalendarDate?

        if !expiryDate.isComplete || !expiryDate.isWellFormed {
            assessment.failed(Finding(
                rule: "date.expiry.calendar", severity: .fail,
                message: "date of expiry \(expiryField.raw) is not a date: only a date of birth may hold fillers",
                fields: [.dateOfExpiry], position: MRZPosition(expiryField), evidence: [Evidence("printed", expiryField.raw)]))
        } else if let century2000 = CalendarDate(year: 2000 + expiryDate.year!, month: expiryDate.month!, day: expiryDate.day!) {
            let latest = reference.adding(years: context.maximumValidityYears)
            expiry = century2000
            if century2000 > latest {
                let century1900 = CalendarDate(year: 1900 + expiryDate.year!, month: expiryDate.month!, day: expiryDate.day!)
                if let century1900, birth.map({ century1900 > $0 }) ?? true {
                    expiry = century1900
                    assessment.passed("date.expiry.maximum-validity", "read as \(century1900): long expired")
                } else {
                    assessment.failed(Finding(
                        rule: "date.expiry.maximum-validity", severity: .fail,
                        message: "date of expiry \(century2000) is more than \(context.maximumValidityYears) years after \(reference), beyond the issuer's maximum validity",
                        fields: [.dateOfExpiry], position: MRZPosition(expiryField),
                        evidence: [Evidence("date_of_expiry", century2000.description), Evidence("latest_allowed", latest.description),
                                   Evidence("maximum_validity_years", String(context.maximumValidityYears))]))
                }
            } else {
                assessment.passed("date.expiry.maximum-validity")
            }
            assessment.passed("date.expiry.calendar")
        } else {
            assessment.failed(Finding(
                rule: "date.expiry.calendar", severity: .fail,
                message: "date of expiry \(expiryField.raw) is not a calendar date (\(describe(expiryDate)))",
                fields: [.dateOfExpiry], position: MRZPosition(expiryField), evidence: [Evidence("printed", expiryField.raw)]))
        }

        if let expiry {
            checkExpiry(expiry, birth: birth, field: expiryField, context: context, &assessment)
        } else {
            for rule in ["date.expiry.after-birth", "date.expired", "date.expiry.remaining-validity"] {
                assessment.notPerformed(rule, because: "the date of expiry could not be read as a date")
            }
        }
        return Result(assessment: assessment, dateOfBirth: birth, dateOfExpiry: expiry)
    }

    private static func resolveBirth(_ date: MRZDate, field: MRZField, reference: CalendarDate,
                                     _ assessment: inout Assessment) -> CalendarDate? {
        guard date.isWellFormed else {
            assessment.failed(Finding(
                rule: "date.birth.calendar", severity: .fail,
                message: "date of birth \(field.raw) is not a date: each of YY, MM, DD must be two digits or, when unknown, two fillers",
                fields: [.dateOfBirth], position: MRZPosition(field), evidence: [Evidence("printed", field.raw)]))
            return nil
        }
        // Check what is known: a month of 13 is impossible even when the year is unknown.
        if let month = date.month, !(1...12).contains(month) {
            failBirthCalendar(field, date, &assessment)
            return nil
        }
        if let day = date.day, day < 1 || day > CalendarDate.daysIn(month: date.month ?? 1, year: 2000) {
            failBirthCalendar(field, date, &assessment)
            return nil
        }
        guard let year = date.year, let month = date.month, let day = date.day else {
            assessment.passed("date.birth.calendar", "partly unknown date of birth (fillers), legal per Doc 9303 Part 3 §4.8")
            return nil
        }
        let recent = CalendarDate(year: 2000 + year, month: month, day: day)
        let older = CalendarDate(year: 1900 + year, month: month, day: day)
        let resolved = (recent.map { $0 <= reference } ?? false) ? recent : older
        guard let resolved else {
            failBirthCalendar(field, date, &assessment)
            return nil
        }
        assessment.passed("date.birth.calendar", "read as \(resolved)")
        if resolved > reference {
            assessment.failed(Finding(
                rule: "date.birth.future", severity: .fail,
                message: "date of birth \(resolved) is after the reference date \(reference)",
                fields: [.dateOfBirth], position: MRZPosition(field),
                evidence: [Evidence("date_of_birth", resolved.description), Evidence("reference_date", reference.description)]))
        }
        return resolved
    }

    private static func failBirthCalendar(_ field: MRZField, _ date: MRZDate, _ assessment: inout Assessment) {
        assessment.failed(Finding(
            rule: "date.birth.calendar", severity: .fail,
            message: "date of birth \(field.raw) is not a calendar date (\(describe(date)))",
            fields: [.dateOfBirth], position: MRZPosition(field), evidence: [Evidence("printed", field.raw)]))
    }

    private static func checkExpiry(_ expiry: CalendarDate, birth: CalendarDate?, field: MRZField,
                                    context: DateContext, _ assessment: inout Assessment) {
        let reference = context.referenceDate
        if let birth {
            if expiry <= birth {
                assessment.failed(Finding(
                    rule: "date.expiry.after-birth", severity: .fail,
                    message: "date of expiry \(expiry) is not after the date of birth \(birth)",
                    fields: [.dateOfExpiry, .dateOfBirth], position: MRZPosition(field),
                    evidence: [Evidence("date_of_birth", birth.description), Evidence("date_of_expiry", expiry.description)]))
            } else {
                assessment.passed("date.expiry.after-birth")
            }
        } else {
            assessment.notPerformed("date.expiry.after-birth", because: "the date of birth is unknown or unreadable")
        }
        if expiry < reference {
            assessment.failed(Finding(
                rule: "date.expired", severity: .fail,
                message: "the document expired on \(expiry) (reference date \(reference))",
                fields: [.dateOfExpiry], position: MRZPosition(field),
                evidence: [Evidence("date_of_expiry", expiry.description), Evidence("reference_date", reference.description)]))
            assessment.notPerformed("date.expiry.remaining-validity", because: "the document has expired")
            return
        }
        assessment.passed("date.expired")
        let remaining = expiry.dayNumber - reference.dayNumber
        if remaining < context.minimumRemainingValidityDays {
            assessment.failed(Finding(
                rule: "date.expiry.remaining-validity", severity: .warn,
                message: "the document is valid for \(remaining) more days; the policy asks for at least \(context.minimumRemainingValidityDays)",
                fields: [.dateOfExpiry], position: MRZPosition(field),
                evidence: [Evidence("days_remaining", String(remaining)),
                           Evidence("minimum_days", String(context.minimumRemainingValidityDays))]))
        } else {
            assessment.passed("date.expiry.remaining-validity")
        }
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    private static func describe(_ date: MRZDate) -> String {
        guard let month = date.month, (1...12).contains(month) else {
            return "month \(date.month.map(String.init) ?? "?") does not exist"
        }
        let day = date.day.map(String.init) ?? "?"
        return "\(day) \(monthNames[month - 1]) does not exist\(month == 2 && date.day == 29 ? " in that year" : "")"
    }
}
