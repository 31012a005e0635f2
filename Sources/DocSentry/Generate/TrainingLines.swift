import CCairo
import CPNG
import CTesseract
import Foundation

/// One synthetic MRZ line image and its exact text: training data for the MRZ recogniser (issue 8).
public struct TrainingLine: Sendable, Equatable {
    /// The characters printed in the line, all from the 37-character MRZ alphabet.
    public let text: String
    /// The grey line image (0 black, 255 white).
    public let image: Raster
    /// How the line was made, for inspection: format or `random`, pitch, degradations.
    public let recipe: String
}

/// Renders MRZ-shaped text lines in OCR-B, degraded the way photographed and scanned documents are.
///
/// Line `index` of seed `seed` is always the same image, byte for byte: every choice is drawn from a SplitMix64
/// stream seeded from the pair, so lines can be rendered in any order, in several processes, and a set can be
/// regenerated exactly. About 80% of the lines are real MRZ lines of all five formats, composed with
/// `MRZComposer` from random field values (check digits included); 20% are random strings of the 37 characters.
///
/// What varies: character pitch (5 to 36 px), letter spacing, stroke weight, rotation up to ±2°, tight or padded
/// crops, fragments of the neighbouring MRZ line above or below, paper and ink grey levels (low contrast
/// included), uneven light, blur, noise, JPEG artefacts, rendering at twice the size and reducing, and about a
/// third binarised (some of them first scaled to about 60 px high, as scanned line crops often are).
public enum TrainingLines {
    public static let alphabet = Array(MRZCharacter.alphabet)

    /// How a set of lines looks.
    public enum Style: String, Sendable, CaseIterable {
        /// Lines as DocSentry's own locator crops them from scans and generated pages: grey or binarised, tight or
        /// padded, 5-36 px a character (the set every shipped model was trained on).
        case scan
        /// Lines as photographed and scanned print reaches a line cropper that binarises and scales: the OCR-B
        /// variants of different issuers' printers (regular or sharp cuts, condensed or wide, light or heavy ink),
        /// captured small and blurred, JPEG, uneven light, then cut tight, scaled to a 33-40 px text height,
        /// binarised and padded with white, as the real photographed lines of `mrz-lines-real` are.
        case photo
    }

    /// What line `index` prints: its text, its neighbours above and below in the same MRZ (when there are any),
    /// and, for a real MRZ line, the field values it was composed from and which line of the MRZ it is (0-based).
    public struct Content: Sendable, Equatable {
        public let line: String
        public let above: String?
        public let below: String?
        public let fields: MRZFields?
        public let lineNumber: Int?
        /// The format and line (`TD3/2`) or `random`.
        public var kind: String { fields.map { "\($0.format)/\((lineNumber ?? 0) + 1)" } ?? "random" }
    }

    /// The text of line `index` of the set made from `seed` (what `render` draws).
    public static func content(seed: UInt64, index: Int) -> Content {
        var random = SplitMix64(seed: seed, line: UInt64(index), purpose: 1)
        return text(using: &random)
    }

    /// Line `index` of the set made from `seed`, in `style`.
    public static func render(seed: UInt64, index: Int, style: Style = .scan) -> TrainingLine {
        var random = SplitMix64(seed: seed, line: UInt64(index), purpose: 1)
        let content = text(using: &random)
        var look = SplitMix64(seed: seed, line: UInt64(index), purpose: 2)
        let (image, recipe) = switch style {
        case .scan: draw(content.line, above: content.above, below: content.below, using: &look)
        case .photo: drawPhotographed(content.line, above: content.above, below: content.below, using: &look)
        }
        return TrainingLine(text: content.line, image: image, recipe: content.kind + " " + recipe)
    }

