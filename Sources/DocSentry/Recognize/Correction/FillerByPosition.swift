/// Fillers read as `K`, told by where they stand: `K` and `<` have the same check value, so no check digit sees
/// the stock model's commonest misread.
///
/// Exists for the stock `eng` model: with it `eng` read 21 more of 700 generated documents exactly; the MRZ model
/// never gave it anything to change (docs/corrector.md).
///
/// Fixes (`filler position`): a run of `K` and `<` that reaches the end of its field, when a filler is in the run or
/// it is longer than two (or the field holds letters only, a name excepted); in a name, a `K` between a filler and a
/// filler or the name's end, the first `KK` between letters of a name with no `<<` (the separator of primary and
/// secondary identifiers read as letters), and a `K` the engine doubted with `<` as a real runner-up.
/// Evidence: the grammar (fields are padded at the end, Doc 9303 Parts 4-7 §4.2.2), the engine's doubt, and the
/// cell's filler likeness where measured.
/// Never: takes a name's last `K` before its fillers (`ERIK<<<`), whatever the engine made of the line's faint end
/// (`ERIK<<<<<<KEKKK`), unless the engine offered `<` for it and its ink looks like a filler; nor a single `K`
/// ending a document number or optional data before its filler whose ink is not a filler's (`GJ58898K<`); nor a
/// `K` whose ink does not look like this MRZ's fillers (`VIKTOR`).
struct FillerByPosition: CorrectionPass {
    let uncertainBelow: Double
    let doubtfulAlternativeAbove: Double
    let fillerThreshold: Double

    func changes(to grid: CorrectionGrid, evidence: CorrectionEvidence) -> [CellChange] {
        var log = ChangeLog(grid)
        func character(_ line: Int, _ column: Int) -> Character { log.grid.character(line, column) }
        for spec in evidence.layout.fields where spec.characterClass == .any || spec.name == .name || spec.characterClass == .letterOrFiller {
            var column = spec.columns.upperBound - 1
            while column >= spec.columns.lowerBound, "K<".contains(character(spec.line, column)) {
                column -= 1
            }
            let runStart = column + 1
            let run = (runStart..<spec.columns.upperBound)
            let hasFiller = run.contains { character(spec.line, $0) == "<" }
            // A trailing run of K alone could be a real K ending the field (a name like ...ERIK).
            if hasFiller || run.count > 2 || spec.characterClass == .letterOrFiller && spec.name != .name {
                // The K that begins the run is single when a filler follows it, whatever the engine made of cells
                // further along.
                let leadingKs = run.prefix { character(spec.line, $0) == "K" }.count
                for c in run where character(spec.line, c) == "K" {
                    let single = c == runStart && leadingKs == 1 && c > spec.columns.lowerBound
                    // ERIK<<<: a single K right after a letter is the end of a name, unless the engine doubted it.
                    if spec.name == .name, single, MRZCharacter.isLetter(character(spec.line, c - 1)),
                       !hasFillerAlternative(log.grid[spec.line, c]) || looksUnlikeFiller(log.grid[spec.line, c]) {
                        continue
                    }
                    // GJ58898K<: no check digit can tell K from <, the ink can.
                    if spec.name != .name, single, character(spec.line, c - 1) != "<", looksUnlikeFiller(log.grid[spec.line, c]) {
                        continue
                    }
                    log.write(spec.line, c, "<", .fillerPosition)
                }
            }
            if spec.name == .name {
                let name = (spec.columns).map { character(spec.line, $0) }
                var text = Substring(String(name))
                while text.last == "<" { text = text.dropLast() }
                if !text.contains("<<"), let range = text.range(of: "KK") {
                    // A person's name has a << between primary and secondary identifiers; with none, the first KK
                    // between letters is that separator read as letters.
                    let offset = text.distance(from: text.startIndex, to: range.lowerBound)
                    let before = offset > 0 ? name[offset - 1] : "<"
                    let after = offset + 2 < name.count ? name[offset + 2] : "<"
                    if MRZCharacter.isLetter(before), MRZCharacter.isLetter(after), after != "K" {
                        log.write(spec.line, spec.columns.lowerBound + offset, "<", .fillerPosition)
                        log.write(spec.line, spec.columns.lowerBound + offset + 1, "<", .fillerPosition)
                    }
                }
                for c in spec.columns where character(spec.line, c) == "K" {
                    let previous: Character = c > spec.columns.lowerBound ? character(spec.line, c - 1) : "<"
                    let next: Character = c + 1 < spec.columns.upperBound ? character(spec.line, c + 1) : "<"
                    if previous == "<" && (next == "<" || next == "K") && c > spec.columns.lowerBound {
                        log.write(spec.line, c, "<", .fillerPosition)
                    } else if c > spec.columns.lowerBound, hasFillerAlternative(log.grid[spec.line, c]),
                              log.grid[spec.line, c].confidence < uncertainBelow, !looksUnlikeFiller(log.grid[spec.line, c]) {
                        log.write(spec.line, c, "<", .fillerPosition)
                    }
                }
            }
        }
        return log.changes
    }

    /// The cell's ink was measured and does not match this MRZ's fillers: a real K (VIKTOR, ERIK), whatever
    /// alternative the engine offered.
    func looksUnlikeFiller(_ character: RecognizedCharacter) -> Bool {
        guard let likeness = character.fillerLikeness else { return false }
        return likeness < fillerThreshold
    }

    /// The engine offered `<` as a real runner-up (not one of the faint choices it always lists).
    func hasFillerAlternative(_ character: RecognizedCharacter) -> Bool {
        character.alternatives.contains { $0.character == "<" && $0.confidence >= doubtfulAlternativeAbove }
    }
}
