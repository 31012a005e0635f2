import Foundation

/// What the recogniser made of an MRZ: the text after correction and the evidence behind it.
public struct RecognizedMRZ: Sendable {
    public let corrected: CorrectedMRZ
    /// The characters as the engine read them, placed on the MRZ's character grid (before correction).
    public let read: [String]
    /// Per-character results, grid-aligned (gaps the engine left are filled with `<` at confidence 0.5).
    public let characters: [[RecognizedCharacter]]
}

/// Reads MRZ line images: one OCR call per line, each symbol placed on the line's fixed-pitch grid, then the
/// grammar-based correction.
///
/// OCR-B in the MRZ is printed at a fixed pitch of 2.54 mm (Doc 9303 Part 3 §4.4), so a line of n characters
/// has n equal cells between its first and last ink. Placing each recognised symbol in its cell restores
/// fillers the engine dropped or merged (with the stock model only 90 of 295 documents came back with the
/// right line lengths).
public struct MRZReader {
    public let engine: OCREngine
    /// An engine of the same model that reads every second line at the same time as `engine` reads the others, on
    /// a thread of its own; nil: the lines are read one after the other.
    ///
    /// Why: one document's MRZ read is most of a checkpoint's wait, and its lines are independent; on two cores
    /// two engines halve it. The same text comes back either way (each engine reads its line alone).
    public let secondEngine: OCREngine?
    public var corrector = MRZCorrector()

    public init(engine: OCREngine, secondEngine: OCREngine? = nil) {
        self.engine = engine
        self.secondEngine = secondEngine
        if engine.model == .stockEnglish { corrector.printedOverRead = MRZCorrector.stockModelPrintedOverRead }
    }

    /// Reads line images with `engine`, and every second one with `secondEngine` at the same time when there is one.
    func readLines(_ images: [Raster]) -> [[RecognizedCharacter]] {
        guard let secondEngine, images.count >= 2 else { return images.map { engine.readLine($0) } }
        let second = SecondLineReads(engine: secondEngine, images: images)
        let done = DispatchGroup()
        done.enter()
        Thread.detachNewThread {
            second.read()
            done.leave()
        }
        var lines = images.map { _ in [RecognizedCharacter]() }
        for index in stride(from: 0, to: images.count, by: 2) { lines[index] = engine.readLine(images[index]) }
        done.wait()
        for (index, line) in second.lines { lines[index] = line }
        return lines
    }

    /// Reads the lines of a located MRZ band: each line cut from the crop with a margin, its symbols placed on
    /// the cell grid the locator measured.
    ///
    /// - Parameters:
    /// - Parameter countryCodes: the codes an issuing state or nationality may hold (see `MRZCorrector.countryCodes`);
    ///   empty: codes are not corrected.
    public func read(_ region: MRZRegion, countryCodes: Set<String> = []) -> RecognizedMRZ? {
        var corrector = self.corrector
        if !countryCodes.isEmpty { corrector.countryCodes = countryCodes }
        guard region.lineBoxes.count == 2 || region.lineBoxes.count == 3 else { return nil }
        let crop = region.crop
        var images: [Raster] = []
        var origins: [Double] = []
        for box in region.lineBoxes {
            let height = box.rows.count
            let top = max(0, box.rows.lowerBound - height / 3)
            let bottom = min(crop.height, box.rows.upperBound + height / 3)
            let left = max(0, box.columns.lowerBound - Int(region.cropPitch))
            let right = min(crop.width, box.columns.upperBound + Int(region.cropPitch))
            images.append(crop.cropped(x: left, y: top, width: right - left, height: bottom - top))
            origins.append(Double(box.columns.lowerBound - left))
        }
        let scale = Self.confidenceScale(characterHeight: region.characterHeight)
        let symbols = readLines(images).map { line in
            line.map { symbol in
                var symbol = symbol
                symbol.confidence *= scale
                return symbol
            }
        }
        var formats = region.candidateFormats
        for format in candidateFormats(symbols: symbols, extents: []) where !formats.contains(format) { formats.append(format) }
        for format in formats {
            // The box spans exactly the line's cells, so its width fixes the pitch for this format's length.
            let pitches = region.lineBoxes.map { Double($0.columns.count) / Double(format.lineLength) }
            var grid = symbols.indices.map { Self.align(symbols[$0], origin: origins[$0], pitch: pitches[$0], length: format.lineLength) }
            let cells = region.lineBoxes.enumerated().map { index, box in
                (0..<format.lineLength).map { column in
                    FillerShape.features(crop, x: Double(box.columns.lowerBound) + Double(column) * pitches[index],
                                         y: box.rows.lowerBound, width: pitches[index], height: box.rows.count)
                }
            }
            if let likeness = FillerShape.likeness(cells: cells, characters: grid) {
                for line in grid.indices {
                    for column in grid[line].indices { grid[line][column].fillerLikeness = likeness[line][column] }
                }
            }
            // Print under `shapeMinimumHeight` is too coarse for its shape to be a witness.
            let shape = region.characterHeight < Self.shapeMinimumHeight ? nil
                : Self.shapeMeasurer(format: format, grid: grid, crop: crop, boxes: region.lineBoxes, pitches: pitches,
                                     characterHeight: region.characterHeight)
            if let corrected = corrector.correct(grid, format: format, shape: shape) {
                return RecognizedMRZ(corrected: corrected, read: grid.map { String($0.map { Character($0.character) }) },
                                     characters: grid)
            }
        }
        return nil
    }

