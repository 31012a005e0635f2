import Foundation

/// A course pack as built: the exercises DocSentry judges as their keys say, their images and walk-throughs, and
/// what was dropped.
public struct CoursePack: Sendable {
    public let plan: CoursePlan
    public let title: String
    public let exercises: [Exercise]
    /// One per exercise: DocSentry's walk-through, shown to a trainee who answers wrong.
    public let walkthroughs: [Walkthrough]
    /// One per exercise: the image as written to `exercises/`.
    public let images: [[UInt8]]
    public let drops: CourseDrops
    /// Candidates generated to fill the pack.
    public let candidates: Int
    public let ocrModel: String

    /// The one-line summary `docsentry course` prints.
    public var summary: String {
        let genuine = exercises.filter { $0.forgeries.isEmpty }
        let forged = exercises.filter { !$0.forgeries.isEmpty }
        func verdicts(_ list: [Exercise]) -> String {
            Verdict.allCases.compactMap { verdict in
                let n = list.filter { $0.answer.verdict == verdict }.count
                return n == 0 ? nil : "\(n) \(verdict.rawValue)"
            }.joined(separator: ", ")
        }
        var text = "\(exercises.count) exercise\(exercises.count == 1 ? "" : "s") (\(genuine.count) genuine"
        if !genuine.isEmpty { text += ": \(verdicts(genuine))" }
        text += "; \(forged.count) forged"
        if !forged.isEmpty { text += ": \(verdicts(forged))" }
        text += ") from \(candidates) candidate\(candidates == 1 ? "" : "s"), seed \(plan.seed), \(plan.difficulty.rawValue)"
        if drops.total > 0 {
            var parts: [String] = []
            let passed = drops.forgeriesPassed.values.reduce(0, +)
            if passed > 0 {
                let kinds = drops.forgeriesPassed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                parts.append("\(passed) forger\(passed == 1 ? "y" : "ies") DocSentry lets pass (\(kinds))")
            }
            if drops.misjudged > 0 { parts.append("\(drops.misjudged) DocSentry judged otherwise than the key (a misread scan)") }
            if drops.unreadable > 0 { parts.append("\(drops.unreadable) unreadable") }
            text += "; dropped \(drops.total): " + parts.joined(separator: "; ")
        }
        return text
    }
}

/// Makes a course pack: draws candidates from the plan, judges each with DocSentry from its image file (as the
/// quiz will), keeps those DocSentry judges as their answer key says, and writes the trainees' page, the quiz's
/// manifest and the trainer's answer key.
///
/// A forged candidate DocSentry lets pass is never shipped: its lesson would be wrong. It is counted in the
/// summary by forgery kind, so that a trainer sees which kinds the tool cannot yet teach.
public struct CourseBuilder {
    public let plan: CoursePlan
    public let inspector: Inspector
    /// What the answers were read with, recorded for the quiz.
    public let ocrModel: String

    public init(plan: CoursePlan, ruleSet: RuleSet, ocrModel: String) {
        self.plan = plan
        inspector = Inspector(ruleSet: ruleSet, mode: .checkpoint, referenceDate: plan.referenceDate)
        self.ocrModel = ocrModel
    }

    /// The files of a pack, which `force` replaces.
    static let packEntries = ["index.html", CourseManifest.fileName, "exercises", "trainer", "README.txt"]

    /// Builds the pack into `folder`: `index.html`, `README.txt`, `course.json`, `exercises/NN.png`, and
    /// `trainer/answer-key.json` and `.html`. `progress` is told each candidate as it is judged.
    public func build(into folder: String, scanner: ScanReader, force: Bool = false,
                      progress: ((_ kept: Int, _ candidate: Int) -> Void)? = nil) throws(CourseError) -> CoursePack {
        let files = FileManager.default
        let existing = (try? files.contentsOfDirectory(atPath: folder)) ?? []
        if !existing.filter({ !$0.hasPrefix(".") }).isEmpty {
            guard force else { throw .outputNotEmpty(path: folder) }
            for entry in Self.packEntries { try? files.removeItem(atPath: (folder as NSString).appendingPathComponent(entry)) }
        }
        let exercisesFolder = (folder as NSString).appendingPathComponent("exercises")
        do {
            try files.createDirectory(atPath: exercisesFolder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: exercisesFolder, reason: error.localizedDescription)
        }
        let width = plan.count < 100 ? 2 : 3
        var exercises: [Exercise] = []
        var walkthroughs: [Walkthrough] = []
        var images: [[UInt8]] = []
        var drops = CourseDrops()
        var candidates = 0
        for index in 0..<plan.maximumCandidates where exercises.count < plan.count {
            candidates += 1
            let number = exercises.count + 1
            let name = "exercises/" + String(repeating: "0", count: max(0, width - String(number).count)) + "\(number).png"
            let specimen: GeneratedSpecimen
            do {
                specimen = try SpecimenGenerator.generate(plan.request(for: index), fileName: (name as NSString).lastPathComponent)
            } catch {
                throw .generation(error)
            }
            let key = specimen.answerKey
            guard key.readable else {
                drops.unreadable += 1
                continue
            }
            let path = (folder as NSString).appendingPathComponent(name)
            guard files.createFile(atPath: path, contents: Data(specimen.png)) else {
                throw .writeFailed(path: path, reason: "could not create the file")
            }
            let walkthrough: Walkthrough
            do {
                walkthrough = try inspector.explain(file: path, scanner: { scanner })
            } catch {
                throw .writeFailed(path: path, reason: error.description)
            }
            progress?(exercises.count, candidates)
            let verdict = walkthrough.report.verdict
            let forged = !key.forgeries.isEmpty
            if forged, verdict == .pass {
                for forgery in key.forgeries { drops.forgeriesPassed[forgery.kind.rawValue, default: 0] += 1 }
                try? files.removeItem(atPath: path)
                continue
            }
            guard verdict != .unreadable, verdict == key.expectedVerdict || verdict == key.expectedVerdictWithForensics else {
                if verdict == .unreadable { drops.unreadable += 1 } else { drops.misjudged += 1 }
                try? files.removeItem(atPath: path)
                continue
            }
            exercises.append(Exercise(number: number, image: name, format: key.format, answer: ExerciseAnswer(report: walkthrough.report),
                                      forgeries: key.forgeries, degradations: key.degradations, mrzLines: key.mrzLines,
                                      seed: key.seed, index: key.index))
            walkthroughs.append(walkthrough)
            images.append(specimen.png)
        }
        let title = "MRZ course \(plan.seed)"
        let pack = CoursePack(plan: plan, title: title, exercises: exercises, walkthroughs: walkthroughs, images: images,
                              drops: drops, candidates: candidates, ocrModel: ocrModel)
        try write(pack, into: folder)
        return pack
    }

