import Foundation

/// What to generate for one document.
public struct SpecimenRequest: Sendable, Equatable {
    /// The run's seed; with `index`, the only source of everything the generator varies.
    public var seed: UInt64
    public var index: Int
    public var format: MRZFormat
    /// Nil for a genuine document.
    public var forgery: Forgery?
    public var degradations: [DegradationStep]
    /// Rendering resolution, 150-600.
    public var dotsPerInch: Int
    /// Print `SPECIMEN` across the visual zone.
    public var specimenOverprint: Bool
    /// The day the answer key's expected verdicts are judged on.
    public var referenceDate: CalendarDate

    /// The fixed reference date of generated answer keys: every genuine document is valid on it.
    public static let defaultReferenceDate = CalendarDate(year: 2026, month: 11, day: 25)!

    public init(seed: UInt64, index: Int, format: MRZFormat, forgery: Forgery? = nil, degradations: [DegradationStep] = [],
                dotsPerInch: Int = 300, specimenOverprint: Bool = false, referenceDate: CalendarDate = defaultReferenceDate) {
        self.seed = seed
        self.index = index
        self.format = format
        self.forgery = forgery
        self.degradations = degradations
        self.dotsPerInch = dotsPerInch
        self.specimenOverprint = specimenOverprint
        self.referenceDate = referenceDate
    }
}

/// One generated document: the PNG, its pixels, and its answer key.
public struct GeneratedSpecimen: Sendable {
    public let png: [UInt8]
    public let image: RGBImage
    public let answerKey: AnswerKey
}

/// Makes synthetic travel documents with answer keys: `generate(_:fileName:)` is the one entry point; `design(_:)`
/// gives the content, MRZ and expectations without drawing, for tests that need many documents quickly.
///
/// The steps: invent a holder and document (`SpecimenContent`), compose the MRZ with every check digit
/// (`MRZComposer`, Doc 9303 Part 3 §4.9), apply the forgery (`Forgery`), draw the page (`PageRenderer`, Cairo),
/// apply the degradations in capture order (`Degradation`), encode the PNG and write the key (`AnswerKey`).
/// Each step draws from its own `SplitMix64` stream, so the same request gives byte-identical output.
public enum SpecimenGenerator {
    /// Content, MRZ lines, visual zone, forgery records and expected verdicts, without an image.
    public static func design(_ request: SpecimenRequest) throws(GenerateError) -> SpecimenDesign {
        var contentGenerator = SplitMix64(seed: request.seed, stream: UInt64(request.index), purpose: "content")
        let content = SpecimenContent.make(format: request.format, referenceDate: request.referenceDate, using: &contentGenerator)
        var design = SpecimenDesign(content: content)
        if let forgery = request.forgery {
            var forgeryGenerator = SplitMix64(seed: request.seed, stream: UInt64(request.index), purpose: "forgery")
            try forgery.apply(to: &design, referenceDate: request.referenceDate, dotsPerInch: request.dotsPerInch,
                              using: &forgeryGenerator)
        }
        for step in request.degradations where !step.kind.supports(request.format) {
            throw .degradationNotSupported(degradation: step.kind, format: request.format)
        }
        return design
    }

