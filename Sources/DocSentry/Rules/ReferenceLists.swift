import Foundation

/// One issuing-state or nationality code (`countries.yaml`), ICAO Doc 9303 Part 3 §5.
public struct CountryCode: Sendable, Equatable {
    /// What kind of code it is: ISO 3166-1, an ICAO addition, an organisation, a specimen code, ...
    public enum Kind: String, Sendable, CaseIterable {
        case iso, icao, organization
        case noNationality = "no-nationality"
        case deprecated, specimen
        case icaoInternal = "icao-internal"
        case nonICAO = "non-icao"
    }
    public enum Role: String, Sendable, CaseIterable { case issuer, nationality }

    public let code: String
    public let name: String
    public let kind: Kind
    public let roles: Set<Role>
    public let note: String?
}

/// A document code convention (`document-codes.yaml`).
public struct DocumentCodeConvention: Sendable, Equatable {
    public let code: String
    public let formats: [MRZFormat]
    public let meaning: String
    public let source: String
}

/// What an issuer's documents look like (`profiles.yaml`); every fact carries its source.
public struct IssuerProfile: Sendable {
    public let issuer: String
    public let formats: [MRZFormat]
    public let documentCodes: [String]
    public let documentNumberPattern: String?
    let documentNumberRegex: RegexBox?
    public let maximumValidityYears: Int?
    public let source: String
    public let note: String?

    /// Whether the profile describes this document: same issuer, and the format and document code among those
    /// the profile names (when it names any).
    ///
    /// A profile describes only the documents it lists: a German temporary passport (`PP`) is not judged by the
    /// ordinary passport's profile, since nobody has sourced its number format.
    public func applies(to document: MRZDocument) -> Bool {
        document.issuingState == issuer && (formats.isEmpty || formats.contains(document.format))
            && (documentCodes.isEmpty || documentCodes.contains(document.documentCode))
    }
}

/// A published specimen (`specimens.yaml`): by issuer and number, or by name.
public struct SpecimenDocument: Sendable, Equatable {
    public let issuer: String
    public let documentNumber: String
    public let source: String
}

public struct SpecimenName: Sendable, Equatable {
    public let primaryIdentifier: String
    public let secondaryIdentifier: String?
    public let source: String
}

/// A record of the local lost/stolen/revoked list (`lost-stolen.csv`), keyed by issuer and number.
public struct LostStolenRecord: Sendable, Equatable {
    public let issuer: String
    public let documentNumber: String
    public let reason: String
    public let date: CalendarDate
    public let line: Int
}

/// A compiled regular expression that can be shared between threads (it is never mutated after creation).
final class RegexBox: @unchecked Sendable {
    let pattern: String
    let expression: NSRegularExpression

    init(_ pattern: String) throws {
        self.pattern = pattern
        expression = try NSRegularExpression(pattern: pattern)
    }

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

extension YAMLFile {
    func regex(_ node: Node, what: String) throws(RulesError) -> RegexBox {
        let pattern = try string(node, what: what)
        do {
            return try RegexBox(pattern)
        } catch {
            throw invalid(node, "\(what) '\(pattern)' is not a valid regular expression")
        }
    }

    func format(_ node: Node) throws(RulesError) -> MRZFormat {
        let name = try string(node, what: "a format")
        guard let format = MRZFormat(name: name) else {
            throw invalid(node, "unknown format '\(name)'; use TD1, TD2, TD3, MRVA or MRVB")
        }
        return format
    }

