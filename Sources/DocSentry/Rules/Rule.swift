import Yams

/// A rule written as data in `rules.yaml`: when the conditions hold, the requirements must hold too.
///
/// A trainer adds a rule without touching Swift:
/// ```yaml
/// - id: issuer.utopia.number-pattern
///   description: Utopian passport numbers are a letter and eight characters
///   when: {issuing_state: UTO, document_code: "P*"}
///   require: {document_number: {matches: "^[A-Z][0-9A-Z]{8}$"}}
///   severity: warn
///   message: "document number {document_number} does not follow Utopia's pattern"
///   source: "where the fact comes from"
/// ```
public struct Rule: Sendable {
    public let id: String
    public let description: String
    let conditions: [Condition]
    let requirements: [Condition]
    public let severity: Severity
    /// The message of the finding, with `{field}` placeholders filled in from the document.
    public let message: String
    public let source: String
    /// Line of the rule in its file.
    public let line: Int
}

/// The document values a rule can test.
enum RuleField: String, Sendable, CaseIterable {
    case format
    case documentCode = "document_code"
    case issuingState = "issuing_state"
    case nationality
    case documentNumber = "document_number"
    case sex
    case dateOfBirth = "date_of_birth"
    case dateOfExpiry = "date_of_expiry"
    case optionalData = "optional_data"
    case optionalData2 = "optional_data_2"
    case primaryIdentifier = "primary_identifier"
    case secondaryIdentifier = "secondary_identifier"
    case referenceDate = "reference_date"

    var isDate: Bool { self == .dateOfBirth || self == .dateOfExpiry || self == .referenceDate }

    var mrzField: MRZFieldName? {
        switch self {
        case .documentCode: .documentCode
        case .issuingState: .issuingState
        case .nationality: .nationality
        case .documentNumber: .documentNumber
        case .sex: .sex
        case .dateOfBirth: .dateOfBirth
        case .dateOfExpiry: .dateOfExpiry
        case .optionalData: .optionalData
        case .optionalData2: .optionalData2
        case .primaryIdentifier, .secondaryIdentifier: .name
        case .format, .referenceDate: nil
        }
    }
}

/// The lists a rule can look a value up in.
enum ListName: String, Sendable, CaseIterable {
    case countries
    case documentCodes = "document-codes"
    case specimens
    case lostStolen = "lost-stolen"
}

struct ListReference: Sendable {
    /// Whose entries a document-number lookup (`specimens`, `lost-stolen`) matches: the document's own issuer's
    /// (the default: a number is unique only within its issuer), another issuer's, or any.
    enum Issuer: String, Sendable, CaseIterable {
        case same, other, any
    }

    let list: ListName
    let kinds: Set<CountryCode.Kind>?
    let role: CountryCode.Role?
    var issuer: Issuer = .same
}

extension ListReference {
    /// Whether a listed document of `listedIssuer` is one this reference looks at for `document`.
    func admits(_ listedIssuer: String, for document: MRZDocument) -> Bool {
        switch issuer {
        case .same: listedIssuer == document.issuingState
        case .other: listedIssuer != document.issuingState
        case .any: true
        }
    }
}

/// `reference_date + 10y`, `date_of_birth - 6m`.
struct DateExpression: Sendable, CustomStringConvertible {
    let base: RuleField
    let years: Int
    let months: Int
    let days: Int
    let text: String
    var description: String { text }
}

enum DateComparison: String, Sendable, CaseIterable {
    case before, after
    case notBefore = "not_before"
    case notAfter = "not_after"
}

/// One test of one field.
struct Condition: Sendable {
    enum Test: Sendable {
        case equals(String)
        case oneOf([String])
        case matches(RegexBox)
        case notMatches(RegexBox)
        case inList(ListReference)
        case notInList(ListReference)
        case date(DateComparison, DateExpression)
    }
    let field: RuleField
    let test: Test

    var description: String {
        switch test {
        case let .equals(value): "\(field.rawValue) is \(value)"
        case let .oneOf(values): "\(field.rawValue) is one of \(values.joined(separator: ", "))"
        case let .matches(regex): "\(field.rawValue) matches \(regex.pattern)"
        case let .notMatches(regex): "\(field.rawValue) does not match \(regex.pattern)"
        case let .inList(list): "\(field.rawValue) is in \(list.list.rawValue)"
        case let .notInList(list): "\(field.rawValue) is not in \(list.list.rawValue)"
        case let .date(comparison, expression): "\(field.rawValue) is \(comparison.rawValue.replacingOccurrences(of: "_", with: " ")) \(expression)"
        }
    }
}

enum RuleLoader {
    static let operators = ["equals", "one_of", "matches", "not_matches", "in_list", "not_in_list"]
        + DateComparison.allCases.map(\.rawValue)

