/// Applies a rule set to one parsed document: the issuer's profile, then every rule of `rules.yaml`.
public struct RuleEvaluator: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// What rules can test about a document besides its fields.
    public struct Input: Sendable {
        public let document: MRZDocument
        public let dateOfBirth: CalendarDate?
        public let dateOfExpiry: CalendarDate?
        public let referenceDate: CalendarDate

        public init(document: MRZDocument, dateOfBirth: CalendarDate?, dateOfExpiry: CalendarDate?, referenceDate: CalendarDate) {
            self.document = document
            self.dateOfBirth = dateOfBirth
            self.dateOfExpiry = dateOfExpiry
            self.referenceDate = referenceDate
        }
    }

    public func evaluate(_ input: Input) -> Assessment {
        var assessment = Assessment()
        checkProfile(input.document, &assessment)
        for rule in ruleSet.rules {
            evaluate(rule, input, &assessment)
        }
        return assessment
    }

    // MARK: - Profiles

    private func checkProfile(_ document: MRZDocument, _ assessment: inout Assessment) {
        guard let profile = ruleSet.profile(for: document) else {
            assessment.notPerformed("profile.document-number", because: "no profile in profiles.yaml for \(document.issuingState.isEmpty ? "<<<" : document.issuingState) \(document.documentCode) in \(document.format)")
            return
        }
        guard let regex = profile.documentNumberRegex else {
            assessment.notPerformed("profile.document-number", because: "the \(profile.issuer) profile has no document-number pattern")
            return
        }
        if regex.matches(document.documentNumber) {
            assessment.passed("profile.document-number", "matches \(regex.pattern)")
        } else if let field = document[.documentNumber] {
            assessment.failed(Finding(
                rule: "profile.document-number", severity: .warn,
                message: "document number \(document.documentNumber) does not follow \(profile.issuer)'s pattern \(regex.pattern)",
                fields: [.documentNumber], position: MRZPosition(field),
                evidence: [Evidence("printed", document.documentNumber), Evidence("pattern", regex.pattern),
                           Evidence("source", profile.source)]))
        }
    }

    // MARK: - Rules of rules.yaml

    private enum Outcome {
        case holds
        case fails(evidence: [Evidence])
        case unknown(String)
    }

    private func evaluate(_ rule: Rule, _ input: Input, _ assessment: inout Assessment) {
        for condition in rule.conditions {
            switch test(condition, input) {
            case .holds: continue
            case .fails: return assessment.notPerformed(rule.id, because: "does not apply: not (\(condition.description))")
            case let .unknown(why): return assessment.notPerformed(rule.id, because: why)
            }
        }
        for requirement in rule.requirements {
            switch test(requirement, input) {
            case .holds: continue
            case let .unknown(why): return assessment.notPerformed(rule.id, because: why)
            case let .fails(evidence):
                let field = requirement.field.mrzField.flatMap { input.document[$0] }
                let value = self.value(requirement.field, input) ?? ""
                return assessment.failed(Finding(
                    rule: rule.id, severity: rule.severity,
                    message: fill(rule.message, input, testedValue: value, listed: evidence),
                    fieldNames: requirement.field.mrzField.map { [$0.rawValue] } ?? [],
                    position: field.map(MRZPosition.init),
                    evidence: [Evidence(requirement.field.rawValue, value), Evidence("rule", requirement.description)]
                        + evidence + [Evidence("source", rule.source)]))
            }
        }
        assessment.passed(rule.id)
    }

    /// The rule's message with `{field}` names, `{value}` (the value tested) and `{listed}` (the list entries a
    /// `not_in_list` test matched, without their sources) filled in.
    private func fill(_ message: String, _ input: Input, testedValue: String, listed: [Evidence]) -> String {
        var text = message.replacingOccurrences(of: "{value}", with: testedValue)
        if text.contains("{listed}") {
            let entries = listed.map { entry in entry.value.components(separatedBy: " (").first ?? entry.value }
            text = text.replacingOccurrences(of: "{listed}", with: entries.joined(separator: ", "))
        }
        for field in RuleField.allCases where text.contains("{\(field.rawValue)}") {
            text = text.replacingOccurrences(of: "{\(field.rawValue)}", with: value(field, input) ?? "?")
        }
        return text
    }

    private func value(_ field: RuleField, _ input: Input) -> String? {
        let document = input.document
        switch field {
        case .format: return document.format.rawValue
        case .documentCode: return document.documentCode
        case .issuingState: return document.issuingState
        case .nationality: return document.nationality
        case .documentNumber: return document.documentNumber
        case .sex: return document.sex
        case .dateOfBirth: return input.dateOfBirth?.description
        case .dateOfExpiry: return input.dateOfExpiry?.description
        case .referenceDate: return input.referenceDate.description
        case .optionalData: return document[.optionalData]?.value
        case .optionalData2: return document[.optionalData2]?.value
        case .primaryIdentifier: return document.name.surname
        case .secondaryIdentifier: return document.name.givenNames
        }
    }

    private func date(_ field: RuleField, _ input: Input) -> CalendarDate? {
        switch field {
        case .dateOfBirth: input.dateOfBirth
        case .dateOfExpiry: input.dateOfExpiry
        case .referenceDate: input.referenceDate
        default: nil
        }
    }

    private func test(_ condition: Condition, _ input: Input) -> Outcome {
        let field = condition.field
        switch condition.test {
        case let .date(comparison, expression):
            guard let left = date(field, input) else { return .unknown("\(field.rawValue) is unknown or not a valid date") }
            guard let base = date(expression.base, input) else { return .unknown("\(expression.base.rawValue) is unknown or not a valid date") }
            let right = base.adding(years: expression.years).adding(months: expression.months).adding(days: expression.days)
            let holds: Bool
            switch comparison {
            case .before: holds = left < right
            case .after: holds = left > right
            case .notBefore: holds = left >= right
            case .notAfter: holds = left <= right
            }
            return holds ? .holds : .fails(evidence: [Evidence("compared_with", "\(expression) = \(right)")])
        default:
            break
        }
        guard let value = value(field, input) else { return .unknown("\(field.rawValue) is unknown") }
        switch condition.test {
        case let .equals(pattern): return Self.glob(pattern, value) ? .holds : .fails(evidence: [])
        case let .oneOf(values): return values.contains(value) ? .holds : .fails(evidence: [])
        case let .matches(regex): return regex.matches(value) ? .holds : .fails(evidence: [])
        case let .notMatches(regex): return regex.matches(value) ? .fails(evidence: []) : .holds
        case let .inList(reference):
            return lookUp(reference, field, value, input.document).isEmpty ? .fails(evidence: []) : .holds
        case let .notInList(reference):
            let hits = lookUp(reference, field, value, input.document)
            return hits.isEmpty ? .holds : .fails(evidence: hits)
        case .date: return .unknown("unreachable")
        }
    }

    /// Looks a value up; returns the matching entries as evidence (empty when absent).
    private func lookUp(_ reference: ListReference, _ field: RuleField, _ value: String, _ document: MRZDocument) -> [Evidence] {
        switch reference.list {
        case .countries:
            guard let code = ruleSet.countries[value] else { return [] }
            if let kinds = reference.kinds, !kinds.contains(code.kind) { return [] }
            if let role = reference.role, !code.roles.contains(role) { return [] }
            return [Evidence("country", "\(code.code) \(code.name) (\(code.kind.rawValue))")]
        case .documentCodes:
            let hits = ruleSet.documentCodes.filter { $0.code == value && ($0.formats.isEmpty || $0.formats.contains(document.format)) }
            return hits.map { Evidence("document_code", "\($0.code): \($0.meaning) (\($0.source))") }
        case .specimens:
            if field == .primaryIdentifier || field == .secondaryIdentifier {
                let hits = ruleSet.specimenNames.filter {
                    $0.primaryIdentifier == document.name.surname
                        && ($0.secondaryIdentifier == nil || $0.secondaryIdentifier == document.name.givenNames)
                }
                return hits.map { Evidence("specimen", "name \($0.primaryIdentifier) (\($0.source))") }
            }
            // A listed number and the document's are the same when they differ at most by OCR-B look-alikes
            // (`O`/`0`, `I`/`1`): a stolen or specimen number read with an `O` for its `0` is still that number,
            // and no issuer tells two numbers apart by those alone.
            let hits = ruleSet.specimenDocumentsByNumber.entries(matching: value).filter { reference.admits($0.issuer, for: document) }
            return hits.map { Evidence("specimen", "\($0.issuer) \($0.documentNumber) (\($0.source))\(Self.spelling($0.documentNumber, value))") }
        case .lostStolen:
            let hits = ruleSet.lostStolenByNumber.entries(matching: value).filter { reference.admits($0.issuer, for: document) }
            return hits.map { Evidence("listed", "\($0.reason) on \($0.date) (lost-stolen.csv line \($0.line))\(Self.spelling($0.documentNumber, value))") }
        }
    }

    /// Evidence text for a match made through look-alikes: how the document spells the listed number.
    static func spelling(_ listed: String, _ value: String) -> String {
        listed == value ? "" : "; read as \(value)"
    }

    /// Equality where `*` stands for any run of characters and `?` for one character.
    static func glob(_ pattern: String, _ value: String) -> Bool {
        let p = Array(pattern), v = Array(value)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i * (v.count + 1) + j] { return known }
            let result: Bool
            if i == p.count {
                result = j == v.count
            } else if p[i] == "*" {
                result = match(i + 1, j) || (j < v.count && match(i, j + 1))
            } else {
                result = j < v.count && (p[i] == "?" || p[i] == v[j]) && match(i + 1, j + 1)
            }
            memo[i * (v.count + 1) + j] = result
            return result
        }
        return match(0, 0)
    }
}
