import Foundation

/// Everything in a rules folder, checked on load.
///
/// The folder holds `countries.yaml`, `document-codes.yaml`, `profiles.yaml`, `specimens.yaml`,
/// `lost-stolen.csv`, `policy.yaml` and `rules.yaml`; `Rules/README.md` describes each.
public struct RuleSet: Sendable {
    public let directory: String
    public let countries: [String: CountryCode]
    public let documentCodes: [DocumentCodeConvention]
    public let profiles: [IssuerProfile]
    public let specimenDocuments: [SpecimenDocument]
    public let specimenNames: [SpecimenName]
    public let lostStolen: [LostStolenRecord]
    public let policy: Policy
    public let rules: [Rule]
    /// The plain-language explanation of every rule id, in one language (`explanations/en.yaml`).
    public let explanations: ExplanationCatalogue
    /// `specimenDocuments` and `lostStolen` by document number, look-alikes folded: the list rules' lookups.
    public let specimenDocumentsByNumber: LookAlikeIndex<SpecimenDocument>
    public let lostStolenByNumber: LookAlikeIndex<LostStolenRecord>

    init(directory: String, countries: [String: CountryCode], documentCodes: [DocumentCodeConvention], profiles: [IssuerProfile],
         specimenDocuments: [SpecimenDocument], specimenNames: [SpecimenName], lostStolen: [LostStolenRecord], policy: Policy,
         rules: [Rule], explanations: ExplanationCatalogue) {
        self.directory = directory
        self.countries = countries
        self.documentCodes = documentCodes
        self.profiles = profiles
        self.specimenDocuments = specimenDocuments
        self.specimenNames = specimenNames
        self.lostStolen = lostStolen
        self.policy = policy
        self.rules = rules
        self.explanations = explanations
        specimenDocumentsByNumber = LookAlikeIndex(specimenDocuments, number: \.documentNumber)
        lostStolenByNumber = LookAlikeIndex(lostStolen, number: \.documentNumber)
    }

    public static let fileNames = ["countries.yaml", "document-codes.yaml", "profiles.yaml", "specimens.yaml",
                                   "lost-stolen.csv", "policy.yaml", "rules.yaml"]

    /// Loads and checks a rules folder; throws every problem found, each with file and line.
    ///
    /// The explanations of `language` (`explanations/LANG.yaml`) are checked when the file is there; a missing file
    /// or a missing entry is for `lintExplanations()` to report: texts for people never stop a check.
    public static func load(directory: String, language: String = ExplanationCatalogue.defaultLanguage) throws(RulesErrors) -> RuleSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RulesErrors(errors: [.missingDirectory(path: directory)])
        }
        var errors: [RulesError] = []
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        func load<T>(_ name: String, _ body: (String) throws(RulesError) -> T) -> T? {
            guard FileManager.default.fileExists(atPath: path(name)) else {
                errors.append(.missingFile(path: path(name)))
                return nil
            }
            do {
                return try body(path(name))
            } catch {
                errors.append(error)
                return nil
            }
        }
        let countries = load("countries.yaml") { p throws(RulesError) in try ReferenceListLoader.countries(YAMLFile(path: p)) }
        let codes = load("document-codes.yaml") { p throws(RulesError) in try ReferenceListLoader.documentCodes(YAMLFile(path: p)) }
        let profiles = load("profiles.yaml") { p throws(RulesError) in try ReferenceListLoader.profiles(YAMLFile(path: p)) }
        let specimens = load("specimens.yaml") { p throws(RulesError) in try ReferenceListLoader.specimens(YAMLFile(path: p)) }
        let lostStolen = load("lost-stolen.csv") { p throws(RulesError) in try ReferenceListLoader.lostStolen(path: p) }
        let policy = load("policy.yaml") { p throws(RulesError) in try Policy.load(YAMLFile(path: p)) }
        let rules = load("rules.yaml") { p throws(RulesError) in try RuleLoader.rules(YAMLFile(path: p)) }
        let explanationsPath = ExplanationCatalogue.path(in: directory, language: language)
        var explanations = ExplanationCatalogue(language: language, path: explanationsPath, entries: [:])
        if FileManager.default.fileExists(atPath: explanationsPath) {
            do {
                explanations = try ExplanationCatalogue.load(path: explanationsPath)
            } catch {
                errors.append(error)
            }
        }

        if let profiles, let countries {
            for profile in profiles where countries[profile.issuer] == nil {
                errors.append(.invalid(path: path("profiles.yaml"), line: 1,
                                       problem: "profile issuer '\(profile.issuer)' is not in countries.yaml"))
            }
        }
        if let policy, let rules {
            let known = Set(BuiltInRules.ids + rules.map(\.id))
            for (rule, line) in policy.severityLines.sorted(by: { $0.value < $1.value }) where !known.contains(rule) {
                let hint = YAMLFile.closest(rule, in: Array(known)).map { " (did you mean '\($0)'?)" } ?? ""
                errors.append(.invalid(path: path("policy.yaml"), line: line, problem: "unknown rule id '\(rule)'\(hint)"))
            }
        }
        guard errors.isEmpty, let countries, let codes, let profiles, let specimens, let lostStolen, let policy, let rules else {
            throw RulesErrors(errors: errors)
        }
        return RuleSet(directory: directory, countries: countries, documentCodes: codes, profiles: profiles,
                       specimenDocuments: specimens.0, specimenNames: specimens.1, lostStolen: lostStolen,
                       policy: policy, rules: rules, explanations: explanations)
    }

    /// The profile that describes `document`, if any.
    public func profile(for document: MRZDocument) -> IssuerProfile? {
        profiles.first { $0.applies(to: document) }
    }
}

/// The rule ids DocSentry's own checks (the ICAO standard, profiles, OCR) report, which `policy.yaml` may name.
public enum BuiltInRules {
    public static let ids: [String] = [
        "mrz.check-digit.document-number", "mrz.check-digit.date-of-birth", "mrz.check-digit.date-of-expiry",
        "mrz.check-digit.optional-data", "mrz.check-digit.composite",
        "mrz.document-code.format", "mrz.field.characters", "mrz.sex", "mrz.sex.x", "mrz.name.syntax",
        "mrz.name.possibly-truncated",
        "date.birth.calendar", "date.birth.future", "date.expiry.calendar", "date.expiry.after-birth", "date.expired",
        "date.expiry.remaining-validity", "date.expiry.maximum-validity",
        "profile.document-number",
        "ocr.correction", "ocr.check-digit-repair", "ocr.low-confidence", "image.no-mrz",
        GarbageRead.ruleID, OverruledRead.ruleID,
    ] + PrintForensics.ruleIDs + VisualZoneCheck.ruleIDs
}
