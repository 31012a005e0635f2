import ArgumentParser
import DocSentry
import Foundation

/// `docsentry course`: a course pack for trainees (a page that runs from a USB stick, and the trainer's answer
/// key). The work is `CourseBuilder` in the library; this file reads the options and reports.
struct Course: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a course pack: exercises for trainees in one offline page, and the trainer's answer key.",
        discussion: """
            Writes DIR/index.html (self-contained: open it in a browser, no network needed), DIR/README.txt, \
            DIR/course.json and DIR/exercises/NN.png (for docsentry quiz), and the answer key in \
            DIR/trainer/answer-key.html and .json: remove DIR/trainer before handing the pack out. Only exercises \
            DocSentry judges as their answer key says are kept; forgeries DocSentry lets pass are dropped and \
            counted. Forgeries: \(Forgery.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @Option(help: "Folder to write the pack into (created if missing; refused if not empty, unless --force).")
    var out: String

    @Option(help: "Number of exercises.")
    var count = 12

    @Option(help: "Seed: the same seed makes the same pack (default: a new one, printed).")
    var seed: UInt64?

    @Option(help: "easy (clean scans, forgeries the MRZ text shows), medium (some degraded scans, the composite forgery too) or hard (degraded scans, every forgery kind).")
    var difficulty = "medium"

    @Option(help: "Formats, e.g. TD3,TD1, or mixed (all five).")
    var formats = "mixed"

    @Option(help: "Forgery kinds, e.g. impossible_dates,specimen_number_reused, or mixed (the difficulty's).")
    var forgeries = "mixed"

    @Flag(help: "Replace the pack in a folder that is not empty.")
    var force = false

    @Option(help: "Rules folder (default: the Rules folder shipped with DocSentry).")
    var rules: String?

    @Option(help: "OCR model the answers are read with: mrz, eng or a .traineddata path.")
    var ocrModel: String = OCRModel.defaultArgument

    func run() throws {
        let chosenSeed = seed ?? UInt64(Date().timeIntervalSince1970)
        let plan: CoursePlan
        do {
            plan = try CoursePlan.parse(count: count, seed: chosenSeed, difficulty: difficulty, formats: formats, forgeries: forgeries)
        } catch {
            Console.error("course: \(error.description)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let ruleSet = try Judging.loadRules(rules)
        let scanner: ScanReader
        do {
            scanner = try ScanReader(model: OCRModel(argument: ocrModel))
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.ocrUnavailable.rawValue)
        }
        let terminal = isatty(STDERR_FILENO) == 1
        let builder = CourseBuilder(plan: plan, ruleSet: ruleSet, ocrModel: OCRModel(argument: ocrModel).description)
        let pack: CoursePack
        do {
            pack = try builder.build(into: out, scanner: scanner, force: force) { kept, candidate in
                if terminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[2Kcourse: \(kept) of \(plan.count) exercises, \(candidate) candidates judged".utf8))
                }
            }
        } catch {
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            Console.error("course: \(error.description)")
            switch error {
            case .outputNotEmpty, .invalidOption: throw ExitCode(ExitStatus.usage.rawValue)
            case .ocrUnavailable: throw ExitCode(ExitStatus.ocrUnavailable.rawValue)
            default: throw ExitCode(73)
            }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        Console.print("wrote a course pack to \(out): \(pack.summary)")
        if pack.exercises.count < plan.count {
            Console.print("only \(pack.exercises.count) of the \(plan.count) exercises asked for: DocSentry misjudged or let pass too many candidates; try another --seed or --difficulty")
        }
        Console.print("trainees: open \(out)/index.html (or run docsentry quiz \(out)); trainer: \(out)/trainer/answer-key.html (remove \(out)/trainer before handing the pack out)")
    }
}
