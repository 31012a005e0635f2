import DocSentry
import Testing

@Suite struct DateValidatorTests {
    let reference = CalendarDate(iso: "2026-11-25")!

    func run(birth: String, expiry: String, maximumValidity: Int = 10, reference: CalendarDate? = nil) -> DateValidator.Result {
        let fields = MRZFields(format: .td3, documentCode: "P<", issuingState: "UTO", primaryIdentifier: ["A"],
                               secondaryIdentifier: ["B"], documentNumber: "X1234567", nationality: "UTO",
                               dateOfBirth: birth, sex: "F", dateOfExpiry: expiry)
        let document = MRZParser.parse(try! MRZText(lines: MRZComposer.compose(fields)))
        return DateValidator.validate(document, context: DateContext(referenceDate: reference ?? self.reference, maximumValidityYears: maximumValidity))
    }

    func failedRules(_ result: DateValidator.Result) -> [String] { result.assessment.findings.map(\.rule) }

    @Test func birthTakesTheLatestCenturyNotAfterTheReferenceDate() {
        #expect(run(birth: "740812", expiry: "300101").dateOfBirth == CalendarDate(year: 1974, month: 8, day: 12))
        #expect(run(birth: "200101", expiry: "300101").dateOfBirth == CalendarDate(year: 2020, month: 1, day: 1))
        #expect(run(birth: "261126", expiry: "300101").dateOfBirth == CalendarDate(year: 1926, month: 11, day: 26))
        #expect(run(birth: "261125", expiry: "300101").dateOfBirth == CalendarDate(year: 2026, month: 11, day: 25))
    }

    @Test func expiryIs20YYUnlessBeyondTheMaximumValidity() {
        #expect(run(birth: "740812", expiry: "360101").dateOfExpiry == CalendarDate(year: 2036, month: 1, day: 1))
        // 2040 is beyond 2026 + 10 years: 1940, a long-expired document... before the birth in 1974, so it stays
        // 2040 and fails the maximum-validity check.
        let beyond = run(birth: "740812", expiry: "400101")
        #expect(beyond.dateOfExpiry == CalendarDate(year: 2040, month: 1, day: 1))
        #expect(failedRules(beyond) == ["date.expiry.maximum-validity"])
        // With a 15-year maximum the same date is fine.
        #expect(failedRules(run(birth: "740812", expiry: "400101", maximumValidity: 15)).isEmpty)
        // Born in 1930, expiry "95": 2095 is beyond the maximum, so 1995: expired, not an error of century.
        let old = run(birth: "300101", expiry: "950101")
        #expect(old.dateOfExpiry == CalendarDate(year: 1995, month: 1, day: 1))
        #expect(failedRules(old) == ["date.expired"])
    }

    @Test func impossibleDatesAreFindingsNotCrashes() {
        #expect(failedRules(run(birth: "741312", expiry: "300101")) == ["date.birth.calendar"])
        #expect(failedRules(run(birth: "740431", expiry: "300101")) == ["date.birth.calendar"])
        // 29 February 1911: valid check digits, impossible date (real-scans.md).
        let leap = run(birth: "110229", expiry: "300101")
        #expect(failedRules(leap) == ["date.birth.calendar"])
        #expect(leap.assessment.findings.first?.message.contains("29 February does not exist") == true)
        #expect(failedRules(run(birth: "740812", expiry: "300230")) == ["date.expiry.calendar"])
        // 29 February 2000 exists.
        #expect(failedRules(run(birth: "000229", expiry: "300101")).isEmpty)
    }

    /// Doc 9303 Part 3 §4.8: unknown parts of a date of birth are fillers, which is legal.
    @Test func fillersInTheDateOfBirthMeanUnknown() {
        let unknownDay = run(birth: "7408<<", expiry: "300101")
        #expect(failedRules(unknownDay).isEmpty)
        #expect(unknownDay.dateOfBirth == nil)
        #expect(unknownDay.assessment.checks.contains { $0.rule == "date.expiry.after-birth" && $0.status == .notPerformed })
        #expect(failedRules(run(birth: "<<<<<<", expiry: "300101")).isEmpty)
        #expect(failedRules(run(birth: "7413<<", expiry: "300101")) == ["date.birth.calendar"])
        #expect(failedRules(run(birth: "740812", expiry: "3001<<")) == ["date.expiry.calendar"])
    }

    @Test func expiryBeforeBirthAndExpiredDocuments() {
        #expect(failedRules(run(birth: "200101", expiry: "191231")).contains("date.expiry.after-birth"))
        let expired = run(birth: "740812", expiry: "120415")
        #expect(failedRules(expired) == ["date.expired"])
        #expect(expired.assessment.findings[0].evidence.contains(Evidence("date_of_expiry", "2012-04-15")))
    }

    @Test func calendarArithmetic() {
        let date = CalendarDate(year: 2024, month: 2, day: 29)!
        #expect(date.adding(years: 1) == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(date.adding(months: -3) == CalendarDate(year: 2023, month: 11, day: 29))
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        #expect(date.adding(days: 1) == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
    }
}
