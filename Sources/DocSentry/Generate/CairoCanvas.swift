import CCairo
import Foundation

/// A Cairo image surface and its drawing context, with the few drawing calls the renderer needs, in millimetres.
///
/// One canvas belongs to one thread; Cairo allows separate contexts on separate threads.
final class CairoCanvas {
    let surface: OpaquePointer
    let context: OpaquePointer
    let widthPixels: Int
    let heightPixels: Int
    /// Pixels per millimetre.
    let scale: Double

    init(widthMillimetres: Double, heightMillimetres: Double, dotsPerInch: Int) throws(GenerateError) {
        scale = Double(dotsPerInch) / 25.4
        widthPixels = Int((widthMillimetres * scale).rounded())
        heightPixels = Int((heightMillimetres * scale).rounded())
        guard widthPixels > 0, heightPixels > 0, widthPixels * heightPixels <= 80_000_000,
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(widthPixels), Int32(heightPixels)),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else {
            throw .renderingFailed("Cairo could not make a \(widthPixels)x\(heightPixels) surface")
        }
        self.surface = surface
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw .renderingFailed("Cairo could not make a drawing context")
        }
        self.context = context
        cairo_scale(context, scale, scale)
        // Unhinted outlines: glyphs sit exactly where the geometry puts them, at every resolution.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The drawing so far as an RGB image.
    func image() -> RGBImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt8](repeating: 0, count: widthPixels * heightPixels * 3)
        data.withMemoryRebound(to: UInt8.self, capacity: stride * heightPixels) { bytes in
            for y in 0..<heightPixels {
                let row = bytes + y * stride
                row.withMemoryRebound(to: UInt32.self, capacity: widthPixels) { words in
                    for x in 0..<widthPixels {
                        let word = words[x]  // 0x00RRGGBB in native byte order (CAIRO_FORMAT_RGB24)
                        let index = (y * widthPixels + x) * 3
                        pixels[index] = UInt8(truncatingIfNeeded: word >> 16)
                        pixels[index + 1] = UInt8(truncatingIfNeeded: word >> 8)
                        pixels[index + 2] = UInt8(truncatingIfNeeded: word)
                    }
                }
            }
        }
        return RGBImage(width: widthPixels, height: heightPixels, pixels: pixels)
    }

    // MARK: - State

    func save() { cairo_save(context) }
    func restore() { cairo_restore(context) }
    func translate(_ x: Double, _ y: Double) { cairo_translate(context, x, y) }
    func rotate(_ radians: Double) { cairo_rotate(context, radians) }

    func colour(_ colour: Colour, alpha: Double = 1) {
        cairo_set_source_rgba(context, colour.red, colour.green, colour.blue, alpha)
    }

    func lineWidth(_ millimetres: Double) { cairo_set_line_width(context, millimetres) }

    // MARK: - Shapes

    func rectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        cairo_rectangle(context, x, y, width, height)
    }

    func roundedRectangle(_ x: Double, _ y: Double, _ width: Double, _ height: Double, radius: Double) {
        guard radius > 0 else { return rectangle(x, y, width, height) }
        cairo_new_sub_path(context)
        cairo_arc(context, x + width - radius, y + radius, radius, -Double.pi / 2, 0)
        cairo_arc(context, x + width - radius, y + height - radius, radius, 0, Double.pi / 2)
        cairo_arc(context, x + radius, y + height - radius, radius, Double.pi / 2, Double.pi)
        cairo_arc(context, x + radius, y + radius, radius, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(context)
    }

    func ellipse(centreX: Double, centreY: Double, radiusX: Double, radiusY: Double) {
        cairo_save(context)
        cairo_translate(context, centreX, centreY)
        cairo_scale(context, radiusX, radiusY)
        cairo_new_sub_path(context)
        cairo_arc(context, 0, 0, 1, 0, 2 * Double.pi)
        cairo_restore(context)
    }

    func move(_ x: Double, _ y: Double) { cairo_move_to(context, x, y) }
    func line(_ x: Double, _ y: Double) { cairo_line_to(context, x, y) }
    func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double) {
        cairo_curve_to(context, x1, y1, x2, y2, x3, y3)
    }
    func arc(centreX: Double, centreY: Double, radius: Double, from start: Double, to end: Double) {
        cairo_arc(context, centreX, centreY, radius, start, end)
    }
    func newPath() { cairo_new_path(context) }
    func fill() { cairo_fill(context) }
    func fillPreserve() { cairo_fill_preserve(context) }
    func stroke() { cairo_stroke(context) }
    func clip() { cairo_clip(context) }

    /// Fills the current path with a linear gradient from `start` to `end`.
    func fillLinearGradient(from start: (Double, Double), to end: (Double, Double), _ first: Colour, _ second: Colour) {
        let pattern = cairo_pattern_create_linear(start.0, start.1, end.0, end.1)
        cairo_pattern_add_color_stop_rgb(pattern, 0, first.red, first.green, first.blue)
        cairo_pattern_add_color_stop_rgb(pattern, 1, second.red, second.green, second.blue)
        cairo_set_source(context, pattern)
        cairo_fill(context)
        cairo_pattern_destroy(pattern)
    }

    /// Fills the current path with a radial gradient.
    func fillRadialGradient(centre: (Double, Double), radius: Double, _ inner: Colour, _ outer: Colour, outerAlpha: Double = 1) {
        let pattern = cairo_pattern_create_radial(centre.0, centre.1, 0, centre.0, centre.1, radius)
        cairo_pattern_add_color_stop_rgba(pattern, 0, inner.red, inner.green, inner.blue, 1)
        cairo_pattern_add_color_stop_rgba(pattern, 1, outer.red, outer.green, outer.blue, outerAlpha)
        cairo_set_source(context, pattern)
        cairo_fill(context)
        cairo_pattern_destroy(pattern)
    }

    // MARK: - Text

    /// Selects a font family; `size` is the em size in millimetres.
    func font(_ family: String, size: Double, bold: Bool = false) {
        cairo_select_font_face(context, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    func extents(_ text: String) -> cairo_text_extents_t {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents
    }

    /// The em size at which capital `H` of `family` is `capitalHeight` tall.
    func sizeForCapitalHeight(_ capitalHeight: Double, family: String, bold: Bool = false) -> Double {
        font(family, size: 10, bold: bold)
        let height = extents("H").height
        return height > 0 ? capitalHeight * 10 / height : capitalHeight * 1.4
    }

    /// Draws `text` with its baseline starting at `x`, `y`.
    func text(_ text: String, x: Double, y: Double) {
        cairo_move_to(context, x, y)
        cairo_show_text(context, text)
    }

    /// Draws `text` in `family`, shrinking the size so that it fits `maximumWidth`.
    func fittedText(_ text: String, x: Double, y: Double, family: String, size: Double, bold: Bool, maximumWidth: Double) {
        font(family, size: size, bold: bold)
        let advance = extents(text).x_advance
        if advance > maximumWidth, advance > 0 {
            font(family, size: size * maximumWidth / advance, bold: bold)
        }
        self.text(text, x: x, y: y)
    }
}

/// An sRGB colour, components 0-1.
struct Colour: Sendable, Equatable {
    var red: Double
    var green: Double
    var blue: Double

    static let white = Colour(red: 1, green: 1, blue: 1)
    static let ink = Colour(red: 0.07, green: 0.07, blue: 0.09)

    /// From hue, saturation and value (all 0-1).
    init(hue: Double, saturation: Double, value: Double) {
        let hue = (hue - hue.rounded(.down)) * 6
        let sector = Int(hue) % 6
        let fraction = hue - Double(Int(hue))
        let p = value * (1 - saturation), q = value * (1 - saturation * fraction), t = value * (1 - saturation * (1 - fraction))
        switch sector {
        case 0: (red, green, blue) = (value, t, p)
        case 1: (red, green, blue) = (q, value, p)
        case 2: (red, green, blue) = (p, value, t)
        case 3: (red, green, blue) = (p, q, value)
        case 4: (red, green, blue) = (t, p, value)
        default: (red, green, blue) = (value, p, q)
        }
    }

    init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}