    /// Renders, degrades and encodes one document; `fileName` is what the answer key calls the image.
    public static func generate(_ request: SpecimenRequest, fileName: String) throws(GenerateError) -> GeneratedSpecimen {
        guard (50...1200).contains(request.dotsPerInch) else {
            throw .invalidNumber(option: "dots per inch", value: String(request.dotsPerInch), expected: "a resolution from 50 to 1200")
        }
        let design = try design(request)
        let steps = request.degradations.sorted { $0.kind.order < $1.kind.order }
        let kinds = Set(steps.map(\.kind))
        let bothSides = kinds.contains(.twoSides) || (design.requiresFrontSide && design.format == .td1 && !kinds.contains(.mrzCrop))

        var renderGenerator = SplitMix64(seed: request.seed, stream: UInt64(request.index), purpose: "render")
        let renderer = PageRenderer(dotsPerInch: request.dotsPerInch, specimenOverprint: request.specimenOverprint)
        let page = try renderer.render(design, bothSides: bothSides, using: &renderGenerator)

        var degradationGenerator = SplitMix64(seed: request.seed, stream: UInt64(request.index), purpose: "degradation")
        var degrading = DegradingImage(image: page.image, transform: .identity, dotsPerInch: Double(request.dotsPerInch),
                                       machineReadableZoneCorners: page.machineReadableZoneCorners.map { ($0[0], $0[1]) })
        for step in steps {
            let level = step.level ?? (degradationGenerator.chance(0.5) ? .mild : .strong)
            let effective: DegradationLevel = !step.kind.hasLevels ? .mild
                : (level == .extreme && !step.kind.canBeExtreme ? .strong : level)
            try degrading.apply(step.kind, level: effective, using: &degradationGenerator)
        }

        let readable = !degrading.records.contains { $0.unreadable }
        let visualZoneVisible = !kinds.contains(.mrzCrop)
        var expectedWithForensics = design.expectedVerdictWithForensics
        if !visualZoneVisible, design.forgeries.contains(where: { $0.kind == .visualZoneMismatch }) {
            expectedWithForensics = design.expectedVerdict
        }
        let corners = degrading.currentCorners.map { [round($0.0 * 10) / 10, round($0.1 * 10) / 10] }
        let key = AnswerKey(
            file: fileName, seed: request.seed, index: request.index, format: request.format,
            mrzLines: design.lines, mrzTextValid: (try? MRZText(lines: design.lines)) != nil,
            fields: AnswerKeyFields(design.content.fields), visualZone: design.visualZone,
            sides: kinds.contains(.mrzCrop) ? ["mrz_only"] : page.sides,
            forgeries: design.forgeries, degradations: degrading.records,
            dpi: (degrading.dotsPerInch * 100).rounded() / 100, renderedDpi: request.dotsPerInch,
            imageWidth: degrading.image.width, imageHeight: degrading.image.height,
            mrzBox: MRZBox(corners: corners), mrzGeometry: DocumentGeometry.of(request.format),
            specimenOverprint: request.specimenOverprint, referenceDate: request.referenceDate, mode: .checkpoint,
            readable: readable,
            expectedVerdict: readable ? design.expectedVerdict : .unreadable,
            expectedRules: readable ? design.expectedRules : [],
            expectedVerdictWithForensics: readable ? expectedWithForensics : .unreadable)
        let png = try degrading.image.pngData()
        return GeneratedSpecimen(png: png, image: degrading.image, answerKey: key)
    }
}

/// A run of `docsentry generate`: how many documents, from which seed, and how each one's format, forgery and
/// degradations are chosen. `mixed` choices are drawn per document from the seed, so a run is reproducible.
public struct GenerationPlan: Sendable, Equatable {
    public enum FormatChoice: Sendable, Equatable {
        case fixed(MRZFormat)
        case mixed
    }

    public enum ForgeryChoice: Sendable, Equatable {
        case none
        case fixed(Forgery)
        case mixed
    }

    public enum DegradationChoice: Sendable, Equatable {
        case none
        case fixed([DegradationStep])
        case mixed
    }

    public var count: Int
    public var seed: UInt64
    public var format: FormatChoice
    public var forgery: ForgeryChoice
    public var degradation: DegradationChoice
    public var dotsPerInch: Int
    public var specimenOverprint: Bool
    /// Prepended to file names: `td3-0007.png`.
    public var prefix: String
    public var referenceDate: CalendarDate

