import Foundation

// Which text lines form the MRZ: two or three neighbouring lines of the same height and pitch, no spaces, 30, 36
// or 44 cells long, starting and ending together, and not part of a larger block of such lines.

extension MRZLocator {
    /// Two or three text lines that may be the MRZ, with how much they look like one.
    struct Band: Sendable {
        /// Top to bottom in the text frame.
        var lines: [TextLine]
        /// 100 for a perfect MRZ; candidates below ``MRZLocator/minimumBandScore`` are not MRZs.
        var score: Double
        /// The mean cell count of the lines, rounded.
        var cellsPerLine: Int
        /// Distance of `cellsPerLine` from the nearest ICAO line length for this many lines.
        var formatDistance: Int

        var height: Double { lines.map(\.height).reduce(0, +) / Double(lines.count) }
        var pitch: Double { lines.map(\.pitch).reduce(0, +) / Double(lines.count) }
        var uStart: Double { lines.map(\.uStart).min()! }
        var uEnd: Double { lines.map(\.uEnd).max()! }

        /// Characters per line, snapped to the ICAO length when within two.
        var charactersPerLine: Int {
            guard formatDistance <= 2 else { return cellsPerLine }
            let lengths = lines.count == 3 ? [30] : [36, 44]
            return lengths.min { abs($0 - cellsPerLine) < abs($1 - cellsPerLine) }!
        }
    }

    /// Score below which a band is not taken for an MRZ.
    static let minimumBandScore = 55.0
    /// Score below which a band is taken for an MRZ only when filler chevrons confirm it.
    static let confirmedBandScore = 80.0
    /// Score from which a band ends the search: no other direction or fallback pass is tried.
    static let settledBandScore = 85.0

    /// Whether a line could be an MRZ line on its own: long, without spaces, on a fixed pitch.
    static func isMRZLike(_ line: TextLine) -> Bool {
        line.cellCount >= 20 && line.occupancy >= 0.8 && line.gridResidual <= 0.1
            && Double(line.glyphs.count) >= 0.3 * Double(line.cellCount)
    }

    /// When `lower` is the next line under `upper` in one block of text (same height, pitch and direction,
    /// overlapping, a normal line spacing apart): the spacing in capital heights. Else nil.
    static func spacing(from upper: TextLine, to lower: TextLine) -> Double? {
        let height = (upper.height + lower.height) / 2
        guard similarHeights(upper.height, lower.height),
              min(upper.pitch, lower.pitch) >= 0.85 * max(upper.pitch, lower.pitch),
              abs(upper.slope - lower.slope) <= 0.06 else { return nil }
        let overlap = min(upper.uEnd, lower.uEnd) - max(upper.uStart, lower.uStart)
        guard overlap >= 0.6 * max(upper.length, lower.length) else { return nil }
        let middle = (max(upper.uStart, lower.uStart) + min(upper.uEnd, lower.uEnd)) / 2
        let distance = (lower.v(at: middle) - upper.v(at: middle)) / height
        guard distance >= 1.3, distance <= 3.4 else { return nil }
        return distance
    }

    /// Every band of two or three MRZ-like lines, best first. Under an `occlusion`, a line that stops short of
    /// its neighbours where something is drawn over it is taken to go on as far as they do.
    static func bands(in lines: [TextLine], occlusion: Occlusion? = nil) -> [Band] {
        let candidates = lines.filter(isMRZLike)
        guard candidates.count >= 2 else { return [] }
        // The nearest line below each line, and above.
        var below = [Int?](repeating: nil, count: candidates.count)
        var above = [Int?](repeating: nil, count: candidates.count)
        var belowDistance = [Double](repeating: .infinity, count: candidates.count)
        for i in candidates.indices {
            for j in candidates.indices where j != i {
                if let distance = spacing(from: candidates[i], to: candidates[j]), distance < belowDistance[i] {
                    belowDistance[i] = distance
                    below[i] = j
                }
            }
        }
        for i in candidates.indices {
            if let j = below[i], above[j] == nil || belowDistance[i] < belowDistance[above[j]!] { above[j] = i }
        }
        var bands = [Band]()
        for first in candidates.indices {
            guard let second = below[first], above[second] == first else { continue }
            var members = [first, second]
            bands.append(score(extended(members.map { candidates[$0] }, occlusion: occlusion),
                               continues: above[first] != nil || below[second] != nil))
            if let third = below[second], above[third] == second {
                members.append(third)
                bands.append(score(extended(members.map { candidates[$0] }, occlusion: occlusion),
                                   continues: above[first] != nil || below[third] != nil))
            }
        }
        return bands.sorted { $0.score > $1.score }
    }

