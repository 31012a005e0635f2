import Foundation

/// How well one printed MRZ character matches the OCR-B glyphs: the best-matching glyph and how the character the
/// engine read compares with it.
public struct ShapeMatch: Sendable, Equatable, Codable {
    /// The OCR-B glyph the print looks most like, among the characters its position allows.
    public let best: String
    /// Normalised correlation of the print with that glyph (-1 to 1).
    public let bestScore: Double
    /// Normalised correlation of the print with the glyph of the character the engine read.
    public let readScore: Double

    /// Public so that a program with its own engine or print comparison (and the fuzz harness) can call the corrector.
    public init(best: String, bestScore: Double, readScore: Double) {
        self.best = best
        self.bestScore = bestScore
        self.readScore = readScore
    }
}

/// The 37 MRZ characters drawn in OCR-B (the one typeface Doc 9303 Part 3 §4.4 allows in the MRZ), to check what
/// the engine read against the shape on the page.
///
/// Why: the stock `eng` model reads OCR-B 9 as O, 3 as S, 8 as B with high confidence (its training saw other
/// typefaces), and in a field where letters and digits are both legal the character classes cannot tell and the
/// check digit only says that something is wrong. The print's shape says what: OCR-B's 9 and O, 3 and S differ in
/// every cell. The corrector changes a character to its glyph only where a failing check digit then passes
/// (`CheckedGlyphShape`), so a forger's altered character, which matches its own glyph, stays as printed.
struct GlyphShapes: Sendable {
    /// Capital height of the templates in pixels: enough to tell O from 0, small enough to compare fast.
    static let capitalHeight = 16
    /// Template window: the cell's pitch (2.54 mm for a 2.4 mm capital, Doc 9303 Part 3 §4.4) plus the rows above
    /// and below the capitals.
    static let width = 18, height = 22, topMargin = 3
    /// How far (pixels, template scale) the print may sit off the grid.
    static let horizontalShift = 1, verticalShift = 2

    /// Per blur level (`blurLevels`) and character, the template's ink (0 paper, 1 ink) as zero-mean, unit-length
    /// values, `height` rows of `paddedWidth` (the last columns zero: a row is read as three 8-float vectors).
    let templates: [[Character: [Float]]]
    static let paddedWidth = 24

    /// Widths (Gaussian sigma, template pixels) of the blurs a line's print is compared through; 0 is the glyph as
    /// drawn.
    ///
    /// Why: print 6 px high (real-scans.md), blown up to the crop's scale, or a blurred photo, has soft edges; a
    /// sharp glyph then correlates with the blur's outline as much as with the shape, and the look-alikes (S and 5,
    /// B and 8) score alike. The glyph blurred as much as the print compares like with like. Each line takes the
    /// level its clearly read characters match best (`lineShape`): 1.4 or 2.1 seen on 6-px and blurred scans, 0 or
    /// 0.7 on clean print.
    static let blurLevels: [Double] = [0, 0.7, 1.4, 2.1, 2.8]

    /// Characters OCR-B has that the MRZ does not allow (Doc 9303 Part 3 §4.3), so that the print of a lowercase
    /// letter, punctuation or a national character can be told from the MRZ glyph the engine took it for
    /// (`PrintForensics`).
    static let outsideTheAlphabet = "abcdefghijklmnopqrstuvwxyz-,.'ÄÖÜØäöüø"

    /// The MRZ glyphs drawn with the installed OCR-B (Debian's fonts-ocr-b); nil when Cairo cannot draw them.
    static let standard: GlyphShapes? = try? GlyphShapes()
    /// The glyphs of `outsideTheAlphabet`, drawn only when a cell's print first needs them.
    static let outsideAlphabet: GlyphShapes? = try? GlyphShapes(characters: outsideTheAlphabet)

