import CTesseract
import Foundation

/// The ways a capture can spoil a document image, each named in the answer key (`shared/docs/real-scans.md`:
/// low resolution, phone photos, rotation, two sides in one image, MRZ-only crops).
public enum Degradation: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// A page laid a little crooked on the scanner: rotated 0.5-6 degrees and slightly sheared.
    case smallRotation = "small_rotation"
    /// The pixels turned 90, 180 or 270 degrees clockwise.
    case rotation90 = "rotation_90"
    case rotation180 = "rotation_180"
    case rotation270 = "rotation_270"
    /// Out of focus: a Gaussian blur relative to the character pitch.
    case blur
    /// Sensor noise: Gaussian, and at the extreme level impulse noise too.
    case noise
    /// A gradient, a vignette and glare; at the extreme level glare burns out the MRZ.
    case unevenLighting = "uneven_lighting"
    /// Washed out: every colour pulled towards a mid grey.
    case lowContrast = "low_contrast"
    /// Saved as a low-quality JPEG and read back (libjpeg through leptonica).
    case jpegArtifacts = "jpeg_artifacts"
    /// Captured at low resolution: 10-12, 6-7, or at the extreme level about 3 pixels per MRZ character.
    case lowResolution = "low_resolution"
    /// A phone photo: the page a trapezoid on a table, slightly soft.
    case perspective
    /// Front and back of a card in one image, stacked (TD1, TD2).
    case twoSides = "two_sides"
    /// Only the MRZ lines, with a small or no margin.
    case mrzCrop = "mrz_crop"

    public var description: String { rawValue }

    /// Accepts `small_rotation` and `small-rotation`.
    public init?(name: String) {
        self.init(rawValue: name.lowercased().replacingOccurrences(of: "-", with: "_"))
    }

    /// Whether an extreme level exists (one that leaves the MRZ unreadable).
    public var canBeExtreme: Bool {
        switch self {
        case .blur, .noise, .unevenLighting, .lowContrast, .jpegArtifacts, .lowResolution: true
        default: false
        }
    }

    /// Whether mild and strong differ (a quarter turn or a second side is just what it is; the key records those
    /// as mild).
    public var hasLevels: Bool {
        switch self {
        case .twoSides, .rotation90, .rotation180, .rotation270: false
        default: true
        }
    }

    /// Whether the degradation applies to `format`.
    public func supports(_ format: MRZFormat) -> Bool {
        self != .twoSides || format == .td1 || format == .td2
    }

    /// The order in which degradations happen to a capture: what is in the picture, then the camera's geometry,
    /// then light, optics, sensor and finally compression.
    var order: Int {
        switch self {
        case .twoSides: 0
        case .mrzCrop: 1
        case .perspective: 2
        case .smallRotation: 3
        case .rotation90, .rotation180, .rotation270: 4
        case .unevenLighting: 5
        case .lowContrast: 6
        case .blur: 7
        case .lowResolution: 8
        case .noise: 9
        case .jpegArtifacts: 10
        }
    }

    /// Whether the degradation changes where things are in the image (so that the MRZ box moves).
    var isGeometric: Bool {
        switch self {
        case .mrzCrop, .perspective, .smallRotation, .rotation90, .rotation180, .rotation270, .lowResolution: true
        default: false
        }
    }
}

/// How hard a degradation hits. `extreme` leaves the MRZ unreadable, and the answer key says so.
public enum DegradationLevel: String, CaseIterable, Codable, Sendable {
    case mild, strong, extreme
}

/// One degradation to apply, as requested.
public struct DegradationStep: Sendable, Equatable {
    public var kind: Degradation
    /// Nil lets the generator choose mild or strong.
    public var level: DegradationLevel?

    public init(_ kind: Degradation, level: DegradationLevel? = nil) {
        self.kind = kind
        self.level = level
    }
}

/// One degradation as the answer key records it.
public struct DegradationRecord: Sendable, Equatable, Codable {
    public var kind: Degradation
    public var level: DegradationLevel
    /// The numbers used (angles in degrees, sigmas in pixels, JPEG quality, ...), by name.
    public var parameters: [String: Double]
    /// True when this degradation alone leaves the MRZ unreadable.
    public var unreadable: Bool
}

