import DocSentry
import Foundation

/// What several targets share, made once per process: the repository's rules, an inspector per mode.
enum Shared {
    static let ruleSet: RuleSet = {
        do {
            return try RuleSet.load(directory: repositoryRoot + "/Rules")
        } catch {
            fatalError("docsentry-fuzz: the repository's Rules/ do not load: \(error)")
        }
    }()

    /// The day every judgement is made on, fixed so that a saved crash replays the same way.
    static let referenceDate = CalendarDate(year: 2026, month: 11, day: 25)!

    static let inspectors: [Mode: Inspector] = Dictionary(uniqueKeysWithValues: Mode.allCases.map {
        ($0, Inspector(ruleSet: ruleSet, mode: $0, referenceDate: referenceDate))
    })

    static func inspector(_ mode: Mode) -> Inspector { inspectors[mode]! }

    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
