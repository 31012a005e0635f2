/// Where each OCR-B glyph's ink lies relative to the capital rows, measured the way a printed cell is measured.
///
/// Glyphs differ: round letters overshoot the baseline, a stroke ending in a point (V) stops short of it, an M
/// has more outline than an I. Compared raw, those differences look like a character printed off the baseline
/// or in another weight. Each cell is therefore measured against its own glyph's geometry before it is
/// compared with its neighbours (`CellDeviation`).
struct GlyphGeometry: Sendable {
    /// Per MRZ character: the ink's top and bottom relative to the capital top and the baseline, its stroke
    /// width and the width of its ink, all in capital heights.
    struct Reference: Sendable, Equatable {
        let top: Double
        let bottom: Double
        let strokeWidth: Double
        var width = 0.0
    }

    let references: [Character: Reference]

    /// The installed OCR-B's geometry; nil when it cannot be drawn.
    static let standard: GlyphGeometry? = try? GlyphGeometry()

    /// Capital height the glyphs are drawn at: the MRZ crop's (`MRZLocator`).
    static let capitalHeight = 36.0

    init() throws(GenerateError) {
        // 10 pixels per millimetre; a cell a little wider than OCR-B's pitch, with room above and below.
        let width = 44, height = 80
        let capitalTop = 22.0
        let canvas = try CairoCanvas(widthMillimetres: Double(width) / 10, heightMillimetres: Double(height) / 10, dotsPerInch: 254)
        let family = "OCR B"
        let size = canvas.sizeForCapitalHeight(Self.capitalHeight / 10, family: family)
        var references: [Character: Reference] = [:]
        for character in MRZCharacter.alphabet {
            canvas.colour(Colour(red: 1, green: 1, blue: 1))
            canvas.rectangle(0, 0, Double(width) / 10, Double(height) / 10)
            canvas.fill()
            canvas.colour(Colour(red: 0, green: 0, blue: 0))
            canvas.font(family, size: size)
            let extents = canvas.extents(String(character))
            canvas.text(String(character), x: Double(width) / 20 - (extents.x_bearing + extents.width / 2),
                        y: (capitalTop + Self.capitalHeight) / 10)
            let raster = canvas.image().grey
            guard let ink = PrintMeasurer.ink(raster, left: 0, pitch: Double(width), rows: 0..<height, threshold: 128, paper: 255,
                                              capitalHeight: Self.capitalHeight) else {
                throw .renderingFailed("OCR-B glyph \(character) drew no ink: is fonts-ocr-b installed?")
            }
            references[character] = Reference(
                top: (ink.top - capitalTop) / Self.capitalHeight, bottom: (ink.bottom - capitalTop - Self.capitalHeight) / Self.capitalHeight,
                strokeWidth: ink.strokeWidth / Self.capitalHeight, width: ink.width / Self.capitalHeight)
        }
        self.references = references
    }
}