/// An image on its way from the renderer to the file, with the transform from the rendered page's pixels to its
/// own, so that the MRZ box can follow every geometric change.
struct DegradingImage {
    var image: RGBImage
    var transform: Homography
    var dotsPerInch: Double
    /// The MRZ cell box corners in rendered-page pixels: top left, top right, bottom right, bottom left.
    let machineReadableZoneCorners: [(Double, Double)]
    var records: [DegradationRecord] = []

    /// The MRZ corners in this image's pixels.
    var currentCorners: [(Double, Double)] {
        machineReadableZoneCorners.map { transform.apply($0.0, $0.1) }
    }

    /// Pixels per MRZ character at the current resolution (Doc 9303 Part 3 §4.4: 2.54 mm pitch).
    var pitchPixels: Double { dotsPerInch * DocumentGeometry.pitch / 25.4 }

    mutating func apply(_ kind: Degradation, level: DegradationLevel, using generator: inout SplitMix64) throws(GenerateError) {
        var parameters: [String: Double] = [:]
        switch kind {
        case .twoSides:
            break  // Drawn by the renderer.
        case .mrzCrop:
            let margin = level == .mild ? generator.double(in: 2.0...4.0) : generator.double(in: 0.2...1.2)
            parameters["margin_millimetres"] = margin
            let marginPixels = margin * dotsPerInch / 25.4
            let corners = currentCorners
            let left = Int((corners.map(\.0).min()! - marginPixels).rounded(.down))
            let top = Int((corners.map(\.1).min()! - marginPixels).rounded(.down))
            let right = Int((corners.map(\.0).max()! + marginPixels).rounded(.up))
            let bottom = Int((corners.map(\.1).max()! + marginPixels).rounded(.up))
            let x = max(0, left), y = max(0, top)
            image = image.cropped(x: x, y: y, width: min(image.width, right) - x, height: min(image.height, bottom) - y)
            transform = Homography.translation(Double(-x), Double(-y)).after(transform)
        case .perspective:
            applyPerspective(level: level, parameters: &parameters, using: &generator)
        case .smallRotation:
            let degrees = (level == .mild ? generator.double(in: 0.5...2.0) : generator.double(in: 2.0...6.0)) * generator.sign()
            let shear = (level == .mild ? generator.double(in: 0...0.01) : generator.double(in: 0.01...0.03)) * generator.sign()
            parameters["angle_degrees"] = degrees
            parameters["shear"] = shear
            let centre = Homography.translation(-Double(image.width) / 2, -Double(image.height) / 2)
            let turn = Homography.rotation(degrees * Double.pi / 180).after(Homography.shear(shear)).after(centre)
            let corners = [(0.0, 0.0), (Double(image.width), 0.0), (Double(image.width), Double(image.height)), (0.0, Double(image.height))]
                .map { turn.apply($0.0, $0.1) }
            let margin = 0.02 * Double(max(image.width, image.height))
            let minimumX = corners.map(\.0).min()! - margin, minimumY = corners.map(\.1).min()! - margin
            let newWidth = Int((corners.map(\.0).max()! + margin - minimumX).rounded(.up))
            let newHeight = Int((corners.map(\.1).max()! + margin - minimumY).rounded(.up))
            let homography = Homography.translation(-minimumX, -minimumY).after(turn)
            let lid = UInt8(generator.integer(in: 232...248))
            image = image.warped(into: RGBImage(width: newWidth, height: newHeight, red: lid, green: lid, blue: lid), by: homography)
            transform = homography.after(transform)
        case .rotation90, .rotation180, .rotation270:
            let turns = kind == .rotation90 ? 1 : (kind == .rotation180 ? 2 : 3)
            let width = Double(image.width), height = Double(image.height)
            let homography: Homography
            switch turns {
            case 1: homography = Homography([0, -1, height, 1, 0, 0, 0, 0, 1])
            case 2: homography = Homography([-1, 0, width, 0, -1, height, 0, 0, 1])
            default: homography = Homography([0, 1, 0, -1, 0, width, 0, 0, 1])
            }
            image = image.rotatedClockwise(quarterTurns: turns)
            transform = homography.after(transform)
            parameters["clockwise_degrees"] = Double(turns * 90)
        case .unevenLighting:
            try applyLighting(level: level, parameters: &parameters, using: &generator)
        case .lowContrast:
            let contrast: Double
            switch level {
            case .mild: contrast = generator.double(in: 0.45...0.6)
            case .strong: contrast = generator.double(in: 0.2...0.3)
            case .extreme: contrast = generator.double(in: 0.012...0.02)
            }
            let middle = generator.double(in: 150...190)
            parameters["contrast"] = contrast
            parameters["middle_grey"] = middle
            image.modifyPixels { _, _, red, green, blue in
                red = middle + (red - middle) * contrast
                green = middle + (green - middle) * contrast
                blue = middle + (blue - middle) * contrast
            }
            if level == .extreme {
                // Eight-bit quantisation alone would keep a few grey levels an OCR binariser could still use.
                addNoise(sigma: 4, impulse: 0, using: &generator)
                parameters["noise_sigma"] = 4
            }
        case .blur:
            let relative: Double
            switch level {
            case .mild: relative = generator.double(in: 0.03...0.05)
            case .strong: relative = generator.double(in: 0.08...0.11)
            case .extreme: relative = generator.double(in: 0.35...0.45)
            }
            let sigma = relative * pitchPixels
            parameters["sigma_pixels"] = sigma
            parameters["sigma_per_character_pitch"] = relative
            image = image.blurred(sigma: sigma)
        case .lowResolution:
            let target: Double
            switch level {
            case .mild: target = generator.double(in: 10...12)
            case .strong: target = generator.double(in: 6...7)
            case .extreme: target = generator.double(in: 2.5...3.2)
            }
            if target < pitchPixels {
                resample(toPitchPixels: target)
            }
            parameters["pixels_per_character"] = pitchPixels
            parameters["dots_per_inch"] = dotsPerInch
        case .noise:
            let sigma: Double
            let impulse: Double
            switch level {
            case .mild: (sigma, impulse) = (generator.double(in: 5...9), 0)
            case .strong: (sigma, impulse) = (generator.double(in: 16...26), 0.002)
            case .extreme: (sigma, impulse) = (generator.double(in: 140...160), 0.3)
            }
            parameters["sigma"] = sigma
            parameters["impulse_fraction"] = impulse
            addNoise(sigma: sigma, impulse: impulse, using: &generator)
        case .jpegArtifacts:
            let quality: Int
            switch level {
            case .mild: quality = generator.integer(in: 50...70)
            case .strong: quality = generator.integer(in: 12...22)
            case .extreme:
                // Quality 1 keeps little more than each 8x8 block's mean; at most 8 px per character, so that a
                // character is one block wide and two high.
                quality = 1
                if pitchPixels > 8 { resample(toPitchPixels: 8) }
                parameters["dots_per_inch"] = dotsPerInch
            }
            parameters["quality"] = Double(quality)
            guard let decoded = DegradingImage.jpegRoundTrip(image, quality: quality) else {
                throw .encodingFailed("leptonica could not write and read back a JPEG of quality \(quality)")
            }
            image = decoded
        }
        records.append(DegradationRecord(kind: kind, level: level, parameters: parameters, unreadable: level == .extreme))
    }

