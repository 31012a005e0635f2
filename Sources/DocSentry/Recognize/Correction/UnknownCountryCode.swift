/// An issuing State or nationality read as a code that is no State's (`NL0` for `NLD`, a blurred `JPW` for `JPN`;
/// Doc 9303 Part 3 §5: the three-letter codes).
///
/// Fixes: the code becomes the one known code (`codes`) that changing one doubtful character reaches, to an
/// alternative the engine offered or an OCR-B look-alike of what was read, when exactly one does or one is cheaper
/// by 0.2 (`country code`).
/// Evidence: the code list, and the engine's doubt (a character under `uncertainBelow`, or with a real runner-up
/// over `doubtfulAlternativeAbove`).
/// Never: changes a code read clearly (a forger's code is reported, not turned into a real one), or two or three of
/// its characters (a forger's unlisted `EPS` must not become `GRD`). With no code list it does nothing.
struct UnknownCountryCode: CorrectionPass {
    /// The codes an issuing state or nationality field may hold, without fillers (`D`, `UTO`).
    let codes: Set<String>
    let uncertainBelow: Double
    let doubtfulAlternativeAbove: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        guard !codes.isEmpty else { return [] }
        var log = ChangeLog(grid)
        for name in [MRZFieldName.issuingState, .nationality] {
            guard let spec = evidence.layout.spec(name) else { continue }
            if let code = corrected(spec, grid: log.grid, engineRead: evidence.engineRead) {
                for (offset, column) in spec.columns.enumerated() {
                    log.write(spec.line, column, code[offset], .countryCode)
                }
            }
        }
        return log.changes
    }

    /// The one known code within reach of a doubtful code field, as the field's characters (filler-padded).
    func corrected(_ spec: MRZFieldSpec, grid: CorrectionGrid, engineRead: [[Character]]) -> [Character]? {
        let read = spec.columns.map { grid.character(spec.line, $0) }
        func known(_ characters: [Character]) -> Bool {
            let text = String(characters)
            guard let end = text.lastIndex(where: { $0 != "<" }) else { return false }
            let code = text[...end]
            return !code.contains("<") && codes.contains(String(code))
        }
        guard !known(read) else { return nil }
        var options: [[(character: Character, cost: Double)]] = []
        for (offset, column) in spec.columns.enumerated() {
            let cell = grid[spec.line, column]
            var choices: [(Character, Double)] = [(read[offset], 0)]
            let doubtful = cell.confidence < uncertainBelow
                || cell.alternatives.contains { $0.confidence >= doubtfulAlternativeAbove && $0.character != cell.character }
            if doubtful {
                var seen: Set<Character> = [read[offset]]
                for alternative in cell.alternatives {
                    let character = Character(alternative.character)
                    if (MRZCharacter.isLetter(character) || character == "<"), seen.insert(character).inserted {
                        choices.append((character, max(0.01, cell.confidence - 0.5 * alternative.confidence)))
                    }
                }
                let engineRead = engineRead[spec.line][column]
                let lookAlikes = (LookAlikes.letters[read[offset]] ?? "") + (LookAlikes.letterForDigit[engineRead].map { String($0) } ?? "")
                for character in lookAlikes where seen.insert(character).inserted {
                    choices.append((character, max(0.01, cell.confidence)))
                }
            }
            options.append(choices)
        }
        var solutions: [([Character], Double)] = []
        func search(_ offset: Int, _ prefix: [Character], _ cost: Double) {
            if offset == options.count {
                if known(prefix) { solutions.append((prefix, cost)) }
                return
            }
            for choice in options[offset] { search(offset + 1, prefix + [choice.character], cost + choice.cost) }
        }
        search(0, [], 0)
        solutions = solutions.filter { solution in zip(solution.0, read).filter { $0 != $1 }.count <= 1 }
        let ranked = solutions.sorted { $0.1 < $1.1 }
        guard let best = ranked.first, ranked.count == 1 || ranked[1].1 - best.1 >= 0.2 else { return nil }
        return best.0
    }
}