    /// PNG bytes of a grey raster (nil if libpng fails).
    public static func png(_ raster: Raster) -> [UInt8]? {
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = raster.pixels.withUnsafeBufferPointer {
            ds_png_encode_gray($0.baseAddress, UInt32(raster.width), UInt32(raster.height), &data, &length)
        }
        guard status == DS_PNG_OK, let data else { return nil }
        defer { ds_png_free_buffer(data) }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    // MARK: - Text

    static func text(using random: inout SplitMix64) -> Content {
        if random.chance(0.2) {
            let length = random.chance(0.6) ? random.element(of: [30, 36, 44]) : random.integer(in: 5...44)
            func randomLine(_ length: Int) -> String {
                var characters: [Character] = []
                while characters.count < length {
                    if random.chance(0.12) {  // a run of fillers, as MRZs have
                        characters += Array(repeating: "<", count: random.integer(in: 2...9))
                    } else {
                        characters.append(random.element(of: alphabet))
                    }
                }
                return String(characters.prefix(length))
            }
            let line = randomLine(length)
            return Content(line: line, above: randomLine(length), below: randomLine(length), fields: nil, lineNumber: nil)
        }
        let fields = randomFields(using: &random)
        let lines = MRZComposer.compose(fields)
        let which = random.integer(in: 0...(lines.count - 1))
        return Content(line: lines[which], above: which > 0 ? lines[which - 1] : nil,
                       below: which + 1 < lines.count ? lines[which + 1] : nil, fields: fields, lineNumber: which)
    }

    static func randomFields(using random: inout SplitMix64) -> MRZFields {
        let format = random.element(of: [MRZFormat.td1, .td1, .td2, .td3, .td3, .mrvA, .mrvB])
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let digits = Array("0123456789")
        func word(_ range: ClosedRange<Int>) -> String {
            String((0..<random.integer(in: range)).map { _ in random.element(of: letters) })
        }
        func date() -> String {
            [random.integer(in: 0...99), random.integer(in: 1...12), random.integer(in: 1...28)]
                .map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
        }
        func alphanumeric(_ count: Int, digitShare: Double) -> String {
            String((0..<count).map { _ in random.chance(digitShare) ? random.element(of: digits) : random.element(of: letters) })
        }
        let code: String = switch format {
        case .td3: random.element(of: ["P<", "P<", "PD", "PO", "PS"])
        case .td1: random.element(of: ["I<", "ID", "IR", "AC", "C<", "IP"])
        case .td2: random.element(of: ["I<", "ID", "A<", "C<", "IP"])
        case .mrvA, .mrvB: random.element(of: ["V<", "VC", "VD"])
        }
        func state() -> String {
            random.chance(0.1) ? random.element(of: ["D", "UTO", "GBR", "FRA"]) : word(3...3)
        }
        let long = (format == .td1 || format == .td2) && random.chance(0.1)
        let primary = (0..<random.integer(in: 1...3)).map { _ in word(2...12) }
        let secondary = random.chance(0.05) ? [] : (0..<random.integer(in: 1...3)).map { _ in word(2...10) }
        let optionalLength: Int = switch format {
        case .td1: 15
        case .td2: 7
        case .td3: 14
        case .mrvA: 16
        case .mrvB: 8
        }
        let optional = random.chance(0.6) ? "" : alphanumeric(random.integer(in: 1...optionalLength), digitShare: 0.7)
        return MRZFields(
            format: format, documentCode: code, issuingState: state(), primaryIdentifier: primary,
            secondaryIdentifier: secondary,
            documentNumber: alphanumeric(long ? random.integer(in: 10...12) : random.integer(in: 6...9), digitShare: 0.6),
            nationality: state(), dateOfBirth: date(), sex: random.element(of: ["M", "F", "<"]),
            dateOfExpiry: date(), optionalData: optional,
            optionalData2: format == .td1 && random.chance(0.3) ? alphanumeric(random.integer(in: 1...11), digitShare: 0.7) : "")
    }

    // MARK: - Drawing

    static func draw(_ line: String, above: String?, below: String?, using random: inout SplitMix64) -> (Raster, String) {
        // Final pitch, log-uniform from 5 to 36 px; a quarter of the lines are drawn twice as large and reduced.
        let pitch = exp(random.double(in: log(5.0)...log(36.0)))
        let supersample = random.chance(0.25) ? 2.0 : 1.0
        let drawPitch = pitch * supersample
        // Letter spacing: the glyph's natural advance against the pitch; most near 1, some widely spaced.
        let spacing = random.chance(0.15) ? random.double(in: 1.25...1.7) : random.double(in: 0.92...1.18)
        let advance = 0.6  // OCR-B's advance, in ems (checked against cairo's extents below)
        let fontSize = drawPitch / (advance * spacing)
        let capHeight = 0.68 * fontSize
        let lineGap = fontSize * random.double(in: 1.25...1.9)  // baseline to baseline
        let angle = (random.chance(0.5) ? random.double(in: -0.6...0.6) : random.double(in: -2...2)) * Double.pi / 180
        let bold = random.chance(0.3) ? random.double(in: 0.01...0.05) * fontSize : 0
        let jitter = random.chance(0.4) ? random.double(in: 0.01...0.06) : 0

        let count = line.count
        let textWidth = Double(count) * drawPitch
        let margin = 3 * lineGap + 4 * drawPitch
        let canvasWidth = Int(textWidth + 2 * margin)
        let canvasHeight = Int(4 * lineGap + 2 * margin)
        let baseline = Double(canvasHeight) / 2 + capHeight / 2
        let x0 = margin

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(canvasWidth), Int32(canvasHeight)),
            let cr = cairo_create(surface)
        else { fatalError("cairo could not make a \(canvasWidth)x\(canvasHeight) surface") }
        defer { cairo_destroy(cr); cairo_surface_destroy(surface) }
        cairo_select_font_face(cr, "OCR B", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, fontSize)
        TrainingLines.drawUnhinted(cr)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, "0", &extents)
        let glyphAdvance = extents.x_advance > 0 ? extents.x_advance : advance * fontSize

