import CCairo
import DocSentry
import Foundation

/// A travel-document page drawn with Cairo for the locator's tests: OCR-B MRZ lines at their Doc 9303 positions
/// (2.54 mm pitch, 2.4 mm capitals), a visual zone with a photo, labels and values in a proportional font and a
/// light guilloche, then turned, blurred, dimmed or noised as asked. The answer is the MRZ's cell box in image
/// pixels, corners in reading order.
struct SyntheticPage {
    /// The MRZ lines (2 x 44, 2 x 36 or 3 x 30).
    var mrz: [String]
    var dotsPerInch: Double = 300
    /// Rotation of the page in the image, clockwise, in degrees (any angle).
    var degrees: Double = 0
    /// The card's other side (with text lines, no MRZ) in the same image: above it, or to its right with a gap of
    /// `sideGap` millimetres (so that its text lines continue the MRZ lines' rows).
    var secondSide: SecondSide?
    var sideGap = 4.0
    /// Only the MRZ, with `cropMargin` millimetres around the cells.
    var mrzOnly = false
    var cropMargin = 1.5
    /// The visual zone (photo, labels, values, guilloche).
    var visualZone = true
    /// The visual zone's labels and values (false leaves the photo and guilloche).
    var textLines = true
    /// Drop the MRZ (a page without one).
    var withoutMRZ = false
    /// A page of running text instead of a document (no MRZ).
    var prose: Prose?
    /// Something drawn over the MRZ by whoever published the image.
    var annotation: Annotation?
    var blurSigma = 0.0
    var noiseSigma = 0.0
    /// 1 keeps the contrast; 0.3 pulls every grey level 70% of the way to mid grey.
    var contrast = 1.0
    var seed: UInt64 = 1

    enum SecondSide {
        case above
        case right
    }

    enum Annotation {
        /// A red ellipse around the middle of the MRZ, crossing both lines.
        case ellipse
        /// A translucent coloured band laid over the whole MRZ.
        case translucentBand
        /// A red box around the MRZ, so close above and below that it touches the characters, with a label.
        case box
    }