    init(characters: String = MRZCharacter.alphabet) throws(GenerateError) {
        // 10 pixels per millimetre: a capital of 2.0 mm is `capitalHeight` pixels.
        let canvas = try CairoCanvas(widthMillimetres: Double(Self.width) / 10, heightMillimetres: Double(Self.height) / 10,
                                     dotsPerInch: 254)
        let family = "OCR B"
        let size = canvas.sizeForCapitalHeight(Double(Self.capitalHeight) / 10, family: family)
        // Without fonts-ocr-b, fontconfig quietly substitutes another family: comparing print with it would mislead.
        // OCR-B is fixed-pitch, the usual substitutes (DejaVu Sans) are not.
        canvas.font(family, size: size)
        let advances = MRZCharacter.alphabet.map { canvas.extents(String($0)).x_advance }
        guard let widest = advances.max(), let narrowest = advances.min(), widest > 0, narrowest >= 0.99 * widest else {
            throw .renderingFailed("the font found for \"\(family)\" is not fixed-pitch: install fonts-ocr-b")
        }
        var templates: [[Character: [Float]]] = Array(repeating: [:], count: Self.blurLevels.count)
        for character in characters {
            canvas.colour(Colour(red: 1, green: 1, blue: 1))
            canvas.rectangle(0, 0, Double(Self.width) / 10, Double(Self.height) / 10)
            canvas.fill()
            canvas.colour(Colour(red: 0, green: 0, blue: 0))
            canvas.font(family, size: size)
            let extents = canvas.extents(String(character))
            // Centred on its ink, baseline under the capitals: as `cell(...)` centres the print.
            let x = Double(Self.width) / 20 - (extents.x_bearing + extents.width / 2)
            canvas.text(String(character), x: x, y: Double(Self.topMargin + Self.capitalHeight) / 10)
            let ink = canvas.image().grey.pixels.map { Float(255 - Int($0)) / 255 }
            for (level, sigma) in Self.blurLevels.enumerated() {
                guard let template = Self.normalised(Self.blurred(ink, sigma: sigma)) else {
                    throw .renderingFailed("OCR-B glyph \(character) drew no ink: is fonts-ocr-b installed?")
                }
                var padded = [Float](repeating: 0, count: Self.height * Self.paddedWidth)
                for y in 0..<Self.height {
                    for x in 0..<Self.width { padded[y * Self.paddedWidth + x] = template[y * Self.width + x] }
                }
                templates[level][character] = padded
            }
        }
        self.templates = templates
    }

    /// Compares the print in one cell of a located MRZ crop with the glyphs of `candidates`: the best normalised
    /// correlation of each, over the sizes around the line's; empty when the cell holds no ink.
    ///
    /// - Parameters:
    ///   - crop: the MRZ crop; `left` is the cell's left edge, `pitch` its width, `rows` the line's print rows.
    ///   - shape: the line's glyph size relative to `rows` and its print's blur (`lineShape`).
    ///   - sizes: the sizes tried, relative to the line's: the line's size is measured on a few characters, and one
    ///     cell may print a little larger or smaller.
    func scores(_ crop: Raster, left: Double, pitch: Double, rows: Range<Int>, shape: LineShape,
                candidates: some Sequence<Character>, sizes: [Double] = [0.97, 1, 1.03]) -> [Character: Float] {
        let glyphs = templates[shape.blur], size = shape.size
        guard rows.count >= 4, pitch >= 2 else { return [:] }
        let placed = placement(crop, left: left, pitch: pitch, rows: rows)
        var scores: [Character: Float] = [:]
        for tried in sizes.map({ size * $0 }) {
            guard let cell = cell(crop, rows: rows, placed: placed, size: tried) else { continue }
            for candidate in candidates {
                guard let template = glyphs[candidate] else { continue }
                let score = Self.bestCorrelation(cell, template: template)
                scores[candidate] = max(scores[candidate] ?? -1, score)
            }
        }
        return scores
    }

