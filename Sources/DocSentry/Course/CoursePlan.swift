import Foundation

/// How hard a course is: which forgeries, how degraded the scans, at what resolution.
public enum CourseDifficulty: String, Sendable, Codable, CaseIterable {
    /// Clean scans at 300 dpi; forgeries the MRZ text shows (a failing check digit, impossible dates, an unknown
    /// issuer, a specimen's number, a character outside the MRZ alphabet).
    case easy
    /// Half the scans mildly degraded, at 250 dpi; also the forgery that leaves only the composite check digit.
    case medium
    /// Most scans degraded, some strongly, at 200 dpi; every forgery kind, including those only the print or the
    /// visual zone shows (kept only when DocSentry catches them).
    case hard

    /// The forgeries a course of this difficulty draws from when none are named.
    public var forgeries: [Forgery] {
        let visibleInTheText: [Forgery] = [.fieldAlteredCheckDigitLeft, .impossibleDates, .invalidIssuingState,
                                           .specimenNumberReused, .nonMRZCharacters]
        switch self {
        case .easy: return visibleInTheText
        case .medium: return visibleInTheText + [.checkDigitRecomputedCompositeLeft]
        case .hard: return Forgery.allCases
        }
    }

    var dotsPerInch: Int {
        switch self {
        case .easy: 300
        case .medium: 250
        case .hard: 200
        }
    }

    /// Degradations a scan of this difficulty may have: none, mild ones, or up to two of any strength but extreme.
    func degradations(for format: MRZFormat, using generator: inout SplitMix64) -> [DegradationStep] {
        let gentle: [Degradation] = [.smallRotation, .noise, .lowContrast, .blur, .unevenLighting, .jpegArtifacts]
        switch self {
        case .easy:
            return []
        case .medium:
            guard generator.chance(0.5) else { return [] }
            return [DegradationStep(generator.element(of: gentle.filter { $0.supports(format) }), level: .mild)]
        case .hard:
            let candidates = (gentle + [.perspective, .lowResolution, .rotation90, .rotation180]).filter { $0.supports(format) }
            var steps: [DegradationStep] = []
            let wanted = generator.chance(0.25) ? 0 : (generator.chance(0.6) ? 1 : 2)
            while steps.count < wanted {
                let kind = generator.element(of: candidates)
                if steps.contains(where: { $0.kind.order == kind.order || ($0.kind.isGeometric && kind.isGeometric) }) { continue }
                steps.append(DegradationStep(kind, level: generator.chance(0.5) ? .mild : .strong))
            }
            return steps
        }
    }
}

/// What a course pack is made of: how many exercises, from which seed, how hard, which formats and forgeries.
///
/// Candidates are drawn document by document from the seed, so the same plan gives the same pack; a candidate
/// DocSentry does not judge as its answer key says is dropped (`CourseBuilder`), and the next one drawn.
public struct CoursePlan: Sendable, Equatable {
    public var count: Int
    public var seed: UInt64
    public var difficulty: CourseDifficulty
    /// The formats to draw from (all five by default).
    public var formats: [MRZFormat]
    /// The forgeries to draw from (the difficulty's by default).
    public var forgeries: [Forgery]
    /// The share of genuine documents, 0-1.
    public var genuineShare: Double
    public var referenceDate: CalendarDate

    public init(count: Int, seed: UInt64, difficulty: CourseDifficulty = .medium, formats: [MRZFormat] = MRZFormat.allCases,
                forgeries: [Forgery]? = nil, genuineShare: Double = 0.35,
                referenceDate: CalendarDate = SpecimenRequest.defaultReferenceDate) {
        self.count = count
        self.seed = seed
        self.difficulty = difficulty
        self.formats = formats
        self.forgeries = forgeries ?? difficulty.forgeries
        self.genuineShare = genuineShare
        self.referenceDate = referenceDate
    }

    /// Reads the command line's values: `--formats TD1,TD3` or `mixed`, `--forgeries KIND,KIND` or `mixed`.
    public static func parse(count: Int, seed: UInt64, difficulty: String, formats: String, forgeries: String) throws(CourseError) -> CoursePlan {
        guard (1...200).contains(count) else { throw .invalidOption(option: "--count", value: String(count), expected: "a number of exercises from 1 to 200") }
        guard let level = CourseDifficulty(rawValue: difficulty.lowercased()) else {
            throw .invalidOption(option: "--difficulty", value: difficulty, expected: CourseDifficulty.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var formatList = MRZFormat.allCases
        if formats.lowercased() != "mixed" {
            formatList = []
            for name in formats.split(separator: ",") {
                guard let format = MRZFormat(name: String(name)) else {
                    throw .invalidOption(option: "--formats", value: String(name), expected: "TD1, TD2, TD3, MRVA, MRVB or mixed, joined by commas")
                }
                if !formatList.contains(format) { formatList.append(format) }
            }
        }
        var forgeryList: [Forgery]?
        if forgeries.lowercased() != "mixed" {
            var list: [Forgery] = []
            for name in forgeries.split(separator: ",") {
                guard let forgery = Forgery(name: String(name)) else {
                    throw .invalidOption(option: "--forgeries", value: String(name), expected: Forgery.allCases.map(\.rawValue).joined(separator: ", ") + " or mixed")
                }
                if !list.contains(forgery) { list.append(forgery) }
            }
            forgeryList = list
        }
        let plan = CoursePlan(count: count, seed: seed, difficulty: level, formats: formatList, forgeries: forgeryList)
        for forgery in plan.forgeries where !plan.formats.contains(where: forgery.supports) {
            throw .invalidOption(option: "--forgeries", value: forgery.rawValue,
                                 expected: "a forgery one of the formats allows (\(forgery.rawValue) needs a composite check digit: TD1, TD2 or TD3)")
        }
        guard !plan.formats.isEmpty, !plan.forgeries.isEmpty || plan.genuineShare > 0 else {
            throw .invalidOption(option: "--formats", value: formats, expected: "at least one format")
        }
        return plan
    }

    /// Candidates drawn before the builder gives up on filling the pack.
    public var maximumCandidates: Int { count * 4 + 8 }

    /// The document candidate `index` would be: genuine or forged, its format, forgery and degradations.
    public func request(for index: Int) -> SpecimenRequest {
        var generator = SplitMix64(seed: seed, stream: UInt64(index), purpose: "course")
        let forgery: Forgery? = forgeries.isEmpty || generator.chance(genuineShare) ? nil : generator.element(of: forgeries)
        let format = generator.element(of: formats.filter { forgery?.supports($0) ?? true })
        let degradations = difficulty.degradations(for: format, using: &generator)
        return SpecimenRequest(seed: seed, index: index, format: format, forgery: forgery, degradations: degradations,
                               dotsPerInch: difficulty.dotsPerInch, referenceDate: referenceDate)
    }
}

/// Why a course pack could not be made.
public enum CourseError: Error, Sendable, CustomStringConvertible {
    case invalidOption(option: String, value: String, expected: String)
    case outputNotEmpty(path: String)
    case writeFailed(path: String, reason: String)
    case generation(GenerateError)
    case ocrUnavailable(RecognizeError)
    case notACourse(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(option, value, expected): "\(option) '\(value)': expected \(expected)"
        case let .outputNotEmpty(path): "\(path): the folder exists and is not empty (give another --out, or --force to replace the pack)"
        case let .writeFailed(path, reason): "\(path): cannot write: \(reason)"
        case let .generation(error): error.description
        case let .ocrUnavailable(error): error.description
        case let .notACourse(path, reason): "\(path): not a course pack (\(reason)); make one with docsentry course --out DIR"
        }
    }
}