    /// A phone photo of the page lying on a table: the page as a trapezoid with jittered corners, smaller on a
    /// wider canvas, the lens slightly soft.
    mutating func applyPerspective(level: DegradationLevel, parameters: inout [String: Double], using generator: inout SplitMix64) {
        let jitter = level == .mild ? generator.double(in: 0.02...0.05) : generator.double(in: 0.06...0.11)
        let canvasScale = generator.double(in: 1.22...1.38)
        let canvasWidth = Int(Double(image.width) * canvasScale), canvasHeight = Int(Double(image.height) * canvasScale)
        let pageScale = generator.double(in: 0.78...0.9)
        let pageWidth = Double(image.width) * pageScale, pageHeight = Double(image.height) * pageScale
        let originX = (Double(canvasWidth) - pageWidth) / 2 + generator.double(in: -0.04...0.04) * Double(canvasWidth)
        let originY = (Double(canvasHeight) - pageHeight) / 2 + generator.double(in: -0.04...0.04) * Double(canvasHeight)
        // The far edge (top) of the page looks narrower: a trapezoid, plus independent corner jitter.
        let pinch = generator.double(in: 0.3...1.0) * jitter * pageWidth
        func jittered(_ x: Double, _ y: Double) -> (Double, Double) {
            (x + generator.double(in: -1...1) * jitter * pageWidth * 0.5, y + generator.double(in: -1...1) * jitter * pageHeight * 0.5)
        }
        let target = [
            jittered(originX + pinch, originY), jittered(originX + pageWidth - pinch, originY),
            jittered(originX + pageWidth, originY + pageHeight), jittered(originX, originY + pageHeight),
        ]
        let source = [(0.0, 0.0), (Double(image.width), 0.0), (Double(image.width), Double(image.height)), (0.0, Double(image.height))]
        let homography = Homography.mapping(from: source, to: target)
        let background = DegradingImage.table(width: canvasWidth, height: canvasHeight, using: &generator)
        image = image.warped(into: background, by: homography)
        transform = homography.after(transform)
        // The phone's lens: slightly soft.
        let softness = generator.double(in: 0.02...0.045) * pitchPixels * pageScale
        image = image.blurred(sigma: softness)
        dotsPerInch *= pageScale
        parameters["corner_jitter"] = jitter
        parameters["page_scale"] = pageScale
        parameters["blur_sigma_pixels"] = softness
    }

