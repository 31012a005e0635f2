@testable import DocSentry
import Foundation
import Testing

/// The course pack's parts that need no browser: the plan, the answers taken from DocSentry's reports, the quiz's
/// reading of a trainee's answers, and the terminal pictures.
@Suite struct CourseTests {
    @Test func thePlanIsReproducibleAndHonoursItsChoices() throws {
        let plan = try CoursePlan.parse(count: 10, seed: 40402, difficulty: "easy", formats: "TD3,td1", forgeries: "mixed")
        #expect(plan.formats == [.td3, .td1] && plan.forgeries == CourseDifficulty.easy.forgeries)
        for index in 0..<plan.maximumCandidates {
            let request = plan.request(for: index)
            #expect(request == plan.request(for: index))
            #expect([.td3, .td1].contains(request.format) && request.degradations.isEmpty && request.dotsPerInch == 300)
            if let forgery = request.forgery { #expect(CourseDifficulty.easy.forgeries.contains(forgery)) }
        }
        let requests = (0..<plan.maximumCandidates).map(plan.request)
        #expect(requests.contains { $0.forgery == nil } && requests.contains { $0.forgery != nil })
        let hard = try CoursePlan.parse(count: 10, seed: 40402, difficulty: "hard", formats: "mixed", forgeries: "specimen_number_reused")
        #expect((0..<hard.maximumCandidates).map(hard.request).allSatisfy { $0.forgery == nil || $0.forgery == .specimenNumberReused })
        #expect(throws: CourseError.self) { try CoursePlan.parse(count: 0, seed: 1, difficulty: "easy", formats: "mixed", forgeries: "mixed") }
        #expect(throws: CourseError.self) { try CoursePlan.parse(count: 3, seed: 1, difficulty: "easy", formats: "TD4", forgeries: "mixed") }
        #expect(throws: CourseError.self) {
            try CoursePlan.parse(count: 3, seed: 1, difficulty: "easy", formats: "MRVB", forgeries: "check_digit_recomputed_composite_left")
        }
    }

    /// The answer is DocSentry's verdict and the fields of the findings that weigh on it, the composite's digit
    /// by its position.
    @Test func theAnswerComesFromDocSentrysReport() throws {
        var lines = Vectors.td3
        lines[1] = lines[1].replacingOccurrences(of: "7408122", with: "7508122")
        let inspector = Fixtures.inspector(mode: .training)
        let answer = ExerciseAnswer(report: inspector.inspect(try MRZText(lines: lines), file: "mrz"))
        #expect(answer.verdict == .reject)
        #expect(Set(answer.fields) == ["date_of_birth", "date_of_birth_check_digit", "composite_check_digit"])
        #expect(answer.rules == ["mrz.check-digit.date-of-birth", "mrz.check-digit.composite"])
        #expect(answer.accepts(field: "composite_check_digit") && !answer.accepts(field: "name") && !answer.accepts(field: nil))

        let genuine = ExerciseAnswer(report: Fixtures.inspector(mode: .training).inspect(try MRZText(lines: Vectors.td3), file: "mrz"))
        #expect(genuine.verdict == .pass && genuine.fields.isEmpty && genuine.accepts(field: nil) && !genuine.accepts(field: "name"))
    }

    @Test func theQuizReadsAnswersForgivingly() {
        #expect(QuizInput.verdict("1") == .pass && QuizInput.verdict(" Reject ") == .reject && QuizInput.verdict("rev") == .review)
        #expect(QuizInput.verdict("r") == nil && QuizInput.verdict("") == nil)
        #expect(QuizInput.field("", format: .td3) == .nothing && QuizInput.field("none", format: .td3) == .nothing)
        #expect(QuizInput.field("2:20", format: .td3) == .field(.dateOfBirthCheckDigit))
        #expect(QuizInput.field("2, 44", format: .td3) == .field(.compositeCheckDigit))
        #expect(QuizInput.field("3:1", format: .td1) == .field(.name))
        #expect(QuizInput.field("3:1", format: .td3) == .invalid)
        #expect(QuizInput.field("date_of_birth", format: .td2) == .field(.dateOfBirth))
        #expect(QuizInput.field("Date of expiry", format: .mrvA) == .field(.dateOfExpiry))
        #expect(QuizInput.field("1", format: .td3) == .field(.documentCode))
        #expect(QuizInput.field("14", format: .td3) == .field(.compositeCheckDigit))
        #expect(QuizInput.field("14", format: .mrvB) == .invalid)
        #expect(QuizInput.choices(.td1).map(\.name).first == .documentCode && QuizInput.choices(.td1).map(\.name).last == .name)

        let answer = ExerciseAnswer(verdict: .reject, fields: ["date_of_birth_check_digit"], rules: ["mrz.check-digit.date-of-birth"])
        var score = QuizScore()
        #expect(score.record(1, verdict: .reject, field: .field(.dateOfBirthCheckDigit), answer: answer) == (true, true))
        #expect(score.record(2, verdict: .review, field: .nothing, answer: answer) == (false, false))
        #expect(score.summary(of: 3) == "Score 2 of 6 (verdicts 1 of 3, fields 1 of 3); 1 not answered")
        #expect(score.mistakes == [2])
    }

    @Test func terminalPictures() {
        #expect(TerminalImage.detect(environment: ["TERM": "xterm-kitty"]) == .kitty)
        #expect(TerminalImage.detect(environment: ["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]) == .iterm)
        #expect(TerminalImage.detect(environment: ["TERM": "foot"]) == .sixel)
        #expect(TerminalImage.detect(environment: ["TERM": "xterm-256color"]) == .none)
        let raster = Raster(width: 40, height: 13, pixels: (0..<(40 * 13)).map { UInt8($0 % 256) })
        let png = Array(repeating: UInt8(7), count: 7000)
        let kitty = TerminalImage.kitty.sequence(png: png, raster: raster, columns: 80)
        // 7000 bytes are 9336 base64 characters: three chunks, the last with m=0.
        #expect(kitty.components(separatedBy: "\u{1B}_G").count - 1 == 3)
        #expect(kitty.hasPrefix("\u{1B}_Ga=T,f=100,c=80,m=1;") && kitty.contains("\u{1B}_Gm=0;"))
        let iterm = TerminalImage.iterm.sequence(png: png, raster: raster, columns: 80)
        #expect(iterm.hasPrefix("\u{1B}]1337;File=inline=1;size=7000;") && iterm.hasSuffix("\u{07}\n"))
        let sixel = TerminalImage.sixel.sequence(png: png, raster: raster, columns: 80)
        // 13 rows are three bands of six; every sixel character lies in ? ... ~.
        #expect(sixel.hasPrefix("\u{1B}Pq\"1;1;40;13") && sixel.hasSuffix("\u{1B}\\\n"))
        #expect(sixel.components(separatedBy: "-").count - 1 == 3)
        #expect(TerminalImage.none.sequence(png: png, raster: raster, columns: 80).isEmpty)
    }
}
