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
    public var corrector = MRZCorrector()

    public init(engine: OCREngine) { self.engine = engine }

    /// Reads 2 or 3 upright line images (top to bottom). Returns nil when the lines are not an MRZ of any format.
    public func read(lines images: [Raster]) -> RecognizedMRZ? {
        guard images.count == 2 || images.count == 3 else { return nil }
        let symbols = images.map { engine.readLine($0) }
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
        let ratio = ratios.sorted()[ratios.count / 2]
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
        let filler = RecognizedCharacter(character: "<", confidence: 0.5, alternatives: [], box: [])
        if symbols.count == length { return symbols }
        // A glyph's ink is narrower than its cell: the first and last glyph each leave about 0.15 of a pitch.
        let pitch = Double(extent.right - extent.left) / (Double(length) - 0.3)
        let origin = Double(extent.left) - 0.15 * pitch
        var cells: [RecognizedCharacter?] = Array(repeating: nil, count: length)
        for symbol in symbols where symbol.box.count == 4 {
            let center = Double(symbol.box[0] + symbol.box[2]) / 2
            let cell = min(length - 1, max(0, Int(((center - origin) / pitch).rounded(.down))))
            if let existing = cells[cell] {
                // Two symbols in one cell: keep the surer one, unless the neighbour cell is free.
                if cell + 1 < length, cells[cell + 1] == nil, center > origin + (Double(cell) + 0.5) * pitch {
                    cells[cell + 1] = symbol
                } else if cell > 0, cells[cell - 1] == nil, existing.box.count == 4 {
                    cells[cell - 1] = existing
                    cells[cell] = symbol
                } else if symbol.confidence > existing.confidence {
                    cells[cell] = symbol
                }
            } else {
                cells[cell] = symbol
            }
        }
        return cells.map { $0 ?? filler }
    }
}