    /// The glyph among `candidates` (which must include `read`) that a cell's `scores` match best, and how `read`
    /// compares with it; ties go to the earlier character.
    static func match(_ scores: [Character: Float], read: Character, candidates: some Sequence<Character>) -> ShapeMatch? {
        let among = candidates.compactMap { candidate in scores[candidate].map { (key: candidate, value: $0) } }
        guard let readScore = scores[read],
              let best = among.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })
        else { return nil }
        return ShapeMatch(best: String(best.key), bestScore: Double(best.value), readScore: Double(readScore))
    }

    /// How a line's print is compared with the glyphs: at one size and through one blur for every cell.
    struct LineShape: Equatable {
        /// Glyph size relative to the line's capital rows.
        var size: Double
        /// Index into `blurLevels`.
        var blur: Int
        /// Used when no character of the line matches its glyph well enough to measure them.
        static let standard = LineShape(size: 0.93, blur: 0)
    }

    /// The size (relative to `rows`) and blur at which this line's print matches its glyphs best, from a few
    /// characters read there: the blur whose best sizes give the highest total correlation, and the median of
    /// those sizes. One size and one blur for every cell of the line: letting each cell choose would let a round
    /// O grow into a tall 0, or a 5 blur into an S.
    func lineShape(_ crop: Raster, lefts: [Double], pitch: Double, rows: Range<Int>, characters: [Character]) -> LineShape {
        guard rows.count >= 4, pitch >= 2 else { return .standard }
        let sizes = Array(stride(from: 0.82, through: 1.12, by: 0.03))
        // Each sample cell resampled once per size; every blur level is compared with the same windows.
        let samples = zip(lefts, characters).map { left, character in
            let placed = placement(crop, left: left, pitch: pitch, rows: rows)
            return (character, sizes.map { cell(crop, rows: rows, placed: placed, size: $0) })
        }
        var chosen = LineShape.standard, chosenTotal: Float = -1
        for blur in templates.indices {
            var best: [Double] = [], total: Float = 0
            for (character, windows) in samples {
                guard let template = templates[blur][character] else { continue }
                var bestScore: Float = -1, bestSize = 1.0
                for (size, window) in zip(sizes, windows) {
                    guard let window else { continue }
                    let score = Self.bestCorrelation(window, template: template)
                    if score > bestScore { bestScore = score; bestSize = size }
                }
                total += max(0, bestScore)
                if bestScore > 0.6 { best.append(bestSize) }
            }
            if !best.isEmpty, total > chosenTotal {
                chosen = LineShape(size: best.sorted()[best.count / 2], blur: blur)
                chosenTotal = total
            }
        }
        return chosen
    }

    /// `ink` (`width` x `height`) through a Gaussian of `sigma` pixels (paper beyond the edges); as it is for 0.
    static func blurred(_ ink: [Float], sigma: Double) -> [Float] {
        guard sigma > 0 else { return ink }
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = weights.reduce(0, +)
        func pass(_ values: [Float], alongRows: Bool) -> [Float] {
            var result = [Float](repeating: 0, count: values.count)
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for (index, weight) in weights.enumerated() {
                        let sampleX = alongRows ? x + index - radius : x, sampleY = alongRows ? y : y + index - radius
                        guard sampleX >= 0, sampleX < width, sampleY >= 0, sampleY < height else { continue }
                        sum += weight * values[sampleY * width + sampleX]
                    }
                    result[y * width + x] = sum / total
                }
            }
            return result
        }
        return pass(pass(ink, alongRows: true), alongRows: false)
    }

    /// Where a cell's print sits: the paper's grey around it and the centre of its ink along the line. The same
    /// for every size tried, so measured once per cell.
    private func placement(_ crop: Raster, left: Double, pitch: Double, rows: Range<Int>) -> (paper: Float, centre: Double) {
        // The paper: a high percentile of the capitals' rows around the cell.
        let from = max(0, Int(left - pitch / 2))
        let paper = Float(MRZLocator.GreyLevels(crop.cropped(x: from, y: rows.lowerBound, width: Int(left + 1.5 * pitch) - from,
                                                             height: rows.count)).percentile(0.9))
        var centre = left + pitch / 2
        crop.pixels.withUnsafeBufferPointer { pixels in
            let from = max(0, Int(left + 0.05 * pitch)), to = min(crop.width, Int(left + 0.95 * pitch))
            var first = -1, last = -1
            for x in from..<max(from, to) {
                var ink: Float = 0
                for y in max(0, rows.lowerBound)..<min(crop.height, rows.upperBound) {
                    ink += max(0, paper - Float(pixels[y * crop.width + x]))
                }
                if ink > 0.25 * paper * Float(rows.count) / 8 {
                    if first < 0 { first = x }
                    last = x
                }
            }
            if first >= 0 { centre = Double(first + last + 1) / 2 }
        }
        return (paper, centre)
    }

    /// A cell resampled to template scale, with a margin for the shifts, and per shift the length of its
    /// mean-free values: those are the same for every template compared, so measured once.
    struct Window {
        /// `width` x (`height` + 2 `verticalShift`) values, then zeros for the last vector read of the last row.
        let values: [Float]
        let width: Int
        /// Per shift (dy major), the length of the shifted window's mean-free values; 0 where it is flat.
        let lengths: [Float]
    }

    /// The cell resampled to template scale with a margin for the shifts, centred on its ink; nil when the cell
    /// holds no ink.
    private func cell(_ crop: Raster, rows: Range<Int>, placed: (paper: Float, centre: Double), size: Double) -> Window? {
        let scale = Double(rows.count) * size / Double(Self.capitalHeight)  // crop pixels per template pixel
        let marginY = Self.verticalShift
        let windowWidth = Self.width + 2 * Self.horizontalShift, windowHeight = Self.height + 2 * marginY
        let (paper, centre) = placed
        let originX = centre - Double(windowWidth) / 2 * scale
        // Centred vertically on the rows' middle, whatever the size tried.
        let originY = Double(rows.lowerBound + rows.upperBound) / 2 - (Double(Self.topMargin) + Double(Self.capitalHeight) / 2 + Double(marginY)) * scale
        var window = [Float](repeating: 0, count: windowWidth * windowHeight + Self.paddedWidth)
        var anyInk = false
        // Each template pixel averages a 2x2 grid of bilinear samples: the crop is about twice as fine. A sample's
        // column depends only on x, its row only on y: both are placed once, not once per sample.
        let sampleColumns = (0..<(2 * windowWidth)).map { index in
            Self.samplePlace(originX + (Double(index / 2) + 0.25 + 0.5 * Double(index % 2)) * scale)
        }
        let sampleRows = (0..<(2 * windowHeight)).map { index in
            Self.samplePlace(originY + (Double(index / 2) + 0.25 + 0.5 * Double(index % 2)) * scale)
        }
        let width = crop.width, height = crop.height
        crop.pixels.withUnsafeBufferPointer { pixels in
            @inline(__always) func sample(_ column: SamplePlace, _ row: SamplePlace) -> Float {
                guard column.first >= 0, row.first >= 0, column.first + 1 < width, row.first + 1 < height else { return paper }
                let index = row.first * width + column.first
                let top = Float(pixels[index]) + (Float(pixels[index + 1]) - Float(pixels[index])) * column.fraction
                let bottom = Float(pixels[index + width]) + (Float(pixels[index + width + 1]) - Float(pixels[index + width])) * column.fraction
                return top + (bottom - top) * row.fraction
            }
            for y in 0..<windowHeight {
                for x in 0..<windowWidth {
                    var sum: Float = 0
                    for sy in 0..<2 {
                        for sx in 0..<2 { sum += sample(sampleColumns[2 * x + sx], sampleRows[2 * y + sy]) }
                    }
                    let ink = max(0, paper - sum / 4) / max(1, paper)
                    window[y * windowWidth + x] = ink
                    if ink > 0.3 { anyInk = true }
                }
            }
        }
        guard anyInk else { return nil }
        var lengths: [Float] = []
        let count = Float(Self.width * Self.height)
        for dy in 0...(2 * Self.verticalShift) {
            for dx in 0...(2 * Self.horizontalShift) {
                var sum: Float = 0, sumSquares: Float = 0
                for y in 0..<Self.height {
                    for x in 0..<Self.width {
                        let value = window[(y + dy) * windowWidth + dx + x]
                        sum += value
                        sumSquares += value * value
                    }
                }
                let variance = sumSquares - sum * sum / count
                lengths.append(variance > 1e-6 ? variance.squareRoot() : 0)
            }
        }
        return Window(values: window, width: windowWidth, lengths: lengths)
    }

    /// The best normalised correlation of `template` with the window over the allowed shifts.
    ///
    /// The template has zero mean, so the window's mean drops out of the product: one dot product per shift,
    /// eight columns at a time.
    private static func bestCorrelation(_ window: Window, template: [Float]) -> Float {
        var best: Float = -1
        window.values.withUnsafeBufferPointer { values in
            template.withUnsafeBufferPointer { template in
                let windowBase = UnsafeRawPointer(values.baseAddress!), templateBase = UnsafeRawPointer(template.baseAddress!)
                let stride = MemoryLayout<Float>.stride
                var shift = 0
                for dy in 0...(2 * verticalShift) {
                    for dx in 0...(2 * horizontalShift) {
                        defer { shift += 1 }
                        let length = window.lengths[shift]
                        guard length > 0 else { continue }
                        var product = SIMD8<Float>()
                        for y in 0..<height {
                            let row = ((y + dy) * window.width + dx) * stride, templateRow = y * paddedWidth * stride
                            for part in 0..<3 {
                                let offset = part * 8 * stride
                                product += windowBase.loadUnaligned(fromByteOffset: row + offset, as: SIMD8<Float>.self)
                                    * templateBase.loadUnaligned(fromByteOffset: templateRow + offset, as: SIMD8<Float>.self)
                            }
                        }
                        best = max(best, product.sum() / length)
                    }
                }
            }
        }
        return best
    }

    /// Where a bilinear sample falls along one axis: the pixel before it and the fraction of the way to the next.
    struct SamplePlace {
        let first: Int
        let fraction: Float
    }

    /// `coordinate` in pixel units (pixel centres at half-integers).
    private static func samplePlace(_ coordinate: Double) -> SamplePlace {
        let shifted = coordinate - 0.5
        let first = Int(shifted.rounded(.down))
        return SamplePlace(first: first, fraction: Float(shifted - Double(first)))
    }

    /// Zero mean, unit length; nil for a flat image.
    private static func normalised(_ values: [Float]) -> [Float]? {
        let mean = values.reduce(0, +) / Float(values.count)
        let centred = values.map { $0 - mean }
        let length = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 1e-3 else { return nil }
        return centred.map { $0 / length }
    }
}