        let centreX = x0 + textWidth / 2, centreY = baseline - capHeight / 2
        cairo_translate(cr, centreX, centreY)
        cairo_rotate(cr, angle)
        cairo_translate(cr, -centreX, -centreY)
        cairo_set_source_rgba(cr, 0, 0, 0, 1)
        cairo_set_line_width(cr, max(bold, 0.01))
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)

        func show(_ text: String, baseline y: Double, shift: Double) {
            for (i, character) in text.enumerated() {
                let dx = jitter > 0 ? random.gaussian() * jitter * drawPitch : 0
                let dy = jitter > 0 ? random.gaussian() * jitter * 0.6 * drawPitch : 0
                let x = x0 + shift + Double(i) * drawPitch + (drawPitch - glyphAdvance) / 2 + dx
                cairo_move_to(cr, x, y + dy)
                cairo_text_path(cr, String(character))
            }
            if bold > 0 { cairo_fill_preserve(cr); cairo_stroke(cr) } else { cairo_fill(cr) }
        }
        show(line, baseline: baseline, shift: 0)
        // Neighbouring lines are printed at the same pitch, aligned on the same left edge (or nearly).
        let neighbourShift = random.chance(0.7) ? 0 : random.double(in: -0.5...0.5) * drawPitch
        if let above { show(above, baseline: baseline - lineGap, shift: neighbourShift) }
        if let below { show(below, baseline: baseline + lineGap, shift: neighbourShift) }
        cairo_surface_flush(surface)

        // The crop: the rotated line's bounding box plus padding, tight (down to a sliver of a glyph off the
        // edge) or padded (bits of the neighbouring lines show when the padding passes the gap).
        let halfWidth = textWidth / 2, halfHeight = 0.5 * capHeight + 0.12 * fontSize
        let cosA = abs(cos(angle)), sinA = abs(sin(angle))
        let boxHalfWidth = halfWidth * cosA + halfHeight * sinA
        let boxHalfHeight = halfWidth * sinA + halfHeight * cosA
        let tight = random.chance(0.35)
        let padX = tight ? random.double(in: -0.08...0.4) * drawPitch : random.double(in: 0.3...2.5) * drawPitch
        let padX2 = tight ? random.double(in: -0.08...0.4) * drawPitch : random.double(in: 0.3...2.5) * drawPitch
        let padTop = tight ? random.double(in: 0.02...0.2) * capHeight : random.double(in: 0.15...1.0) * capHeight
        let padBottom = tight ? random.double(in: 0.02...0.2) * capHeight : random.double(in: 0.15...1.0) * capHeight
        let left = max(0, Int((centreX - boxHalfWidth - padX).rounded()))
        let right = min(canvasWidth, Int((centreX + boxHalfWidth + padX2).rounded()))
        let top = max(0, Int((centreY - boxHalfHeight - padTop).rounded()))
        let bottom = min(canvasHeight, Int((centreY + boxHalfHeight + padBottom).rounded()))
        var width = right - left, height = bottom - top

        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var ink = [Double](repeating: 0, count: width * height)  // 0 paper .. 1 ink
        for y in 0..<height {
            for x in 0..<width { ink[y * width + x] = Double(data[(y + top) * stride + x + left]) / 255 }
        }
        if supersample > 1 {
            let w2 = width / 2, h2 = height / 2
            var reduced = [Double](repeating: 0, count: w2 * h2)
            for y in 0..<h2 {
                for x in 0..<w2 {
                    let i = 2 * y * width + 2 * x
                    reduced[y * w2 + x] = (ink[i] + ink[i + 1] + ink[i + width] + ink[i + width + 1]) / 4
                }
            }
            ink = reduced; width = w2; height = h2
        }

        // Paper and ink, uneven light, blur, noise.
        let lowContrast = random.chance(0.15)
        let paper = random.double(in: 150...250)
        let inkLevel = lowContrast ? paper - random.double(in: 35...80) : random.double(in: 0...max(1, paper - 110))
        let blur = random.chance(0.6) ? random.double(in: 0.3...1.2) * max(1, pitch / 12) : 0
        if blur > 0 { gaussianBlur(&ink, width, height, sigma: blur) }
        var grey = [Double](repeating: 0, count: width * height)
        let lightAmount = random.chance(0.5) ? random.double(in: 0.1...0.45) : 0
        let gx = random.double(in: -1...1), gy = random.double(in: -1...1)
        let spotX = random.double(in: 0...1), spotY = random.double(in: -1...2), spotR = random.double(in: 0.3...1.2)
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(max(width, 1)), v = Double(y) / Double(max(height, 1))
                var light = 1.0
                if lightAmount > 0 {
                    let ramp = 0.5 + 0.5 * (gx * (u - 0.5) + gy * (v - 0.5))
                    let d = ((u - spotX) * (u - spotX) + (v - spotY) * (v - spotY) * 0.05).squareRoot() / spotR
                    light = 1 - lightAmount * min(1, 0.6 * ramp + 0.4 * min(1, d))
                }
                let i = y * width + x
                grey[i] = (paper - (paper - inkLevel) * ink[i]) * light
            }
        }
        let noise = random.chance(0.6) ? random.double(in: 2...14) : 0
        if noise > 0 { for i in grey.indices { grey[i] += noise * random.gaussian() } }
        var pixels = grey.map { UInt8(max(0, min(255, $0.rounded()))) }
        var recipe = String(format: "pitch %.1f spacing %.2f angle %.2f bold %.2f blur %.2f noise %.1f", pitch, spacing,
                            angle * 180 / Double.pi, bold / fontSize, blur, noise)
        if random.chance(0.3) {
            let quality = random.integer(in: 12...70)
            if let decoded = jpegRoundTrip(pixels, width, height, quality: Int32(quality)) { pixels = decoded }
            recipe += " jpeg \(quality)"
        }
        if random.chance(0.33) {
            if random.chance(0.5) {  // scaled to a scan's line height first, then thresholded
                let newHeight = random.integer(in: 56...61)
                let newWidth = max(1, Int((Double(width) * Double(newHeight) / Double(height)).rounded()))
                pixels = resize(pixels, width, height, newWidth, newHeight)
                width = newWidth; height = newHeight
                recipe += " scaled"
            }
            binarise(&pixels, width, height, local: random.chance(0.5))
            recipe += " binarised"
        }
        return (Raster(width: width, height: height, pixels: pixels), recipe)
    }

    static func gaussianBlur(_ values: inout [Double], _ width: Int, _ height: Int, sigma: Double) {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let sum = kernel.reduce(0, +)
        kernel = kernel.map { $0 / sum }
        var temporary = values
        for y in 0..<height {
            for x in 0..<width {
                var total = 0.0
                for k in -radius...radius { total += kernel[k + radius] * values[y * width + min(width - 1, max(0, x + k))] }
                temporary[y * width + x] = total
            }
        }
        for y in 0..<height {
            for x in 0..<width {
                var total = 0.0
                for k in -radius...radius { total += kernel[k + radius] * temporary[min(height - 1, max(0, y + k)) * width + x] }
                values[y * width + x] = total
            }
        }
    }

    static func resize(_ pixels: [UInt8], _ width: Int, _ height: Int, _ newWidth: Int, _ newHeight: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        let sx = Double(width) / Double(newWidth), sy = Double(height) / Double(newHeight)
        for y in 0..<newHeight {
            let fy = max(0, min(Double(height - 1), (Double(y) + 0.5) * sy - 0.5))
            let y0 = Int(fy), y1 = min(height - 1, y0 + 1), ty = fy - Double(y0)
            for x in 0..<newWidth {
                let fx = max(0, min(Double(width - 1), (Double(x) + 0.5) * sx - 0.5))
                let x0 = Int(fx), x1 = min(width - 1, x0 + 1), tx = fx - Double(x0)
                let top = Double(pixels[y0 * width + x0]) * (1 - tx) + Double(pixels[y0 * width + x1]) * tx
                let bottom = Double(pixels[y1 * width + x0]) * (1 - tx) + Double(pixels[y1 * width + x1]) * tx
                out[y * newWidth + x] = UInt8(max(0, min(255, (top * (1 - ty) + bottom * ty).rounded())))
            }
        }
        return out
    }

    /// Otsu's global threshold moved by `offset` grey levels, or Sauvola's local one (window about the line's
    /// height, `k` 0.2-0.4 unless given): a higher threshold thickens the strokes, a lower one thins them.
    static func binarise(_ pixels: inout [UInt8], _ width: Int, _ height: Int, local: Bool, offset: Int = 0,
                         k sauvolaK: Double? = nil) {
        if local {
            let radius = max(4, height / 2)
            let w1 = width + 1
            var sums = [Double](repeating: 0, count: w1 * (height + 1))
            var squares = sums
            for y in 0..<height {
                var row = 0.0, rowSquares = 0.0
                for x in 0..<width {
                    let v = Double(pixels[y * width + x])
                    row += v; rowSquares += v * v
                    sums[(y + 1) * w1 + x + 1] = sums[y * w1 + x + 1] + row
                    squares[(y + 1) * w1 + x + 1] = squares[y * w1 + x + 1] + rowSquares
                }
            }
            let k = sauvolaK ?? 0.2 + 0.2 * Double(height % 3) / 2
            var out = pixels
            for y in 0..<height {
                let ya = max(0, y - radius), yb = min(height, y + radius + 1)
                for x in 0..<width {
                    let xa = max(0, x - radius), xb = min(width, x + radius + 1)
                    let n = Double((yb - ya) * (xb - xa))
                    func box(_ t: [Double]) -> Double { t[yb * w1 + xb] - t[ya * w1 + xb] - t[yb * w1 + xa] + t[ya * w1 + xa] }
                    let mean = box(sums) / n
                    let deviation = max(0, box(squares) / n - mean * mean).squareRoot()
                    let threshold = mean * (1 + k * (deviation / 128 - 1))
                    out[y * width + x] = Double(pixels[y * width + x]) <= threshold ? 0 : 255
                }
            }
            pixels = out
            return
        }
        var histogram = [Int](repeating: 0, count: 256)
        for p in pixels { histogram[Int(p)] += 1 }
        let total = Double(pixels.count)
        let sumAll = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var sumBelow = 0.0, weightBelow = 0.0, best = 0.0, threshold = 128
        for t in 0..<256 {
            weightBelow += Double(histogram[t])
            if weightBelow == 0 || weightBelow == total { continue }
            sumBelow += Double(t * histogram[t])
            let meanBelow = sumBelow / weightBelow, meanAbove = (sumAll - sumBelow) / (total - weightBelow)
            let between = weightBelow * (total - weightBelow) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best { best = between; threshold = t }
        }
        for i in pixels.indices { pixels[i] = Int(pixels[i]) <= threshold + offset ? 0 : 255 }
    }

    /// Encodes to JPEG at `quality` and decodes again, with leptonica (libjpeg): real block artefacts.
    static func jpegRoundTrip(_ pixels: [UInt8], _ width: Int, _ height: Int, quality: Int32) -> [UInt8]? {
        guard let pix = pixCreate(Int32(width), Int32(height), 8) else { return nil }
        var owned: UnsafeMutablePointer<PIX>? = pix
        defer { pixDestroy(&owned) }
        let wpl = Int(pixGetWpl(pix))
        guard let words = pixGetData(pix) else { return nil }
        for y in 0..<height {
            for x in 0..<width {
                let shift = UInt32(24 - 8 * (x & 3))  // leptonica packs 8-bit pixels big-endian in 32-bit words
                words[y * wpl + x / 4] |= UInt32(pixels[y * width + x]) << shift
            }
        }
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemJpeg(&data, &size, pix, quality, 0) == 0, let data else { return nil }
        defer { lept_free(data) }
        guard let decoded = pixReadMem(data, size) else { return nil }
        var d: UnsafeMutablePointer<PIX>? = decoded
        defer { pixDestroy(&d) }
        guard pixGetWidth(decoded) == Int32(width), pixGetHeight(decoded) == Int32(height), pixGetDepth(decoded) == 8,
            let out = pixGetData(decoded)
        else { return nil }
        let outWpl = Int(pixGetWpl(decoded))
        var result = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                result[y * width + x] = UInt8(truncatingIfNeeded: out[y * outWpl + x / 4] >> UInt32(24 - 8 * (x & 3)))
            }
        }
        return result
    }
}