    private func write(_ pack: CoursePack, into folder: String) throws(CourseError) {
        let manifest = CourseManifest(title: pack.title, seed: plan.seed, difficulty: plan.difficulty, referenceDate: plan.referenceDate,
                                      mode: .checkpoint, ocrModel: ocrModel, exercises: pack.exercises.map(\.image))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let trainer = (folder as NSString).appendingPathComponent("trainer")
        do {
            try FileManager.default.createDirectory(atPath: trainer, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: trainer, reason: error.localizedDescription)
        }
        let key = CourseAnswerKey(pack: pack, rules: inspector.ruleSet)
        let outputs: [(String, Data?)] = [
            (CourseManifest.fileName, try? encoder.encode(manifest)),
            ("index.html", Data(CoursePage(pack: pack, rules: inspector.ruleSet).html().utf8)),
            ("README.txt", Data(CoursePage.readme(pack).utf8)),
            ("trainer/answer-key.json", try? encoder.encode(key)),
            ("trainer/answer-key.html", Data(CourseKeyPage(pack: pack, key: key).html().utf8)),
        ]
        for (name, data) in outputs {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data, FileManager.default.createFile(atPath: path, contents: data + Data("\n".utf8)) else {
                throw .writeFailed(path: path, reason: "could not create the file")
            }
        }
    }
}

/// The trainer's answer key (`trainer/answer-key.json`): per exercise, the right verdict and fields, the rules
/// DocSentry fired, and how the document was made.
public struct CourseAnswerKey: Sendable, Codable {
    public struct Entry: Sendable, Codable {
        public let number: Int
        public let image: String
        public let format: MRZFormat
        public let verdict: Verdict
        /// The fields that betray the document, in words.
        public let fields: [String]
        public let fieldIds: [String]
        /// The rules DocSentry fired, with their titles.
        public let rules: [String]
        public let ruleTitles: [String]
        /// What the forger did (empty for a genuine document).
        public let forgeries: [ForgeryRecord]
        public let degradations: [DegradationRecord]
        public let mrzLines: [String]
        public let seed: UInt64
        public let index: Int
    }

    public var schemaVersion = 1
    public let title: String
    public let seed: UInt64
    public let difficulty: CourseDifficulty
    public let referenceDate: CalendarDate
    public let mode: Mode
    public let ocrModel: String
    public let exercises: [Entry]
    public let dropped: CourseDrops
    public let candidates: Int

    init(pack: CoursePack, rules: RuleSet) {
        title = pack.title
        seed = pack.plan.seed
        difficulty = pack.plan.difficulty
        referenceDate = pack.plan.referenceDate
        mode = .checkpoint
        ocrModel = pack.ocrModel
        dropped = pack.drops
        candidates = pack.candidates
        exercises = pack.exercises.map { exercise in
            Entry(number: exercise.number, image: exercise.image, format: exercise.format, verdict: exercise.answer.verdict,
                  fields: exercise.answer.fields.map { MRZFieldName(rawValue: $0)?.description ?? $0 },
                  fieldIds: exercise.answer.fields, rules: exercise.answer.rules,
                  ruleTitles: exercise.answer.rules.map { rules.explanations[$0]?.title ?? $0 },
                  forgeries: exercise.forgeries, degradations: exercise.degradations, mrzLines: exercise.mrzLines,
                  seed: exercise.seed, index: exercise.index)
        }
    }
}
