import ArgumentParser
import DocSentry
import Foundation

/// `docsentry quiz DIR`: a course pack's exercises on a terminal. Scoring and reading the answers are
/// `QuizInput` and `QuizScore` in the library, the explanations `WalkthroughText`; this file asks and prints.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take a course pack's exercises on a terminal: verdict and field for each, scored and explained.",
        discussion: """
            Shows each exercise's path, and the document itself where the terminal shows pictures (kitty, \
            iTerm2, WezTerm, sixel terminals; --images chooses). The answers are DocSentry's own, worked out \
            again from each image, so the pack's folder holds none for the trainee to find. Ctrl-D ends the quiz \
            with the score so far.
            """)

    @Argument(help: "The course pack's folder (made by docsentry course).")
    var directory: String

    @Option(help: "How to show the documents: auto, kitty, iterm, sixel or none (the path only).")
    var images = "auto"

    @Option(help: "Rules folder (default: the Rules folder shipped with DocSentry).")
    var rules: String?

    @Option(help: "OCR model (default: the one the pack was made with).")
    var ocrModel: String?

    func run() throws {
        let manifest: CourseManifest
        do {
            manifest = try CourseManifest.load(folder: directory)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        let protocolChoice: TerminalImage
        if images == "auto" {
            protocolChoice = isatty(STDOUT_FILENO) == 1 ? TerminalImage.detect(environment: ProcessInfo.processInfo.environment) : .none
        } else if let chosen = TerminalImage(rawValue: images) {
            protocolChoice = chosen
        } else {
            Console.error("--images '\(images)': expected auto, kitty, iterm, sixel or none")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let inspector = Inspector(ruleSet: try Judging.loadRules(rules), mode: manifest.mode, referenceDate: manifest.referenceDate)
        let scanner: ScanReader
        do {
            scanner = try ScanReader(model: OCRModel(argument: ocrModel ?? manifest.ocrModel))
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.ocrUnavailable.rawValue)
        }
        let total = manifest.exercises.count
        let width = Console.columns
        Console.print("DocSentry quiz: \(manifest.title), \(total) exercise\(total == 1 ? "" : "s") (\(manifest.difficulty.rawValue)).")
        Console.print("Judge each document as of \(manifest.referenceDate), at a checkpoint: pass, review or reject, and the field that betrays it. Ctrl-D ends the quiz.")
        var score = QuizScore()
        exercises: for (offset, image) in manifest.exercises.enumerated() {
            let number = offset + 1
            let path = (directory as NSString).appendingPathComponent(image)
            let walkthrough: Walkthrough
            do {
                walkthrough = try inspector.explain(file: path, scanner: { scanner })
            } catch {
                Console.error(error.description)
                continue
            }
            let answer = ExerciseAnswer(report: walkthrough.report)
            Console.print("\nExercise \(number) of \(total): \(path)")
            if protocolChoice != .none, let png = FileManager.default.contents(atPath: path), let page = walkthrough.scan?.page {
                FileHandle.standardOutput.write(Data(protocolChoice.sequence(png: Array(png), raster: page, columns: min(width, 100)).utf8))
            } else {
                Console.print("(open the image to see the document)")
            }
            guard let verdict = ask("Verdict? 1 pass · 2 review · 3 reject: ", again: "Answer 1, 2 or 3 (or pass, review, reject).",
                                    QuizInput.verdict) else { break exercises }
            let format = walkthrough.document?.format ?? .td3
            Console.print("Which field betrays it? Its number, a character as line:column (e.g. 2:20), or Enter for nothing:")
            Console.print(fieldList(format, width: width))
            let fieldCount = QuizInput.choices(format).count
            let again = "Give a number from 1 to \(fieldCount), a character's line:column within \(format.lineCount) lines of \(format.lineLength), or Enter for nothing."
            guard let field = ask("> ", again: again, { text in
                let choice = QuizInput.field(text, format: format)
                return choice == .invalid ? nil : choice
            }) else { break exercises }
            let (verdictRight, fieldRight) = score.record(number, verdict: verdict, field: field, answer: answer)
            let betrays = answer.fields.isEmpty ? "nothing (the document passes)"
                : answer.fields.map { MRZFieldName(rawValue: $0)?.description ?? $0 }.joined(separator: ", ")
            if verdictRight && fieldRight {
                Console.print("Right: \(answer.verdict.rawValue.uppercased()); what betrays it: \(betrays).")
            } else {
                var text = "Not quite."
                if !verdictRight { text += " You said \(verdict.rawValue.uppercased()); the answer is \(answer.verdict.rawValue.uppercased())." }
                if !fieldRight {
                    if case let .field(name) = field { text += " You named the \(name.description)." } else { text += " You named nothing." }
                }
                text += " What betrays it: \(betrays)."
                Console.print(text + " Here is how DocSentry explains it:\n")
                Console.print(WalkthroughText(color: Console.useColor, width: width, brief: true).render(walkthrough))
            }
            Console.print(score.summary(of: total))
            if number < total, ask("Enter for the next exercise: ", again: "", { $0 }) == nil { break exercises }
        }
        Console.print("\n" + score.summary(of: total) + (score.mistakes.isEmpty ? "." : ". Mistakes: exercise\(score.mistakes.count == 1 ? "" : "s") \(score.mistakes.map(String.init).joined(separator: ", ")): docsentry explain shows them again."))
    }

    /// Asks until `parse` accepts the line; nil at the end of the input (Ctrl-D).
    private func ask<T>(_ prompt: String, again: String, _ parse: (String) -> T?) -> T? {
        while true {
            FileHandle.standardOutput.write(Data(prompt.utf8))
            guard let line = readLine() else {
                Console.print("")
                return nil
            }
            if let value = parse(line) { return value }
            Console.print(again)
        }
    }

    private func fieldList(_ format: MRZFormat, width: Int) -> String {
        let items = QuizInput.choices(format).enumerated().map { index, spec in
            let columns = spec.columns.count > 1 ? "\(spec.columns.lowerBound + 1)-\(spec.columns.upperBound)" : "\(spec.columns.lowerBound + 1)"
            let number = String(index + 1)
            return String(repeating: " ", count: max(0, 3 - number.count)) + "\(number) \(spec.name.description) (\(spec.line + 1):\(columns))"
        }
        let cell = (items.map(\.count).max() ?? 20) + 2
        let perRow = max(1, min(3, width / cell))
        return stride(from: 0, to: items.count, by: perRow).map { start in
            items[start..<min(start + perRow, items.count)].map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined()
        }.joined(separator: "\n")
    }
}
