/// Document numbers on the rules' lists (published specimens, lost and stolen documents), for the corrector's
/// number correction (`ListedNumber`), indexed by their look-alike folding (`LookAlikeIndex`).
public struct ListedDocumentNumbers: Sendable, ExpressibleByArrayLiteral {
    private let index: LookAlikeIndex<String>

    public init<Numbers: Sequence>(_ numbers: Numbers) where Numbers.Element == String {
        index = LookAlikeIndex(Set(numbers).sorted(), number: { $0 })
    }

    public init(arrayLiteral numbers: String...) { self.init(numbers) }

    public var isEmpty: Bool { index.isEmpty }

    /// The one listed number that `number` differs from by look-alikes only; nil when `number` is itself listed,
    /// or when no number or several do.
    public func spelling(of number: String) -> String? {
        let listed = index.entries(matching: number)
        guard listed.count == 1, listed[0] != number else { return nil }
        return listed[0]
    }
}