    /// Capital height (original pixels) under which the print's glyph shapes are not compared.
    ///
    /// The generated sets' low-resolution scans come in two groups: 6-7 px a character (real-scans.md's 6-px
    /// characters; capitals measured 6.1-7.3 px high) and 10.5-12 px. The cut-off was 9 until 2026-12-06, when the
    /// 6-px print was found compared with its glyphs at a guessed size (the size was measured only from characters
    /// read at 0.8, and the engine's confidence is scaled down on small print) and through no blur (`GlyphShapes.
    /// blurLevels`). With both mended, at 5.5: the stock model read 1,153 of 1,211 readable documents of seven
    /// generated sets exactly (1,123 at 9), the MRZ model 1,204 (1,198); on three sets generated afterwards 93.5%
    /// and 98.3% (docs/benchmarks.md).
    static let shapeMinimumHeight = 5.5

    /// Capital height (original pixels) under which the print does not tell O from 0: OCR-B's zero is the letter
    /// narrowed by about a tenth, under a pixel at 6 px. There the shapes leave the pair to the engine and the
    /// check digits (bench 0189: a 0 shown as O by 0.01 made a number pass with two O by chance).
    static let zeroAndLetterOMinimumHeight = 9.0

    /// The factor the engine's confidences are scaled by on print `characterHeight` pixels high: its confidence does
    /// not fall as fast as its accuracy on small print, so characters under 18 px high (about 6 px wide,
    /// real-scans.md) count as less certain than it says.
    static func confidenceScale(characterHeight: Double) -> Double { min(1, max(0.5, characterHeight / 18)) }