    /// Resamples so that an MRZ character is `pixels` wide.
    mutating func resample(toPitchPixels pixels: Double) {
        let factor = pixels / pitchPixels
        let newWidth = max(8, Int((Double(image.width) * factor).rounded()))
        let newHeight = max(8, Int((Double(image.height) * factor).rounded()))
        let scaleX = Double(newWidth) / Double(image.width), scaleY = Double(newHeight) / Double(image.height)
        image = image.resized(width: newWidth, height: newHeight)
        transform = Homography.scale(scaleX, scaleY).after(transform)
        dotsPerInch *= scaleX
    }

    mutating func addNoise(sigma: Double, impulse: Double, using generator: inout SplitMix64) {
        image.modifyPixels { _, _, red, green, blue in
            if impulse > 0, generator.chance(impulse) {
                let value = generator.chance(0.5) ? 0.0 : 255.0
                red = value; green = value; blue = value
                return
            }
            let luminance = generator.approximateGaussian() * sigma
            red += luminance + generator.approximateGaussian() * sigma * 0.25
            green += luminance + generator.approximateGaussian() * sigma * 0.25
            blue += luminance + generator.approximateGaussian() * sigma * 0.25
        }
    }

    mutating func applyLighting(level: DegradationLevel, parameters: inout [String: Double], using generator: inout SplitMix64) throws(GenerateError) {
        let width = Double(image.width), height = Double(image.height)
        let angle = generator.double(in: 0...(2 * Double.pi))
        let darkest = level == .mild ? generator.double(in: 0.72...0.85) : generator.double(in: 0.42...0.58)
        let vignette = level == .mild ? generator.double(in: 0.05...0.12) : generator.double(in: 0.12...0.25)
        var glareX = generator.double(in: 0.2...0.8) * width, glareY = generator.double(in: 0.2...0.8) * height
        var glareRadiusX = generator.double(in: 0.12...0.25) * min(width, height)
        var glareRadiusY = glareRadiusX
        var glareStrength = level == .mild ? 0.0 : generator.double(in: 60...110)
        if level == .extreme {
            // Glare burnt out over the MRZ, as a lamp reflected in a laminate does; the visual zone above stays.
            let corners = currentCorners
            glareX = corners.map(\.0).reduce(0, +) / 4
            glareY = corners.map(\.1).reduce(0, +) / 4
            glareRadiusX = (corners.map(\.0).max()! - corners.map(\.0).min()!) * 0.55
            glareRadiusY = (corners.map(\.1).max()! - corners.map(\.1).min()!) * 0.8
            glareStrength = 600
        }
        parameters["darkest_factor"] = darkest
        parameters["vignette"] = vignette
        parameters["glare_strength"] = glareStrength
        parameters["glare_radius_x_pixels"] = glareRadiusX
        parameters["glare_radius_y_pixels"] = glareRadiusY
        let directionX = cos(angle), directionY = sin(angle)
        let reach = abs(directionX) * width + abs(directionY) * height
        image.modifyPixels { x, y, red, green, blue in
            let along = ((Double(x) - width / 2) * directionX + (Double(y) - height / 2) * directionY) / reach + 0.5
            let dx = (Double(x) - width / 2) / width, dy = (Double(y) - height / 2) / height
            var factor = darkest + (1 - darkest) * along
            factor *= 1 - vignette * 4 * (dx * dx + dy * dy)
            let gx = (Double(x) - glareX) / glareRadiusX, gy = (Double(y) - glareY) / glareRadiusY
            // The extreme glare is flat-topped (a fourth-power falloff), so it covers the whole MRZ.
            let distance = gx * gx + gy * gy
            let glare = glareStrength * exp(level == .extreme ? -distance * distance : -distance * 2)
            red = red * factor + glare
            green = green * factor + glare
            blue = blue * factor * 0.97 + glare
        }
    }