    /// Lines lengthened towards the band's common start and end over cells that hold ink, when an occlusion
    /// explains why the line's chain stopped short.
    static func extended(_ lines: [TextLine], occlusion: Occlusion?) -> [TextLine] {
        guard let occlusion else { return lines }
        let start = lines.map(\.uStart).min()!, end = lines.map(\.uEnd).max()!
        return lines.map { original in
            var line = original
            var hidden = false
            while line.cellCentre(Double(line.firstCell - 1) - 0.5) >= start - 0.5 * line.pitch,
                  occlusion.hasInk(cell: line.firstCell - 1, of: line) {
                line.firstCell -= 1
                hidden = hidden || occlusion.covers(cell: line.firstCell, of: line)
            }
            while line.cellCentre(Double(line.lastCell + 1) + 0.5) <= end + 0.5 * line.pitch,
                  occlusion.hasInk(cell: line.lastCell + 1, of: line) {
                line.lastCell += 1
                hidden = hidden || occlusion.covers(cell: line.lastCell, of: line)
            }
            // Ink alone is not enough: the stretch must be explained by something drawn over the line.
            return hidden ? line : original
        }
    }

    /// How much `lines` look like an MRZ (see ``Band/score``). `continues` tells that the block of lines goes
    /// on above or below: an MRZ stands alone.
    static func score(_ lines: [TextLine], continues: Bool) -> Band {
        let counts = lines.map(\.cellCount)
        let mean = Double(counts.reduce(0, +)) / Double(counts.count)
        let cells = Int(mean.rounded())
        let lengths = lines.count == 3 ? [30] : [36, 44]
        let formatDistance = lengths.map { abs($0 - cells) }.min()!
        let pitch = lines.map(\.pitch).reduce(0, +) / Double(lines.count)
        let height = lines.map(\.height).reduce(0, +) / Double(lines.count)
        let starts = lines.map(\.uStart), ends = lines.map(\.uEnd)
        let startSpread = (starts.max()! - starts.min()!) / pitch
        let endSpread = (ends.max()! - ends.min()!) / pitch
        let occupancy = lines.map(\.occupancy).min()!
        let residual = lines.map(\.gridResidual).max()!
        var value = 100.0
        value -= 6 * Double(max(0, formatDistance - 1))
        value -= 3 * Double(max(0, counts.max()! - counts.min()! - 1))
        value -= 3 * max(0, startSpread - 1) + 3 * max(0, endSpread - 1)
        // An MRZ has no spaces: a monospaced text's word gaps leave 8-16% of the cells empty.
        value -= 150 * max(0, 0.97 - occupancy)
        // Fixed pitch: MRZ glyphs sit within 0.06 pitch of their cells; proportional print about 0.13 or more.
        value -= 250 * max(0, residual - 0.05)
        if lines.count == 3 {
            let middle = (lines[1].uStart + lines[1].uEnd) / 2
            let first = lines[1].v(at: middle) - lines[0].v(at: middle)
            let second = lines[2].v(at: middle) - lines[1].v(at: middle)
            value -= 10 * abs(first - second) / height
        }
        // An MRZ stands alone: a block of more such lines is a monospaced text, not an MRZ.
        if continues { value -= 40 }
        return Band(lines: lines, score: value, cellsPerLine: cells, formatDistance: formatDistance)
    }
}
