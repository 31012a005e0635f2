/// Document numbers on the rules' lists (published specimens, lost and stolen documents), indexed by their
/// look-alike folding (`MRZCharacter.foldingLookAlikes`).
///
/// Built once per rule set: a read number is then looked up, not compared with every entry (a national lost and
/// stolen list holds many thousands).
public struct ListedDocumentNumbers: Sendable, ExpressibleByArrayLiteral {
    private var byFolding: [String: Set<String>] = [:]

    public init<Numbers: Sequence>(_ numbers: Numbers) where Numbers.Element == String {
        for number in numbers { byFolding[MRZCharacter.foldingLookAlikes(number), default: []].insert(number) }
    }

    public init(arrayLiteral numbers: String...) { self.init(numbers) }

    public var isEmpty: Bool { byFolding.isEmpty }

    /// The one listed number that `number` differs from by look-alikes only; nil when `number` is itself listed,
    /// or when no number or several do.
    public func spelling(of number: String) -> String? {
        guard let listed = byFolding[MRZCharacter.foldingLookAlikes(number)], listed.count == 1, !listed.contains(number)
        else { return nil }
        return listed.first
    }
}