    /// A table top seen behind a phone photo: a wood-like brown with soft grain.
    static func table(width: Int, height: Int, using generator: inout SplitMix64) -> RGBImage {
        var table = RGBImage(width: width, height: height, red: 0, green: 0, blue: 0)
        let base = (generator.double(in: 95...150), generator.double(in: 70...105), generator.double(in: 45...70))
        let frequency = generator.double(in: 0.02...0.05), wobble = generator.double(in: 0.004...0.01)
        let phase = generator.double(in: 0...6.28)
        // sin(a + b) = sin a cos b + cos a sin b, with a per row and b per column: no sine per pixel.
        let rowSines = (0..<height).map { sin(Double($0) * frequency) }, rowCosines = (0..<height).map { cos(Double($0) * frequency) }
        let columnTerms = (0..<width).map { sin(Double($0) * wobble + phase) * 3 }
        let columnSines = columnTerms.map { sin($0) }, columnCosines = columnTerms.map { cos($0) }
        table.modifyPixels { x, y, red, green, blue in
            let grain = (rowSines[y] * columnCosines[x] + rowCosines[y] * columnSines[x]) * 10
            let shade = 1 - 0.25 * Double(x + y) / Double(width + height)
            red = (base.0 + grain) * shade
            green = (base.1 + grain * 0.8) * shade
            blue = (base.2 + grain * 0.5) * shade
        }
        return table
    }

    /// Writes `image` as a JPEG of `quality` (1-100) and reads it back, through leptonica and libjpeg.
    static func jpegRoundTrip(_ image: RGBImage, quality: Int) -> RGBImage? {
        guard let pix = pixCreate(Int32(image.width), Int32(image.height), 32) else { return nil }
        defer {
            var pointer: UnsafeMutablePointer<PIX>? = pix
            pixDestroy(&pointer)
        }
        let wordsPerLine = Int(pixGetWpl(pix))
        guard let data = pixGetData(pix) else { return nil }
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let index = (y * image.width + x) * 3
                    data[y * wordsPerLine + x] = UInt32(source[index]) << 24 | UInt32(source[index + 1]) << 16
                        | UInt32(source[index + 2]) << 8 | 0xFF
                }
            }
        }
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemJpeg(&bytes, &size, pix, Int32(quality), 0) == 0, let bytes else { return nil }
        defer { lept_free(bytes) }
        guard let decoded = pixReadMemJpeg(bytes, size, 0, 1, nil, 0) else { return nil }
        defer {
            var pointer: UnsafeMutablePointer<PIX>? = decoded
            pixDestroy(&pointer)
        }
        guard pixGetDepth(decoded) == 32, pixGetWidth(decoded) == Int32(image.width),
            pixGetHeight(decoded) == Int32(image.height), let words = pixGetData(decoded)
        else { return nil }
        let decodedWordsPerLine = Int(pixGetWpl(decoded))
        var pixels = [UInt8](repeating: 0, count: image.width * image.height * 3)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let word = words[y * decodedWordsPerLine + x]
                let index = (y * image.width + x) * 3
                pixels[index] = UInt8(truncatingIfNeeded: word >> 24)
                pixels[index + 1] = UInt8(truncatingIfNeeded: word >> 16)
                pixels[index + 2] = UInt8(truncatingIfNeeded: word >> 8)
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: pixels)
    }
}
