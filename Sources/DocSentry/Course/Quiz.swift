import Foundation

/// What a trainee types in `docsentry quiz`, read forgivingly, and the score it earns: the course page's rules
/// (a point for the verdict, a point for a field that betrays the document, or for naming none when it passes).
public enum QuizInput {
    /// `1`, `p` or `pass`; `2`, `rev` or `review`; `3`, `rej` or `reject` (any case); nil for anything else.
    public static func verdict(_ text: String) -> Verdict? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "p", "pass": .pass
        case "2", "rev", "review": .review
        case "3", "rej", "reject": .reject
        default: nil
        }
    }

    /// The fields a trainee may name for a format, numbered from 1 in MRZ order.
    public static func choices(_ format: MRZFormat) -> [MRZFieldSpec] {
        MRZLayout.of(format).fields.sorted { ($0.line, $0.columns.lowerBound) < ($1.line, $1.columns.lowerBound) }
    }

    /// What a field answer names.
    public enum FieldChoice: Equatable, Sendable {
        /// Nothing betrays the document (an empty answer, `0`, `none`, `nothing`).
        case nothing
        case field(MRZFieldName)
        /// Not an answer: ask again.
        case invalid
    }

    /// A field by its number in `choices(format)`, by its name (`date of birth`, `date_of_birth`), or by a
    /// character's place, `line:column` (`2:20`): the field that holds that character.
    public static func field(_ text: String, format: MRZFormat) -> FieldChoice {
        let answer = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["", "0", "none", "nothing", "n"].contains(answer) { return .nothing }
        let choices = choices(format)
        if let number = Int(answer) {
            return (1...choices.count).contains(number) ? .field(choices[number - 1].name) : .invalid
        }
        let parts = answer.split(whereSeparator: { $0 == ":" || $0 == "," || $0 == " " }).compactMap { Int($0) }
        if parts.count == 2 {
            guard let spec = MRZLayout.of(format).field(line: parts[0] - 1, column: parts[1] - 1) else { return .invalid }
            return .field(spec.name)
        }
        let name = answer.replacingOccurrences(of: "_", with: " ")
        if let spec = choices.first(where: { $0.name.description == name }) { return .field(spec.name) }
        return .invalid
    }
}

/// A trainee's score over the exercises answered so far.
public struct QuizScore: Sendable, Equatable {
    public private(set) var answered = 0
    public private(set) var verdicts = 0
    public private(set) var fields = 0
    /// Numbers of the exercises with a wrong verdict or field.
    public private(set) var mistakes: [Int] = []

    public init() {}

    /// Scores one answer against DocSentry's.
    @discardableResult
    public mutating func record(_ number: Int, verdict: Verdict, field: QuizInput.FieldChoice, answer: ExerciseAnswer) -> (verdict: Bool, field: Bool) {
        let verdictRight = verdict == answer.verdict
        let fieldRight: Bool
        switch field {
        case .nothing: fieldRight = answer.accepts(field: nil)
        case let .field(name): fieldRight = answer.accepts(field: name.rawValue)
        case .invalid: fieldRight = false
        }
        answered += 1
        if verdictRight { verdicts += 1 }
        if fieldRight { fields += 1 }
        if !(verdictRight && fieldRight) { mistakes.append(number) }
        return (verdictRight, fieldRight)
    }

    public var points: Int { verdicts + fields }

    /// `Score 7 of 10 (verdicts 4 of 5, fields 3 of 5)`.
    public func summary(of total: Int) -> String {
        var text = "Score \(points) of \(2 * total) (verdicts \(verdicts) of \(total), fields \(fields) of \(total))"
        if answered < total { text += "; \(total - answered) not answered" }
        return text
    }
}