    static func rules(_ file: YAMLFile) throws(RulesError) -> [Rule] {
        var rules: [Rule] = []
        var seen: Set<String> = []
        for node in try file.topLevel(listKey: "rules") {
            let entry = try file.mapping(
                node, allowed: ["id", "description", "when", "require", "severity", "message", "source"],
                required: ["id", "description", "require", "severity", "message", "source"], what: "a rule")
            let id = try file.string(entry["id"]!, what: "id")
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }), !id.isEmpty else {
                throw file.invalid(entry["id"]!, "rule id '\(id)' may hold only letters, digits, '.' and '-'")
            }
            guard seen.insert(id).inserted else { throw file.invalid(entry["id"]!, "rule id '\(id)' is used twice") }
            let severityName = try file.string(entry["severity"]!, what: "severity")
            guard let severity = Severity(rawValue: severityName) else {
                throw file.invalid(entry["severity"]!, "severity '\(severityName)' must be fail, warn or info")
            }
            let message = try file.string(entry["message"]!, what: "message")
            try checkPlaceholders(message, file: file, node: entry["message"]!)
            let requirements = try conditions(file, entry["require"]!, what: "require", globScalars: false)
            guard !requirements.isEmpty else { throw file.invalid(entry["require"]!, "require must test at least one field") }
            rules.append(Rule(
                id: id, description: try file.string(entry["description"]!, what: "description"),
                conditions: try entry["when"].map { n throws(RulesError) in try conditions(file, n, what: "when", globScalars: true) } ?? [],
                requirements: requirements, severity: severity, message: message,
                source: try file.string(entry["source"]!, what: "source"), line: file.line(node)))
        }
        return rules
    }

    private static func checkPlaceholders(_ message: String, file: YAMLFile, node: Node) throws(RulesError) {
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            guard RuleField(rawValue: name) != nil || name == "value" || name == "listed" else {
                throw file.invalid(node, "unknown placeholder {\(name)} in message; use a field name such as {document_number}")
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    /// `{field: value}` (equality; `*` and `?` are wildcards) or `{field: {operator: argument, ...}}`.
    static func conditions(_ file: YAMLFile, _ node: Node, what: String, globScalars: Bool) throws(RulesError) -> [Condition] {
        let entries = try file.mapping(node, allowed: RuleField.allCases.map(\.rawValue), what: what)
        var result: [Condition] = []
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
            let field = RuleField(rawValue: name)!
            if case .scalar = value {
                result.append(Condition(field: field, test: .equals(try file.string(value, what: name))))
                continue
            }
            let tests = try file.mapping(value, allowed: operators, what: "the tests of \(name)")
            for (op, argument) in tests.sorted(by: { $0.key < $1.key }) {
                result.append(Condition(field: field, test: try test(file, op, argument, field: field)))
            }
        }
        return result
    }

    private static func test(_ file: YAMLFile, _ op: String, _ argument: Node, field: RuleField) throws(RulesError) -> Condition.Test {
        switch op {
        case "equals": return .equals(try file.string(argument, what: op))
        case "one_of": return .oneOf(try file.strings(argument, what: op))
        case "matches": return .matches(try file.regex(argument, what: op))
        case "not_matches": return .notMatches(try file.regex(argument, what: op))
        case "in_list": return .inList(try listReference(file, argument))
        case "not_in_list": return .notInList(try listReference(file, argument))
        default:
            guard field.isDate else { throw file.invalid(argument, "\(op) compares dates, but \(field.rawValue) is not a date") }
            return .date(DateComparison(rawValue: op)!, try dateExpression(file, argument))
        }
    }

    private static func listReference(_ file: YAMLFile, _ node: Node) throws(RulesError) -> ListReference {
        func listName(_ node: Node) throws(RulesError) -> ListName {
            let name = try file.string(node, what: "a list name")
            guard let list = ListName(rawValue: name) else {
                throw file.invalid(node, "unknown list '\(name)'; lists are \(ListName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return list
        }
        if case .scalar = node { return ListReference(list: try listName(node), kinds: nil, role: nil) }
        let entry = try file.mapping(node, allowed: ["list", "kinds", "role", "issuer"], required: ["list"], what: "a list reference")
        var kinds: Set<CountryCode.Kind>?
        if let kindsNode = entry["kinds"] {
            kinds = []
            for name in try file.strings(kindsNode, what: "kinds") {
                guard let kind = CountryCode.Kind(rawValue: name) else {
                    throw file.invalid(kindsNode, "unknown kind '\(name)'; use one of \(CountryCode.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kinds?.insert(kind)
            }
        }
        var role: CountryCode.Role?
        if let roleNode = entry["role"] {
            let name = try file.string(roleNode, what: "role")
            guard let parsed = CountryCode.Role(rawValue: name) else { throw file.invalid(roleNode, "role must be issuer or nationality") }
            role = parsed
        }
        var issuer = ListReference.Issuer.same
        if let issuerNode = entry["issuer"] {
            let name = try file.string(issuerNode, what: "issuer")
            guard let parsed = ListReference.Issuer(rawValue: name) else {
                throw file.invalid(issuerNode, "issuer must be one of \(ListReference.Issuer.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            issuer = parsed
        }
        return ListReference(list: try listName(entry["list"]!), kinds: kinds, role: role, issuer: issuer)
    }

    /// `reference_date`, `date_of_birth + 18y`, `date_of_expiry - 6m`, `reference_date + 30d`.
    private static func dateExpression(_ file: YAMLFile, _ node: Node) throws(RulesError) -> DateExpression {
        let text = try file.string(node, what: "a date")
        let parts = text.split(separator: " ")
        guard let baseName = parts.first, let base = RuleField(rawValue: String(baseName)), base.isDate else {
            throw file.invalid(node, "'\(text)' must start with reference_date, date_of_birth or date_of_expiry")
        }
        var years = 0, months = 0, days = 0
        if parts.count == 3, parts[1] == "+" || parts[1] == "-", let unit = parts[2].last,
            let amount = Int(parts[2].dropLast())
        {
            let signed = parts[1] == "-" ? -amount : amount
            switch unit {
            case "y": years = signed
            case "m": months = signed
            case "d": days = signed
            default: throw file.invalid(node, "'\(text)': the offset's unit must be y, m or d, e.g. + 10y")
            }
        } else if parts.count != 1 {
            throw file.invalid(node, "'\(text)' must be a date field, optionally followed by + or - and an offset like 10y, 6m or 30d")
        }
        return DateExpression(base: base, years: years, months: months, days: days, text: text)
    }
}