extension TrainingLines {
    /// A line of `Style.photo`: printed by one of several OCR-B cuts, captured small by a camera or scanner, then
    /// cut, scaled and binarised the way a line cropper does it.
    ///
    /// What varies: the cut (OCR-B regular or sharp), glyph width (condensed 0.78 to wide 1.06), spacing (some lines
    /// widely spaced), ink spread,
    /// shear, perspective (characters growing or shrinking along the line), rotation up to ±1°, the capture's cap
    /// height (9 to 42 px), camera blur, paper and ink levels, uneven light, noise, JPEG; then a tight crop (now and
    /// then with bits of the neighbouring line), scaled to a text height of 33-40 px, binarised (Otsu with its
    /// threshold moved, or Sauvola; some before the scaling, which leaves blocky edges), white margins around.
    static func drawPhotographed(_ line: String, above: String?, below: String?,
                                 using random: inout SplitMix64) -> (Raster, String) {
        let capHeight = exp(random.double(in: log(9.0)...log(42.0)))
        let sharp = random.chance(0.3)
        let widthScale = random.double(in: 0.78...1.06)
        let spacing = random.chance(0.15) ? random.double(in: 1.2...1.7) : random.double(in: 0.92...1.12)
        let perspective = random.chance(0.4) ? random.double(in: -0.12...0.12) : 0
        let shear = random.chance(0.3) ? random.double(in: -0.12...0.12) : 0
        let angle = random.double(in: -1...1) * Double.pi / 180
        let spread = random.chance(0.5) ? random.double(in: 0.01...0.07) : 0
        let lineGap = random.double(in: 1.25...1.8)
        let neighbours = random.chance(0.12)
        var ink = photographedInk(line, above: neighbours ? above : nil, below: neighbours ? below : nil,
                                  face: sharp ? "OCR B S" : "OCR B", capHeight: capHeight, widthScale: widthScale,
                                  spacing: spacing, perspective: perspective, shear: shear, angle: angle,
                                  spread: spread, lineGap: lineGap, padding: neighbours ? random.double(in: 0.3...0.7) : 0,
                                  using: &random)
        var width = ink.width, height = ink.height

        // The capture: camera blur, paper and ink, uneven light, noise, JPEG.
        let blur = random.double(in: 0.3...1.4)
        gaussianBlur(&ink.values, width, height, sigma: blur)
        let paper = random.double(in: 140...240), inkLevel = random.double(in: 5...max(6, paper - 60))
        let lightAmount = random.chance(0.5) ? random.double(in: 0.1...0.4) : 0
        let gx = random.double(in: -1...1), gy = random.double(in: -1...1)
        let noise = random.chance(0.6) ? random.double(in: 2...10) : 0
        var grey = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(width) - 0.5, v = Double(y) / Double(height) - 0.5
                let light = 1 - lightAmount * (0.5 + 0.5 * (gx * u + gy * v))
                var value = (paper - (paper - inkLevel) * ink.values[y * width + x]) * light
                if noise > 0 { value += noise * random.gaussian() }
                grey[y * width + x] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        var recipe = String(format: "photo cap %.1f %@width %.2f spacing %.2f perspective %.2f shear %.2f angle %.2f spread %.2f blur %.2f",
                            capHeight, sharp ? "sharp " : "", widthScale, spacing, perspective, shear,
                            angle * 180 / Double.pi, spread, blur)
        if random.chance(0.6) {
            let quality = random.integer(in: 15...75)
            if let decoded = jpegRoundTrip(grey, width, height, quality: Int32(quality)) { grey = decoded }
            recipe += " jpeg \(quality)"
        }

        // The line cropper: scale the text to 33-40 px high and binarise (some before scaling), pad with white.
        let textHeight = Double(random.integer(in: 33...40))
        let scale = textHeight / ink.textHeight
        let newWidth = max(1, Int((Double(width) * scale).rounded()))
        let newHeight = max(1, Int((Double(height) * scale).rounded()))
        let local = random.chance(0.4)
        let offset = random.integer(in: -30...30), k = random.double(in: 0.05...0.35)
        if random.chance(0.3) {
            binarise(&grey, width, height, local: local, offset: offset, k: k)
            grey = nearest(grey, width, height, newWidth, newHeight)
            recipe += " binarised-then-scaled"
        } else {
            grey = resize(grey, width, height, newWidth, newHeight)
            binarise(&grey, newWidth, newHeight, local: local, offset: offset, k: k)
        }
        recipe += local ? String(format: " sauvola %.2f", k) : " otsu \(offset)"
        width = newWidth; height = newHeight
        let top = 10, bottom = random.integer(in: 10...12), side = random.integer(in: 4...11)
        let outWidth = width + 2 * side, outHeight = height + top + bottom
        var pixels = [UInt8](repeating: 255, count: outWidth * outHeight)
        for y in 0..<height {
            for x in 0..<width { pixels[(y + top) * outWidth + x + side] = grey[y * width + x] }
        }
        return (Raster(width: outWidth, height: outHeight, pixels: pixels), recipe)
    }

