/// Where the machine-readable zone is on the page, and an upright, normalised picture of it for the recogniser.
///
/// Coordinates are continuous image coordinates: x to the right, y down, in pixels of the original raster, with
/// (0, 0) the top-left corner of the top-left pixel (so that pixel's centre is (0.5, 0.5)).
public struct MRZRegion: Sendable, Equatable {
    /// A point in image coordinates.
    public struct Point: Sendable, Hashable, Codable, CustomStringConvertible {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }

        public var description: String {
            "(\((x * 10).rounded() / 10), \((y * 10).rounded() / 10))"
        }
    }

    /// Four corners in the MRZ's reading order: `topLeft` is where line 1 starts, `bottomRight` where the last
    /// line ends, whatever way the page lies in the image.
    public struct Quad: Sendable, Hashable, Codable, CustomStringConvertible {
        public var topLeft: Point
        public var topRight: Point
        public var bottomRight: Point
        public var bottomLeft: Point

        public init(topLeft: Point, topRight: Point, bottomRight: Point, bottomLeft: Point) {
            self.topLeft = topLeft
            self.topRight = topRight
            self.bottomRight = bottomRight
            self.bottomLeft = bottomLeft
        }

        /// The corners in order: top left, top right, bottom right, bottom left.
        public var corners: [Point] { [topLeft, topRight, bottomRight, bottomLeft] }

        /// The same quadrilateral read the other way up (the corners turned by two places).
        public var turnedHalfway: Quad {
            Quad(topLeft: bottomRight, topRight: bottomLeft, bottomRight: topLeft, bottomLeft: topRight)
        }

        /// Area in square pixels (shoelace formula; zero for a degenerate quad).
        public var area: Double { abs(Self.signedArea(corners)) }

        /// Length of the top edge, in pixels.
        public var width: Double { Self.distance(topLeft, topRight) }

        /// Length of the left edge, in pixels.
        public var height: Double { Self.distance(topLeft, bottomLeft) }

        /// Whether `point` lies inside the quad (or on its edge). The quad must be convex.
        public func contains(_ point: Point) -> Bool {
            let points = corners
            var sign = 0.0
            for index in 0..<4 {
                let a = points[index], b = points[(index + 1) % 4]
                let cross = (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x)
                if cross == 0 { continue }
                if sign == 0 { sign = cross } else if (sign > 0) != (cross > 0) { return false }
            }
            return true
        }

        /// Area of overlap divided by the area of the union of two convex quads: 1 when they coincide, 0 when
        /// they do not touch.
        public func intersectionOverUnion(_ other: Quad) -> Double {
            let overlap = abs(Self.signedArea(Self.clip(corners, by: other.corners)))
            let union = area + other.area - overlap
            return union > 0 ? overlap / union : 0
        }

        public var description: String {
            "[\(topLeft), \(topRight), \(bottomRight), \(bottomLeft)]"
        }

        static func distance(_ a: Point, _ b: Point) -> Double {
            ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
        }

        static func signedArea(_ polygon: [Point]) -> Double {
            guard polygon.count >= 3 else { return 0 }
            var twice = 0.0
            for index in polygon.indices {
                let a = polygon[index], b = polygon[(index + 1) % polygon.count]
                twice += a.x * b.y - b.x * a.y
            }
            return twice / 2
        }

        /// Sutherland-Hodgman: the part of `subject` inside the convex polygon `clip`.
        static func clip(_ subject: [Point], by clip: [Point]) -> [Point] {
            let orientation: Double = signedArea(clip) >= 0 ? 1 : -1
            var output = subject
            for index in clip.indices {
                guard !output.isEmpty else { break }
                let a = clip[index], b = clip[(index + 1) % clip.count]
                func inside(_ p: Point) -> Bool {
                    orientation * ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) >= 0
                }
                func crossing(_ p: Point, _ q: Point) -> Point {
                    let dx1 = q.x - p.x, dy1 = q.y - p.y, dx2 = b.x - a.x, dy2 = b.y - a.y
                    let denominator = dx1 * dy2 - dy1 * dx2
                    guard denominator != 0 else { return q }
                    let t = ((a.x - p.x) * dy2 - (a.y - p.y) * dx2) / denominator
                    return Point(x: p.x + t * dx1, y: p.y + t * dy1)
                }
                let input = output
                output = []
                for position in input.indices {
                    let current = input[position], previous = input[(position + input.count - 1) % input.count]
                    if inside(current) {
                        if !inside(previous) { output.append(crossing(previous, current)) }
                        output.append(current)
                    } else if inside(previous) {
                        output.append(crossing(previous, current))
                    }
                }
            }
            return output
        }
    }

    /// One text line inside `crop`: the rows and columns its characters occupy (half-open ranges).
    public struct LineBox: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Rows of the crop that the line's capitals cover (digits and letters; fillers are lower).
        public var rows: Range<Int>
        /// Columns of the crop, from the left edge of the first character cell to the right edge of the last.
        public var columns: Range<Int>

        public init(rows: Range<Int>, columns: Range<Int>) {
            self.rows = rows
            self.columns = columns
        }

        public var description: String {
            "rows \(rows.lowerBound)..<\(rows.upperBound), columns \(columns.lowerBound)..<\(columns.upperBound)"
        }
    }

    /// The MRZ's character cells in the original image: from the left edge of the first cell to the right edge
    /// of the last, from the top of line 1's capitals to the bottom of the last line's. The corners follow the
    /// reading order (see ``Quad``); under perspective the quad is a trapezoid.
    public var quad: Quad
    /// How the document lies in the image: clockwise quarter turns (0-3) from upright. Turning the image that many
    /// quarter turns anticlockwise, then by `skewDegrees` anticlockwise, makes the MRZ read left to right.
    public var rotation: Int
    /// The remaining tilt of the text lines after `rotation`, in degrees (-45 to 45); positive is clockwise on
    /// screen (y points down).
    public var skewDegrees: Double
    /// Number of text lines in the band: 2 or 3.
    public var lineCount: Int
    /// Characters per line as counted on the pitch grid, snapped to 30, 36 or 44 when within two of one of them.
    public var charactersPerLine: Int
    /// Distance between character starts along a line, in original pixels.
    public var characterPitch: Double
    /// Height of the capitals, in original pixels.
    public var characterHeight: Double
    /// The band deskewed and upright (as far as `orientationConfidence` says), scaled so that capitals are about
    /// 36 px high, with a margin of about one character pitch on every side, and contrast stretched (ink near 0,
    /// paper 255).
    public var crop: Raster
    /// The text lines inside `crop`, top line first.
    public var lineBoxes: [LineBox]
    /// Distance between character starts in `crop`, in crop pixels.
    public var cropPitch: Double
    /// How sure the locator is that `crop` is upright rather than upside down: 0.5 is a coin toss, 1 certain. When
    /// reading fails, try ``flipped``.
    public var orientationConfidence: Double
    /// What the up/down decision rests on, for people reading a debug report (e.g. "38 '<' against 0 '>'").
    public var orientationEvidence: String
    /// How crop pixels map to the image the band was found in (identity when not known), and whether the crop
    /// has since been turned halfway (``flipped``): for drawing a crop measurement on the page.
    var cropToImage = MRZLocator.Projection.identity
    var cropTurnedHalfway = false

    public init(quad: Quad, rotation: Int, skewDegrees: Double, lineCount: Int, charactersPerLine: Int,
                characterPitch: Double, characterHeight: Double, crop: Raster, lineBoxes: [LineBox],
                cropPitch: Double, orientationConfidence: Double, orientationEvidence: String) {
        self.quad = quad
        self.rotation = rotation
        self.skewDegrees = skewDegrees
        self.lineCount = lineCount
        self.charactersPerLine = charactersPerLine
        self.characterPitch = characterPitch
        self.characterHeight = characterHeight
        self.crop = crop
        self.lineBoxes = lineBoxes
        self.cropPitch = cropPitch
        self.orientationConfidence = orientationConfidence
        self.orientationEvidence = orientationEvidence
    }

    /// The same band read the other way up: the crop turned 180 degrees, line boxes mirrored (and the top line
    /// first again), the quad's corners renamed, `rotation` two quarter turns on. For the recogniser to try when the
    /// first read fails; `flipped.flipped` is `self`.
    public var flipped: MRZRegion {
        let width = crop.width, height = crop.height
        var turned = crop
        turned.pixels.reverse()
        let boxes = lineBoxes.reversed().map { box in
            LineBox(rows: (height - box.rows.upperBound)..<(height - box.rows.lowerBound),
                    columns: (width - box.columns.upperBound)..<(width - box.columns.lowerBound))
        }
        var region = MRZRegion(
            quad: quad.turnedHalfway, rotation: (rotation + 2) % 4, skewDegrees: skewDegrees, lineCount: lineCount,
            charactersPerLine: charactersPerLine, characterPitch: characterPitch, characterHeight: characterHeight,
            crop: turned, lineBoxes: boxes, cropPitch: cropPitch, orientationConfidence: 1 - orientationConfidence,
            orientationEvidence: orientationEvidence)
        region.cropToImage = cropToImage
        region.cropTurnedHalfway = !cropTurnedHalfway
        return region
    }

    /// The image point under a point of `crop` (continuous coordinates, see the type's comment).
    public func imagePoint(cropX x: Double, cropY y: Double) -> Point {
        let (u, v) = cropTurnedHalfway ? (Double(crop.width) - x, Double(crop.height) - y) : (x, y)
        return cropToImage.apply(Point(x: u, y: v))
    }

    /// The image box `[x, y, width, height]` that covers a rectangle of `crop` (under perspective, the box around
    /// its four corners).
    public func imageBox(cropX x: Double, cropY y: Double, width: Double, height: Double) -> [Double] {
        let corners = [imagePoint(cropX: x, cropY: y), imagePoint(cropX: x + width, cropY: y),
                       imagePoint(cropX: x + width, cropY: y + height), imagePoint(cropX: x, cropY: y + height)]
        let left = corners.map(\.x).min()!, top = corners.map(\.y).min()!
        let right = corners.map(\.x).max()!, bottom = corners.map(\.y).max()!
        return [left, top, right - left, bottom - top].map { ($0 * 10).rounded() / 10 }
    }

    /// The ICAO formats whose shape fits the band: 3 lines of 30 is TD1; 2 lines of 36 is TD2 or MRV-B; 2 of 44
    /// is TD3 or MRV-A. Empty when the count is not one of those.
    public var candidateFormats: [MRZFormat] {
        MRZFormat.allCases.filter { $0.lineCount == lineCount && $0.lineLength == charactersPerLine }
    }
}