    /// Compares the print of a character with the OCR-B glyphs its position allows (see `GlyphShapes`); measured
    /// only where the corrector asks, since a comparison costs about a millisecond. `characterHeight` is the
    /// print's capital height in the original image (`MRZRegion.characterHeight`), the grid's confidences scaled
    /// for it (`confidenceScale`).
    /// The glyphs are drawn (fontconfig, Cairo: a few milliseconds) only when first needed: most documents pass
    /// every check and never ask.
    static func shapeMeasurer(format: MRZFormat, grid: [[RecognizedCharacter]], crop: Raster, boxes: [MRZRegion.LineBox],
                              pitches: [Double], characterHeight: Double,
                              shapes: @escaping () -> GlyphShapes? = { GlyphShapes.standard }) -> MRZCorrector.ShapeMeasurer {
        let layout = MRZLayout.of(format)
        let sureConfidence = 0.8 * confidenceScale(characterHeight: characterHeight)
        var lines: [Int: (rows: Range<Int>, origin: Double, pitch: Double, shape: GlyphShapes.LineShape)] = [:]
        // Per cell (`line * 100 + column`), its print against every MRZ glyph: the corrector asks about one cell
        // several times (its passes, and the check-digit search once per candidate), and the answers differ only
        // in which glyphs they compare.
        var cells: [Int: [Character: Float]] = [:]
        return { line, column, read in
            guard line < boxes.count, line < pitches.count, line < grid.count, let shapes = shapes() else { return nil }
            if lines[line] == nil {
                let rows = capitalRows(crop, box: boxes[line])
                let (origin, pitch) = cellGrid(crop, rows: rows, origin: Double(boxes[line].columns.lowerBound), pitch: pitches[line],
                                               count: format.lineLength)
                // The line's size and blur from up to 10 characters the engine read with confidence, none of the
                // round letters and digits whose size is what the comparison must tell apart.
                let sample = grid[line].indices.filter { index in
                    let character = Character(grid[line][index].character)
                    return grid[line][index].confidence >= sureConfidence && !"<0ODQ".contains(character)
                }
                let chosen = stride(from: 0, to: sample.count, by: max(1, sample.count / 10)).map { sample[$0] }
                let shape = shapes.lineShape(crop, lefts: chosen.map { origin + Double($0) * pitch }, pitch: pitch, rows: rows,
                                             characters: chosen.map { Character(grid[line][$0].character) })
                lines[line] = (rows, origin, pitch, shape)
            }
            let measured = lines[line]!
            let key = line * 100 + column
            if cells[key] == nil {
                var scores = shapes.scores(crop, left: measured.origin + Double(column) * measured.pitch, pitch: measured.pitch,
                                           rows: measured.rows, shape: measured.shape, candidates: MRZCharacter.alphabet)
                if characterHeight < zeroAndLetterOMinimumHeight, let letter = scores["O"], let zero = scores["0"] {
                    scores["O"] = max(letter, zero)
                    scores["0"] = max(letter, zero)
                }
                cells[key] = scores
            }
            let characterClass = layout.characterClass(line: line, column: column)
            var candidates = Array(MRZCharacter.alphabet.filter { characterClass.allows($0) })
            if !candidates.contains(read) { candidates.append(read) }
            return GlyphShapes.match(cells[key]!, read: read, candidates: candidates)
        }
    }

    /// The line's cells as its ink shows them: the origin and pitch near the located box's that put the most ink
    /// in the cells' middles and the least on their borders. OCR-B's fixed pitch leaves white between characters
    /// (Doc 9303 Part 3 §4.4); the located box alone drifts by up to half a cell along a 44-character line.
    static func cellGrid(_ crop: Raster, rows: Range<Int>, origin: Double, pitch: Double, count: Int) -> (origin: Double, pitch: Double) {
        let top = max(0, rows.lowerBound), bottom = min(crop.height, rows.upperBound)
        guard bottom > top, pitch >= 4, crop.width > 0 else { return (origin, pitch) }
        let paper = MRZLocator.GreyLevels(crop.cropped(x: 0, y: top, width: crop.width, height: bottom - top)).percentile(0.9)
        // Running sum of the ink (darkness) per column, for window sums in constant time.
        var cumulative = [Double](repeating: 0, count: crop.width + 1)
        for x in 0..<crop.width {
            var ink = 0
            for y in top..<bottom { ink += max(0, paper - Int(crop.pixels[y * crop.width + x])) }
            cumulative[x + 1] = cumulative[x] + Double(ink)
        }
        func inkBetween(_ from: Double, _ to: Double) -> Double {
            let a = max(0, min(crop.width, Int(from.rounded()))), b = max(0, min(crop.width, Int(to.rounded())))
            return b > a ? cumulative[b] - cumulative[a] : 0
        }
        var best = (origin: origin, pitch: pitch, score: -Double.infinity)
        for pitchStep in -6...6 {
            let tried = pitch * (1 + Double(pitchStep) * 0.0025)
            for originStep in -12...12 {
                let start = origin + Double(originStep) * pitch / 30
                var score = 0.0
                for cell in 0..<count {
                    let left = start + Double(cell) * tried
                    score += inkBetween(left + 0.35 * tried, left + 0.65 * tried) - 2 * inkBetween(left - 0.08 * tried, left + 0.08 * tried)
                }
                score -= 2 * inkBetween(start + Double(count) * tried - 0.08 * tried, start + Double(count) * tried + 0.08 * tried)
                if score > best.score { best = (start, tried, score) }
            }
        }
        return (best.origin, best.pitch)
    }