    enum Prose {
        /// Sentence case in a proportional font.
        case proportional
        /// Capitals in a monospaced font, words separated by spaces.
        case monospaced
    }

    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    static let td2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
    static let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]

    struct Rendered {
        var raster: Raster
        /// The MRZ's cell box, reading order (top left = start of line 1).
        var box: MRZRegion.Quad
    }

    static let pitch = 2.54
    static let capitalHeight = 2.4

    /// Page size, first-cell left edge and line centres from the bottom, in millimetres (Doc 9303).
    var layout: (width: Double, height: Double, left: Double, centres: [Double]) {
        switch (mrz.count, mrz.first?.count ?? 0) {
        case (3, _): (85.6, 53.98, 5.0, [15.73, 11.50, 7.27])
        case (_, 36): (105.0, 74.0, 4.0, [15.75, 9.40])
        default: (125.0, 88.0, 6.0, [15.75, 9.40])
        }
    }

    func render() -> Rendered {
        let (pageWidth, pageHeight, left, centres) = layout
        let scale = dotsPerInch / 25.4
        let cellBox = (left: left, top: pageHeight - centres.first! - Self.capitalHeight / 2,
                       right: left + Double(mrz[0].count) * Self.pitch,
                       bottom: pageHeight - centres.last! + Self.capitalHeight / 2)
        // The drawing: one page, or the front side above the back side.
        let drawingHeight = secondSide == .above ? 2 * pageHeight + 8 : pageHeight
        let drawingWidth = secondSide == .right ? 2 * pageWidth + sideGap : pageWidth
        let backTop = secondSide == .above ? pageHeight + 8 : 0.0
        var region = (left: 0.0, top: 0.0, right: drawingWidth, bottom: drawingHeight)
        if mrzOnly {
            region = (cellBox.left - cropMargin, backTop + cellBox.top - cropMargin, cellBox.right + cropMargin,
                      backTop + cellBox.bottom + cropMargin)
        }
        let radians = degrees * .pi / 180
        let regionWidth = region.right - region.left, regionHeight = region.bottom - region.top
        let rotatedWidth = abs(regionWidth * cos(radians)) + abs(regionHeight * sin(radians))
        let rotatedHeight = abs(regionWidth * sin(radians)) + abs(regionHeight * cos(radians))
        let border = mrzOnly ? 0.0 : 6.0
        let width = Int(((rotatedWidth + 2 * border) * scale).rounded())
        let height = Int(((rotatedHeight + 2 * border) * scale).rounded())

        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 0.93, 0.93, 0.91)
        cairo_paint(cr)
        cairo_translate(cr, Double(width) / 2, Double(height) / 2)
        cairo_rotate(cr, radians)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, -(region.left + region.right) / 2, -(region.top + region.bottom) / 2)

        var random = SplitMix64(seed: seed)
        if let prose {
            drawProse(cr, prose, width: pageWidth, height: pageHeight, random: &random)
        } else if secondSide == .above {
            drawFront(cr, width: pageWidth, height: pageHeight, random: &random)
        } else if secondSide == .right {
            cairo_save(cr)
            cairo_translate(cr, pageWidth + sideGap, 0)
            drawFront(cr, width: pageWidth, height: pageHeight, textFirst: true, random: &random)
            cairo_restore(cr)
        }
        cairo_save(cr)
        cairo_translate(cr, 0, backTop)
        if prose == nil { drawPage(cr, width: pageWidth, height: pageHeight, left: left, centres: centres, random: &random) }
        var corners: [MRZRegion.Point] = []
        for (x, y) in [(cellBox.left, cellBox.top), (cellBox.right, cellBox.top),
                       (cellBox.right, cellBox.bottom), (cellBox.left, cellBox.bottom)] {
            var dx = x, dy = y
            cairo_user_to_device(cr, &dx, &dy)
            corners.append(MRZRegion.Point(x: dx, y: dy))
        }
        cairo_restore(cr)
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let p = data + y * stride + x * 4
                pixels[y * width + x] = UInt8((Int(p[0]) + Int(p[1]) + Int(p[2])) / 3)
            }
        }
        cairo_destroy(cr)
        cairo_surface_destroy(surface)

        var raster = Raster(width: width, height: height, pixels: pixels)
        if blurSigma > 0 { raster = Self.blurred(raster, sigma: blurSigma) }
        if contrast != 1 || noiseSigma > 0 {
            for index in raster.pixels.indices {
                var value = 160 + (Double(raster.pixels[index]) - 160) * contrast
                if noiseSigma > 0 { value += random.gaussian() * noiseSigma }
                raster.pixels[index] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        return Rendered(raster: raster,
                        box: MRZRegion.Quad(topLeft: corners[0], topRight: corners[1], bottomRight: corners[2], bottomLeft: corners[3]))
    }

    private func drawPage(_ cr: OpaquePointer, width: Double, height: Double, left: Double, centres: [Double],
                          random: inout SplitMix64) {
        cairo_set_source_rgb(cr, 0.99, 0.98, 0.95)
        cairo_rectangle(cr, 0, 0, width, height)
        cairo_fill(cr)
        if visualZone {
            drawGuilloche(cr, width: width, height: height - 24, random: &random)
            drawVisualZone(cr, width: width, height: height - 24, random: &random)
        }
        guard !withoutMRZ && prose == nil else { return }
        // OCR-B scaled so that capitals are 2.4 mm high, each character centred in its 2.54 mm cell.
        cairo_select_font_face(cr, "OCR B", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 10)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, "H", &extents)
        cairo_set_font_size(cr, 10 * Self.capitalHeight / extents.height)
        cairo_set_source_rgb(cr, 0.08, 0.08, 0.1)
        for (line, centre) in zip(mrz, centres) {
            let baseline = height - centre + Self.capitalHeight / 2
            for (index, character) in line.enumerated() {
                let text = String(character)
                var glyph = cairo_text_extents_t()
                cairo_text_extents(cr, text, &glyph)
                let cellLeft = left + Double(index) * Self.pitch
                cairo_move_to(cr, cellLeft + (Self.pitch - glyph.x_advance) / 2, baseline)
                cairo_show_text(cr, text)
            }
        }
        switch annotation {
        case .ellipse:
            cairo_save(cr)
            cairo_set_source_rgb(cr, 0.85, 0.1, 0.1)
            cairo_set_line_width(cr, 0.5)
            cairo_translate(cr, width / 2, height - (centres.first! + centres.last!) / 2)
            cairo_scale(cr, width * 0.3, 6)
            cairo_arc(cr, 0, 0, 1, 0, 2 * .pi)
            cairo_restore(cr)
            cairo_stroke(cr)
        case .translucentBand:
            cairo_set_source_rgba(cr, 0.2, 0.45, 0.95, 0.45)
            cairo_rectangle(cr, left - 2, height - centres.first! - 4, Double(mrz[0].count) * Self.pitch + 4,
                            centres.first! - centres.last! + 8)
            cairo_fill(cr)
        case .box:
            let top = height - centres.first! - Self.capitalHeight / 2 - 0.3
            let bottom = height - centres.last! + Self.capitalHeight / 2 + 0.3
            cairo_set_source_rgb(cr, 0.9, 0.05, 0.05)
            cairo_set_line_width(cr, 0.45)
            cairo_rectangle(cr, left - 1, top, Double(mrz[0].count) * Self.pitch + 2, bottom - top)
            cairo_stroke(cr)
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
            cairo_set_font_size(cr, 3)
            cairo_move_to(cr, left + 30, top - 1.2)
            cairo_show_text(cr, "Machine readable zone")
        case nil:
            break
        }
    }

    private func drawGuilloche(_ cr: OpaquePointer, width: Double, height: Double, random: inout SplitMix64) {
        cairo_set_line_width(cr, 0.12)
        cairo_set_source_rgb(cr, 0.80, 0.84, 0.86)
        let phase = random.unit() * 6
        for wave in 0..<14 {
            cairo_move_to(cr, 0, 8)
            for step in 0...200 {
                let x = width * Double(step) / 200
                let y = height / 2 + sin(x / 7 + Double(wave) * 0.45 + phase) * height * 0.35 * cos(x / 31 + Double(wave))
                cairo_line_to(cr, x, y)
            }
            cairo_stroke(cr)
        }
    }

    private static let labels = ["Type / Type", "Surname / Nom", "Given names / Prenoms", "Nationality / Nationalite",
                                 "Date of birth / Date de naissance", "Sex / Sexe", "Place of birth / Lieu de naissance",
                                 "Date of issue / Date de delivrance", "Authority / Autorite", "Date of expiry / Date d'expiration"]
    private static let values = ["P", "ERIKSSON", "Anna Maria", "Utopian", "12 Aug 1974", "F", "Zenith", "16 Apr 2007",
                                 "Passport Office", "15 Apr 2012", "Specimen", "Holder's signature"]

    /// Photo, title, labels and values; `textFirst` puts the text at the left edge and the photo at the right.
    private func drawVisualZone(_ cr: OpaquePointer, width: Double, height: Double, textFirst: Bool = false,
                                random: inout SplitMix64) {
        // Photo: a grey rectangle with a darker head.
        let photoLeft = textFirst ? width * 0.7 : 5
        cairo_set_source_rgb(cr, 0.72, 0.72, 0.74)
        cairo_rectangle(cr, photoLeft, 12, width * 0.26, height - 16)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0.35, 0.33, 0.32)
        cairo_arc(cr, photoLeft + width * 0.13, 12 + (height - 16) * 0.4, width * 0.07, 0, 2 * .pi)
        cairo_fill(cr)
        guard textLines else { return }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.3)
        cairo_set_font_size(cr, 3.6)
        cairo_move_to(cr, 8, 8)
        cairo_show_text(cr, "PASSPORT  PASSEPORT  UTOPIA")
        var y = 15.0
        var field = 0
        let x = textFirst ? 3 : 10 + width * 0.26
        while y + 5 < height {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, 1.6)
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.45)
            cairo_move_to(cr, x, y)
            cairo_show_text(cr, Self.labels[field % Self.labels.count])
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
            cairo_set_font_size(cr, 2.8)
            cairo_set_source_rgb(cr, 0.05, 0.05, 0.08)
            cairo_move_to(cr, x, y + 3.4)
            cairo_show_text(cr, Self.values[(field + Int(random.unit() * 3)) % Self.values.count])
            y += 6.2
            field += 1
        }
    }

    private static let words = ["the", "holder", "of", "this", "passport", "is", "requested", "to", "allow", "bearer",
                                "pass", "freely", "without", "let", "or", "hindrance", "and", "afford", "such", "assistance",
                                "protection", "as", "may", "be", "necessary", "valid", "for", "all", "countries", "unless",
                                "otherwise", "endorsed", "name", "date", "issue", "authority", "signature", "observations"]

    /// Lines of running text over the whole page.
    private func drawProse(_ cr: OpaquePointer, _ prose: Prose, width: Double, height: Double, random: inout SplitMix64) {
        cairo_set_source_rgb(cr, 0.99, 0.98, 0.95)
        cairo_rectangle(cr, 0, 0, width, height)
        cairo_fill(cr)
        let monospaced = prose == .monospaced
        cairo_select_font_face(cr, monospaced ? "DejaVu Sans Mono" : "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, monospaced ? 3.4 : 3.2)
        cairo_set_source_rgb(cr, 0.05, 0.05, 0.08)
        var y = 9.0
        while y < height - 5 {
            var line = ""
            while line.count < (monospaced ? 38 : 55) {
                let word = Self.words[Int(random.unit() * Double(Self.words.count))]
                line += (line.isEmpty ? "" : " ") + (monospaced ? word.uppercased() : word)
            }
            cairo_move_to(cr, 6, y)
            cairo_show_text(cr, line)
            y += 5.2
        }
    }

    /// A card's front: photo, title and several lines of text, no MRZ.
    private func drawFront(_ cr: OpaquePointer, width: Double, height: Double, textFirst: Bool = false,
                           random: inout SplitMix64) {
        cairo_set_source_rgb(cr, 0.98, 0.97, 0.96)
        cairo_rectangle(cr, 0, 0, width, height)
        cairo_fill(cr)
        drawGuilloche(cr, width: width, height: height, random: &random)
        drawVisualZone(cr, width: width, height: height, textFirst: textFirst, random: &random)
    }

    /// A separable Gaussian blur (borders clamped).
    static func blurred(_ raster: Raster, sigma: Double) -> Raster {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        let weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        let width = raster.width, height = raster.height
        var temporary = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for (offset, weight) in zip(-radius...radius, weights) {
                    sum += weight * Double(raster.pixels[y * width + min(width - 1, max(0, x + offset))])
                }
                temporary[y * width + x] = sum / total
            }
        }
        var output = raster
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for (offset, weight) in zip(-radius...radius, weights) {
                    sum += weight * temporary[min(height - 1, max(0, y + offset)) * width + x]
                }
                output.pixels[y * width + x] = UInt8(max(0, min(255, (sum / total).rounded())))
            }
        }
        return output
    }
}