    func formats(_ node: Node?) throws(RulesError) -> [MRZFormat] {
        guard let node else { return [] }
        var result: [MRZFormat] = []
        for item in try sequence(node, what: "formats") { result.append(try format(item)) }
        return result
    }
}

import Yams

enum ReferenceListLoader {
    static func countries(_ file: YAMLFile) throws(RulesError) -> [String: CountryCode] {
        var result: [String: CountryCode] = [:]
        for node in try file.topLevel(listKey: "codes") {
            let entry = try file.mapping(node, allowed: ["code", "name", "kind", "roles", "note"],
                                         required: ["code", "name", "kind"], what: "a country code")
            let code = try file.string(entry["code"]!, what: "code")
            guard (1...3).contains(code.count), code.allSatisfy(MRZCharacter.isLetter) else {
                throw file.invalid(entry["code"]!, "code '\(code)' must be 1 to 3 letters A-Z, written without fillers")
            }
            let kindName = try file.string(entry["kind"]!, what: "kind")
            guard let kind = CountryCode.Kind(rawValue: kindName) else {
                throw file.invalid(entry["kind"]!, "unknown kind '\(kindName)'; use one of \(CountryCode.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var roles = Set(CountryCode.Role.allCases)
            if let rolesNode = entry["roles"] {
                roles = []
                for name in try file.strings(rolesNode, what: "roles") {
                    guard let role = CountryCode.Role(rawValue: name) else {
                        throw file.invalid(rolesNode, "unknown role '\(name)'; use issuer or nationality")
                    }
                    roles.insert(role)
                }
            }
            guard result[code] == nil else { throw file.invalid(node, "code \(code) is listed twice") }
            result[code] = CountryCode(code: code, name: try file.string(entry["name"]!, what: "name"), kind: kind,
                                       roles: roles, note: try entry["note"].map { n throws(RulesError) in try file.string(n, what: "note") })
        }
        return result
    }

    static func documentCodes(_ file: YAMLFile) throws(RulesError) -> [DocumentCodeConvention] {
        var result: [DocumentCodeConvention] = []
        for node in try file.topLevel(listKey: "codes") {
            let entry = try file.mapping(node, allowed: ["code", "formats", "meaning", "source"],
                                         required: ["code", "formats", "meaning", "source"], what: "a document code")
            let code = try file.string(entry["code"]!, what: "code")
            guard code.count == 2, code.allSatisfy(MRZCharacter.isValid) else {
                throw file.invalid(entry["code"]!, "document code '\(code)' must be two MRZ characters, e.g. P< or ID")
            }
            result.append(DocumentCodeConvention(
                code: code, formats: try file.formats(entry["formats"]),
                meaning: try file.string(entry["meaning"]!, what: "meaning"),
                source: try file.string(entry["source"]!, what: "source")))
        }
        return result
    }

    static func profiles(_ file: YAMLFile) throws(RulesError) -> [IssuerProfile] {
        var result: [IssuerProfile] = []
        for node in try file.topLevel(listKey: "profiles") {
            let entry = try file.mapping(
                node, allowed: ["issuer", "formats", "document_codes", "document_number", "maximum_validity_years", "source", "note"],
                required: ["issuer", "source"], what: "a profile")
            let codes = try entry["document_codes"].map { n throws(RulesError) in try file.strings(n, what: "document_codes") } ?? []
            for code in codes where code.count != 2 {
                throw file.invalid(entry["document_codes"]!, "document code '\(code)' must be two characters (write P< for a plain passport)")
            }
            let regex = try entry["document_number"].map { n throws(RulesError) in try file.regex(n, what: "document_number") }
            let years = try entry["maximum_validity_years"].map { n throws(RulesError) in try file.int(n, what: "maximum_validity_years") }
            if let years, !(1...100).contains(years) {
                throw file.invalid(entry["maximum_validity_years"]!, "maximum_validity_years \(years) must be between 1 and 100")
            }
            result.append(IssuerProfile(
                issuer: try file.string(entry["issuer"]!, what: "issuer"), formats: try file.formats(entry["formats"]),
                documentCodes: codes, documentNumberPattern: regex?.pattern, documentNumberRegex: regex,
                maximumValidityYears: years, source: try file.string(entry["source"]!, what: "source"),
                note: try entry["note"].map { n throws(RulesError) in try file.string(n, what: "note") }))
        }
        return result
    }

    static func specimens(_ file: YAMLFile) throws(RulesError) -> ([SpecimenDocument], [SpecimenName]) {
        let top = try file.mapping(file.root, allowed: ["version", "documents", "names"], required: ["version"], what: "the file")
        guard try file.int(top["version"]!, what: "version") == 1 else {
            throw file.invalid(top["version"]!, "only version 1 is supported")
        }
        var documents: [SpecimenDocument] = []
        for node in try top["documents"].map({ n throws(RulesError) in try file.sequence(n, what: "documents") }) ?? [] {
            let entry = try file.mapping(node, allowed: ["issuer", "document_number", "source", "note"],
                                         required: ["issuer", "document_number", "source"], what: "a specimen document")
            documents.append(SpecimenDocument(
                issuer: try file.string(entry["issuer"]!, what: "issuer"),
                documentNumber: try file.string(entry["document_number"]!, what: "document_number"),
                source: try file.string(entry["source"]!, what: "source")))
        }
        var names: [SpecimenName] = []
        for node in try top["names"].map({ n throws(RulesError) in try file.sequence(n, what: "names") }) ?? [] {
            let entry = try file.mapping(node, allowed: ["primary_identifier", "secondary_identifier", "source", "note"],
                                         required: ["primary_identifier", "source"], what: "a specimen name")
            names.append(SpecimenName(
                primaryIdentifier: try file.string(entry["primary_identifier"]!, what: "primary_identifier"),
                secondaryIdentifier: try entry["secondary_identifier"].map { n throws(RulesError) in try file.string(n, what: "secondary_identifier") },
                source: try file.string(entry["source"]!, what: "source")))
        }
        return (documents, names)
    }

    /// `issuer,document_number,reason,date`, one record a line.
    static func lostStolen(path: String) throws(RulesError) -> [LostStolenRecord] {
        let text = try YAMLFile.text(path)
        var records: [LostStolenRecord] = []
        let reasons = ["lost", "stolen", "revoked", "invalidated"]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let number = index + 1
            if line.isEmpty { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0 {
                guard cells == ["issuer", "document_number", "reason", "date"] else {
                    throw .invalid(path: path, line: 1, problem: "the header must be exactly issuer,document_number,reason,date")
                }
                continue
            }
            guard cells.count == 4 else {
                throw .syntax(path: path, line: number, column: 1, problem: "expected 4 comma-separated values, found \(cells.count)")
            }
            guard reasons.contains(cells[2]) else {
                throw .invalid(path: path, line: number, problem: "reason '\(cells[2])' must be one of \(reasons.joined(separator: ", "))")
            }
            guard let date = CalendarDate(iso: cells[3]) else {
                throw .invalid(path: path, line: number, problem: "date '\(cells[3])' must be YYYY-MM-DD")
            }
            guard !cells[0].isEmpty, !cells[1].isEmpty, (cells[0] + cells[1]).allSatisfy(MRZCharacter.isValid) else {
                throw .invalid(path: path, line: number, problem: "issuer and document number must be MRZ characters (A-Z, 0-9)")
            }
            records.append(LostStolenRecord(issuer: cells[0], documentNumber: cells[1], reason: cells[2], date: date, line: number))
        }
        return records
    }
}