    /// The rows the line's capitals and digits really cover: the line box allows some slack, the glyph
    /// comparison needs the print's own height. Fillers sit lower and smaller, so the top and bottom rows with
    /// a fair share of the line's ink are the capitals'.
    static func capitalRows(_ crop: Raster, box: MRZRegion.LineBox) -> Range<Int> {
        let slack = box.rows.count / 4
        let top = max(0, box.rows.lowerBound - slack), bottom = min(crop.height, box.rows.upperBound + slack)
        let left = max(0, box.columns.lowerBound), right = min(crop.width, box.columns.upperBound)
        guard bottom - top > 4, right - left > 4 else { return box.rows }
        let levels = MRZLocator.GreyLevels(crop.cropped(x: left, y: top, width: right - left, height: bottom - top))
        let threshold = (levels.percentile(0.02) + levels.percentile(0.9)) / 2
        var profile = [Int](repeating: 0, count: bottom - top)
        for y in top..<bottom {
            var count = 0
            for x in left..<right where Int(crop.pixels[y * crop.width + x]) < threshold { count += 1 }
            profile[y - top] = count
        }
        guard let peak = profile.max(), peak > 0 else { return box.rows }
        guard let first = profile.firstIndex(where: { $0 * 5 >= peak }), let last = profile.lastIndex(where: { $0 * 5 >= peak }),
              last - first >= box.rows.count / 2 else { return box.rows }
        return (top + first)..<(top + last + 1)
    }

    /// Reads 2 or 3 upright line images (top to bottom). Returns nil when the lines are not an MRZ of any format.
    public func read(lines images: [Raster]) -> RecognizedMRZ? {
        guard images.count == 2 || images.count == 3 else { return nil }
        let symbols = readLines(images)
        let extents = images.map(Self.inkExtent)
        for format in candidateFormats(symbols: symbols, extents: extents) {
            let grid = zip(symbols, extents).map { Self.align($0, extent: $1, length: format.lineLength) }
            if let corrected = corrector.correct(grid, format: format) {
                return RecognizedMRZ(corrected: corrected,
                                     read: grid.map { String($0.map { Character($0.character) }) },
                                     characters: grid)
            }
        }
        return nil
    }

    /// The formats the lines may have, most likely first.
    func candidateFormats(symbols: [[RecognizedCharacter]], extents: [InkExtent]) -> [MRZFormat] {
        if symbols.count == 3 { return [.td1] }
        let first = symbols[0].first?.character
        // Ink width over ink height: about 48 for 44 characters, 40 for 36 (OCR-B size 1, 2.54 mm pitch).
        let ratios = extents.map { Double($0.right - $0.left) / Double(max(1, $0.bottom - $0.top)) }
        let ratio = ratios.isEmpty ? 0 : ratios.sorted()[ratios.count / 2]
        let counts = symbols.map(\.count).max() ?? 0
        let long = counts > 40 || (counts > 30 && ratio > 44) || (counts <= 30 && ratio > 44)
        switch first {
        case "P": return [.td3, .td2]
        case "I", "A", "C": return long ? [.td3, .td2] : [.td2, .td3]
        case "V": return long ? [.mrvA, .mrvB] : [.mrvB, .mrvA]
        default: return long ? [.td3, .mrvA, .td2, .mrvB] : [.td2, .mrvB, .td3, .mrvA]
        }
    }

    /// Where the dark pixels of a line image are.
    struct InkExtent {
        let left: Int, right: Int, top: Int, bottom: Int
    }