    /// Reads the command-line values; every error is one line naming the option.
    public static func parse(count: String, seed: String, format: String, forgery: String, degradation: String,
                             dotsPerInch: String, specimenOverprint: Bool, prefix: String = "") throws(GenerateError) -> GenerationPlan {
        guard let countValue = Int(count), (1...100_000).contains(countValue) else {
            throw .invalidNumber(option: "--count", value: count, expected: "a whole number from 1 to 100000")
        }
        guard let seedValue = UInt64(seed) else {
            throw .invalidNumber(option: "--seed", value: seed, expected: "a whole number from 0 to 18446744073709551615")
        }
        guard let dpiValue = Int(dotsPerInch), (150...600).contains(dpiValue) else {
            throw .invalidNumber(option: "--dpi", value: dotsPerInch, expected: "a resolution from 150 to 600")
        }
        guard prefix.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .invalidNumber(option: "--prefix", value: prefix, expected: "letters, digits, - and _")
        }
        let formatChoice: FormatChoice
        if format.lowercased() == "mixed" {
            formatChoice = .mixed
        } else if let value = MRZFormat(name: format) {
            formatChoice = .fixed(value)
        } else {
            throw .unknownFormat(format)
        }
        let forgeryChoice: ForgeryChoice
        switch forgery.lowercased() {
        case "none": forgeryChoice = .none
        case "mixed": forgeryChoice = .mixed
        default:
            guard let value = Forgery(name: forgery) else { throw .unknownForgery(forgery) }
            if case let .fixed(fixedFormat) = formatChoice, !value.supports(fixedFormat) {
                throw .forgeryNotSupported(forgery: value, format: fixedFormat)
            }
            forgeryChoice = .fixed(value)
        }
        let degradationChoice: DegradationChoice
        switch degradation.lowercased() {
        case "none": degradationChoice = .none
        case "mixed": degradationChoice = .mixed
        default:
            var steps: [DegradationStep] = []
            for item in degradation.split(separator: ",") {
                let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                guard let kind = Degradation(name: parts[0]) else { throw .unknownDegradation(parts[0]) }
                var level: DegradationLevel?
                if parts.count == 2 {
                    guard let value = DegradationLevel(rawValue: parts[1].lowercased()) else { throw .unknownDegradationLevel(parts[1]) }
                    level = value
                }
                if case let .fixed(fixedFormat) = formatChoice, !kind.supports(fixedFormat) {
                    throw .degradationNotSupported(degradation: kind, format: fixedFormat)
                }
                steps.append(DegradationStep(kind, level: level))
            }
            guard !steps.isEmpty else { throw .unknownDegradation(degradation) }
            degradationChoice = .fixed(steps)
        }
        return GenerationPlan(count: countValue, seed: seedValue, format: formatChoice, forgery: forgeryChoice,
                              degradation: degradationChoice, dotsPerInch: dpiValue, specimenOverprint: specimenOverprint,
                              prefix: prefix, referenceDate: SpecimenRequest.defaultReferenceDate)
    }

    /// The file name (without extension) of document `index`: `0007`, or `td3-0007` with a prefix.
    public func baseName(for index: Int) -> String {
        let width = max(4, String(count - 1).count)
        let number = String(index)
        let padded = String(repeating: "0", count: max(0, width - number.count)) + number
        return prefix.isEmpty ? padded : "\(prefix)-\(padded)"
    }

    /// The request for document `index`, with the plan's mixed choices drawn from the seed.
    public func request(for index: Int) -> SpecimenRequest {
        var generator = SplitMix64(seed: seed, stream: UInt64(index), purpose: "plan")
        var forgeryValue: Forgery?
        switch forgery {
        case .none: forgeryValue = nil
        case let .fixed(value): forgeryValue = value
        case .mixed: forgeryValue = generator.chance(0.35) ? nil : generator.element(of: Forgery.allCases)
        }
        let formatValue: MRZFormat
        switch format {
        case let .fixed(value): formatValue = value
        case .mixed:
            let candidates = MRZFormat.allCases.filter { forgeryValue?.supports($0) ?? true }
            formatValue = generator.element(of: candidates)
        }
        var steps: [DegradationStep] = []
        switch degradation {
        case .none: break
        case let .fixed(value): steps = value
        case .mixed:
            let roll = generator.unit()
            let wanted = roll < 0.3 ? 0 : (roll < 0.8 ? 1 : 2)
            let candidates = Degradation.allCases.filter { $0.supports(formatValue) }
            while steps.count < wanted {
                let kind = generator.element(of: candidates)
                let conflicts = steps.contains { existing in
                    existing.kind.order == kind.order
                        || (existing.kind.isGeometric && kind.isGeometric)
                        || [existing.kind, kind].contains(.twoSides) && [existing.kind, kind].contains(.mrzCrop)
                }
                if conflicts { continue }
                let level: DegradationLevel = kind.canBeExtreme && generator.chance(0.1)
                    ? .extreme : (generator.chance(0.5) ? .mild : .strong)
                steps.append(DegradationStep(kind, level: level))
            }
        }
        return SpecimenRequest(seed: seed, index: index, format: formatValue, forgery: forgeryValue, degradations: steps,
                               dotsPerInch: dotsPerInch, specimenOverprint: specimenOverprint, referenceDate: referenceDate)
    }

    /// Generates every document into `directory` as `NAME.png` and `NAME.json`, on all cores; the output does not
    /// depend on the number of cores. Returns the answer keys in index order.
    public func run(into directory: String) throws(GenerateError) -> [AnswerKey] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: error.localizedDescription)
        }
        let results = ResultSlots(count: count)
        let plan = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let name = plan.baseName(for: index)
            do throws(GenerateError) {
                let specimen = try SpecimenGenerator.generate(plan.request(for: index), fileName: name + ".png")
                let imagePath = (directory as NSString).appendingPathComponent(name + ".png")
                let keyPath = (directory as NSString).appendingPathComponent(name + ".json")
                guard FileManager.default.createFile(atPath: imagePath, contents: Data(specimen.png)) else {
                    throw .writeFailed(path: imagePath, reason: "could not create the file")
                }
                guard FileManager.default.createFile(atPath: keyPath, contents: try specimen.answerKey.encoded()) else {
                    throw .writeFailed(path: keyPath, reason: "could not create the file")
                }
                results.store(.success(specimen.answerKey), at: index)
            } catch {
                results.store(.failure(error), at: index)
            }
        }
        var keys: [AnswerKey] = []
        for result in results.all() {
            switch result {
            case let .success(key): keys.append(key)
            case let .failure(error): throw error
            case nil: throw .renderingFailed("a document was not generated")
            }
        }
        return keys
    }
}

/// Per-index results written from several threads.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<AnswerKey, GenerateError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: Result<AnswerKey, GenerateError>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func all() -> [Result<AnswerKey, GenerateError>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
