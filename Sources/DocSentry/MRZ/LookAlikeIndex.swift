/// Entries indexed by their document number's look-alike folding (`MRZCharacter.foldingLookAlikes`): a number read
/// from print finds, in one lookup, the entries whose number differs from it only by `O`/`0` or `I`/`1`.
///
/// Built once (per rule set), since a national lost and stolen list holds many thousands of numbers.
public struct LookAlikeIndex<Entry: Sendable>: Sendable {
    private var byFolding: [String: [Entry]] = [:]

    public init(_ entries: some Sequence<Entry>, number: (Entry) -> String) {
        for entry in entries { byFolding[MRZCharacter.foldingLookAlikes(number(entry)), default: []].append(entry) }
    }

    public var isEmpty: Bool { byFolding.isEmpty }

    /// The entries whose number folds as `number` does, in the order they were given.
    public func entries(matching number: String) -> [Entry] {
        byFolding[MRZCharacter.foldingLookAlikes(number)] ?? []
    }
}