    static func inkExtent(_ image: Raster) -> InkExtent {
        guard image.width > 0, image.height > 0 else { return InkExtent(left: 0, right: 1, top: 0, bottom: 1) }
        // Threshold halfway between the darkest and the lightest few percent.
        var histogram = [Int](repeating: 0, count: 256)
        for value in image.pixels { histogram[Int(value)] += 1 }
        func percentile(_ p: Double) -> Int {
            let target = Int(Double(image.pixels.count) * p)
            var sum = 0
            for (value, count) in histogram.enumerated() {
                sum += count
                if sum > target { return value }
            }
            return 255
        }
        let threshold = UInt8((percentile(0.02) + percentile(0.9)) / 2)
        var columns = [Int](repeating: 0, count: image.width)
        var rows = [Int](repeating: 0, count: image.height)
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<image.height {
                let row = y * image.width
                for x in 0..<image.width where pixels[row + x] < threshold {
                    columns[x] += 1
                    rows[y] += 1
                }
            }
        }
        let minimumColumn = max(1, image.height / 12)
        let minimumRow = max(1, image.width / 40)
        let left = columns.firstIndex { $0 >= minimumColumn } ?? 0
        let right = (columns.lastIndex { $0 >= minimumColumn } ?? (image.width - 1)) + 1
        let top = rows.firstIndex { $0 >= minimumRow } ?? 0
        let bottom = (rows.lastIndex { $0 >= minimumRow } ?? (image.height - 1)) + 1
        return InkExtent(left: left, right: max(right, left + 1), top: top, bottom: max(bottom, top + 1))
    }

    /// Places symbols in the `length` cells between the first and the last ink of the line.
    static func align(_ symbols: [RecognizedCharacter], extent: InkExtent, length: Int) -> [RecognizedCharacter] {
        if symbols.count == length, symbols.allSatisfy({ $0.box.count != 4 }) { return symbols }
        // A glyph's ink is narrower than its cell: the first and last glyph each leave about 0.15 of a pitch.
        let pitch = Double(extent.right - extent.left) / (Double(length) - 0.3)
        return align(symbols, origin: Double(extent.left) - 0.15 * pitch, pitch: pitch, length: length)
    }

    /// Places symbols in `length` cells of `pitch` pixels from `origin`; empty cells become `<` at confidence 0.5.
    ///
    /// Each symbol goes to the cell its centre falls in. Where two land in one cell, the one nearer the cell's
    /// centre stays and the other moves to the free neighbouring cell on its side, if there is one (the engine
    /// sometimes reads two fillers as three symbols); nothing ever pushes a symbol that already has its own cell.
    static func align(_ symbols: [RecognizedCharacter], origin: Double, pitch: Double, length: Int) -> [RecognizedCharacter] {
        let filler = RecognizedCharacter(character: "<", confidence: 0.5, alternatives: [], box: [])
        var claims: [[(symbol: RecognizedCharacter, offset: Double)]] = Array(repeating: [], count: length)
        for symbol in symbols where symbol.box.count == 4 {
            let position = (Double(symbol.box[0] + symbol.box[2]) / 2 - origin) / pitch
            let cell = min(length - 1, max(0, Int(position.rounded(.down))))
            claims[cell].append((symbol, position - Double(cell) - 0.5))
        }
        var cells: [RecognizedCharacter?] = claims.map { claim in
            claim.min { abs($0.offset) < abs($1.offset) }?.symbol
        }
        for (cell, claim) in claims.enumerated() where claim.count > 1 {
            let kept = claim.min { abs($0.offset) < abs($1.offset) }!
            for other in claim where other.symbol != kept.symbol {
                let neighbour = other.offset < kept.offset ? cell - 1 : cell + 1
                if neighbour >= 0, neighbour < length, claims[neighbour].isEmpty, cells[neighbour] == nil {
                    cells[neighbour] = other.symbol
                }
            }
        }
        return cells.map { $0 ?? filler }
    }
}

/// The lines `MRZReader.secondEngine` reads (every second one, from the second), on the thread it reads them on.
///
/// `@unchecked Sendable`: the reading thread alone touches the engine and `lines` until the caller has waited for it.
private final class SecondLineReads: @unchecked Sendable {
    let engine: OCREngine
    let images: [Raster]
    var lines: [(index: Int, characters: [RecognizedCharacter])] = []

    init(engine: OCREngine, images: [Raster]) {
        self.engine = engine
        self.images = images
    }

    func read() {
        for index in stride(from: 1, to: images.count, by: 2) { lines.append((index, engine.readLine(images[index]))) }
    }
}