    /// The ink (0 paper .. 1 ink) of a photographed line at capture size, cut tight around the line's own ink
    /// (plus `padding` cap heights above and below, where the neighbouring lines may show), and the height of the
    /// line's ink in that cut.
    static func photographedInk(_ line: String, above: String?, below: String?, face: String, capHeight: Double,
                                widthScale: Double, spacing: Double, perspective: Double, shear: Double, angle: Double,
                                spread: Double, lineGap: Double, padding: Double,
                                using random: inout SplitMix64) -> (values: [Double], width: Int, height: Int, textHeight: Double) {
        let fontSize = capHeight / 0.7
        let pitch = 0.6 * fontSize * widthScale * spacing
        let count = line.count
        let margin = Int(2 * lineGap * fontSize + 4 * pitch)
        let canvasWidth = Int(Double(count) * pitch * (1 + abs(perspective))) + 2 * margin
        let canvasHeight = Int(3 * lineGap * fontSize) + 2 * margin
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(canvasWidth), Int32(canvasHeight)),
            let cr = cairo_create(surface)
        else { fatalError("cairo could not make a \(canvasWidth)x\(canvasHeight) surface") }
        defer { cairo_destroy(cr); cairo_surface_destroy(surface) }
        cairo_select_font_face(cr, face, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, fontSize)
        TrainingLines.drawUnhinted(cr)
        let x0 = Double(margin), centreY = Double(canvasHeight) / 2
        let centreX = x0 + Double(count) * pitch / 2
        cairo_translate(cr, centreX, centreY)
        cairo_rotate(cr, angle)
        cairo_translate(cr, -centreX, -centreY)
        cairo_set_source_rgba(cr, 0, 0, 0, 1)
        cairo_set_line_width(cr, max(spread * fontSize, 0.01))
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        let jitter = random.chance(0.4) ? random.double(in: 0.01...0.04) : 0
        // Character i is scaled by 1 + perspective * (i / (count - 1) - 0.5) about the line's middle.
        func show(_ text: String, middle: Double) {
            var x = x0
            for (i, character) in text.enumerated() {
                let size = 1 + perspective * (Double(i) / Double(max(1, count - 1)) - 0.5)
                let dx = jitter > 0 ? random.gaussian() * jitter * pitch : 0
                let dy = jitter > 0 ? random.gaussian() * jitter * pitch : 0
                var matrix = cairo_matrix_t(xx: widthScale * size, yx: 0, xy: -shear * size, yy: size,
                                            x0: x + (pitch * size - 0.6 * fontSize * widthScale * size) / 2 + dx,
                                            y0: middle + capHeight * size / 2 + dy)
                cairo_save(cr)
                cairo_transform(cr, &matrix)
                cairo_move_to(cr, 0, 0)
                cairo_text_path(cr, String(character))
                cairo_restore(cr)
                x += pitch * size
            }
            if spread > 0 { cairo_fill_preserve(cr); cairo_stroke(cr) } else { cairo_fill(cr) }
        }
        show(line, middle: centreY)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        // The line's own ink box, before the neighbours are drawn.
        var left = canvasWidth, right = -1, top = canvasHeight, bottom = -1
        for y in 0..<canvasHeight {
            for x in 0..<canvasWidth where data[y * stride + x] > 96 {
                left = min(left, x); right = max(right, x); top = min(top, y); bottom = max(bottom, y)
            }
        }
        guard right >= left, bottom >= top else { fatalError("line \(line) left no ink") }
        let gap = lineGap * fontSize
        if let above { show(above, middle: centreY - gap) }
        if let below { show(below, middle: centreY + gap) }
        cairo_surface_flush(surface)
        let textHeight = Double(bottom - top + 1)
        let pad = Int((padding * textHeight).rounded())
        top = max(0, top - pad); bottom = min(canvasHeight - 1, bottom + pad)
        let width = right - left + 1, height = bottom - top + 1
        var values = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { values[y * width + x] = Double(data[(y + top) * stride + x + left]) / 255 }
        }
        return (values, width, height, textHeight)
    }

    /// Nearest-neighbour scaling: the blocky edges of a line binarised at a low resolution and then enlarged.
    static func nearest(_ pixels: [UInt8], _ width: Int, _ height: Int, _ newWidth: Int, _ newHeight: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        for y in 0..<newHeight {
            let sy = min(height - 1, y * height / newHeight)
            for x in 0..<newWidth { out[y * newWidth + x] = pixels[sy * width + min(width - 1, x * width / newWidth)] }
        }
        return out
    }
}

extension SplitMix64 {
    /// One training line's stream for one purpose (1: its text, 2: how it is drawn), so the text of a line does
    /// not change when the drawing draws one more number.
    init(seed: UInt64, line index: UInt64, purpose: UInt64) {
        var mixer = SplitMix64(seed: seed)
        var stream = SplitMix64(seed: mixer.next() ^ (index &* 0xD1B5_4A32_D192_ED03) ^ (purpose &* 0x8CB9_2BA7_2F3D_8DD7))
        _ = stream.next()
        self = stream
    }
}

extension TrainingLines {
    /// Glyphs drawn at their true outlines and advances (no hinting, grey antialiasing), as print is: hinting
    /// would snap OCR-B's strokes and pitch to the pixel grid of each rendering size.
    static func drawUnhinted(_ cr: OpaquePointer) {
        guard let options = cairo_font_options_create() else { return }
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }
}
