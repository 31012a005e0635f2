import Foundation

/// Finds the machine-readable zone on a page: the band of two or three equal-length, evenly pitched text lines,
/// whatever the rotation (0, 90, 180, 270 degrees), skew or perspective, and cuts it out upright for the
/// recogniser.
///
/// How:
/// 1. A downscaled working copy (long side at most ``Options/workingSize``) is thresholded against its local mean
///    and split into connected components.
/// 2. Each character-sized component votes for the direction to its nearest similar neighbour; the strongest
///    direction is the text direction, whatever the rotation and skew.
/// 3. Components are chained into lines along that direction; each line is measured against a fixed-pitch grid
///    (OCR-B is printed at 2.54 mm per character, with no spaces in an MRZ).
/// 4. Two or three neighbouring lines of the same pitch, 30/36/44 cells long, starting and ending together and
///    not part of a larger block, are scored; the best band is the MRZ (a card's other side or the visual zone
///    lose on spaces, proportional print, unequal lengths).
/// 5. The band is cut from the original raster through a projective map (perspective included), measured again
///    at full resolution, cut again, and turned upright: filler '<' chevrons point left when upright; without
///    chevrons, the MRZ is at the bottom of the page.
public struct MRZLocator: Sendable {
    /// Tuning of the locator; the defaults suit 150-600 dpi scans and phone photos.
    public struct Options: Sendable, Equatable {
        /// Longest side of the working copy, in pixels; larger images are shrunk by an integer factor.
        public var workingSize: Int
        /// Height of the capitals in the crop, in pixels.
        public var cropCharacterHeight: Double

        public init(workingSize: Int = 1000, cropCharacterHeight: Double = 36) {
            self.workingSize = workingSize
            self.cropCharacterHeight = cropCharacterHeight
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Locates the MRZ in `raster`.
    ///
    /// - Throws: ``LocateError`` with a reason a person can act on: the image too small, without contrast, too
    ///   blurred, without a band of MRZ-like lines, or with characters too small to read.
    public func locate(_ raster: Raster) throws(LocateError) -> MRZRegion {
        guard min(raster.width, raster.height) >= 12, max(raster.width, raster.height) >= 100 else {
            throw .imageTooSmall(width: raster.width, height: raster.height)
        }
        let longSide = max(raster.width, raster.height)
        let firstFactor = max(1, Int((Double(longSide) / Double(max(100, options.workingSize))).rounded(.up)))
        var factors = [firstFactor]
        if firstFactor > 1 { factors.append(max(1, firstFactor / 2)) }

        var textLines = 0
        var firstWorking: Raster?
        for factor in factors {
            let working = Self.downscaled(raster, by: factor)
            if firstWorking == nil { firstWorking = working }
            let levels = GreyLevels(working)
            let range = levels.percentile(0.995) - levels.percentile(0.005)
            guard range >= 20 else { throw .lowContrast(range: range) }
            let page = PageAnalysis(working, range: range)
            textLines = max(textLines, page.textLineCount)
            if let found = page.found, let region = try region(from: found, page: page, in: raster, factor: factor) {
                return region
            }
            // A finer copy of a page of noise only has more of it.
            if page.isNoisy { throw .tooNoisy(specks: 1000 * page.speckDensity) }
        }
        if let working = firstWorking {
            let width = Self.edgeWidth(of: working)
            if width > 8 { throw .tooBlurred(edgeWidth: width) }
        }
        throw .noTextBand(textLines: textLines)
    }

    // MARK: - Page analysis

    /// The best band found on a working copy, with the frame it was found in.
    struct FoundBand {
        var band: Band
        /// Direction of the text frame, degrees clockwise.
        var degrees: Double
        var glyphs: [Glyph]
    }

    /// Components, text direction and the best MRZ band of a working copy.
    struct PageAnalysis {
        var map: ComponentMap
        var keep: [Bool]
        var found: FoundBand?
        var textLineCount = 0
        /// Components per pixel: a few per thousand on a page of print, tens per thousand in heavy noise.
        var speckDensity = 0.0

        /// Whether the copy is mostly noise (more than 3 components per hundred pixels; the noisiest readable
        /// generated scans have about 2.3): the fallback passes are not tried on it.
        var isNoisy: Bool { speckDensity > 0.03 }

        init(_ image: Raster, range: Int, directions fixed: [Double]? = nil) {
            // The mean is taken over a window a few characters wide: about a 40th of the long side on a page or
            // an MRZ-only crop of any size.
            let radius = max(6, min(30, max(image.width, image.height) / 40))
            let contrast = max(6, Int(0.18 * Double(range)))
            let runs = MRZLocator.darkRuns(in: image, radius: radius, contrast: contrast)
            map = ComponentMap(runs)
            keep = Self.characterSized(map)
            speckDensity = Double(map.components.count) / Double(max(1, image.width * image.height))
            var directions = fixed ?? MRZLocator.lineDirections(of: map.components, keep: keep)
            if fixed == nil {
                for axis in [0.0, 90.0] where !directions.contains(where: { Self.angleBetween($0, axis) < 8 }) {
                    directions.append(axis)
                }
            }
            var textHeight = 0.0
            search(directions: directions, occluders: nil, textHeight: &textHeight)
            guard !isSettled, textHeight > 0, !isNoisy else { return }
            searchAroundOccluders(directions: directions, textHeight: textHeight)
            guard !isSettled else { return }
            // Third try, for a box or rule drawn so close that it touches the characters: erase long straight
            // horizontal and vertical runs of ink (no character has one), then look again.
            let cleaned = runs.erasingRuns(longerThan: Int((3 * textHeight).rounded()))
            guard cleaned.runs.count != runs.runs.count else { return }
            var other = self
            other.map = ComponentMap(cleaned)
            other.keep = Self.characterSized(other.map)
            other.found = nil
            var ignored = textHeight
            other.search(directions: directions, occluders: nil, textHeight: &ignored)
            if !other.isSettled { other.searchAroundOccluders(directions: directions, textHeight: textHeight) }
            if let better = other.found, found == nil || better.band.score > found!.band.score {
                other.textLineCount = textLineCount
                self = other
            }
        }

        /// Whether the band found is good enough to stop looking.
        var isSettled: Bool { (found?.band.score ?? 0) >= MRZLocator.settledBandScore }

        /// Components that may be characters: a few pixels at least, less than half the image across.
        static func characterSized(_ map: ComponentMap) -> [Bool] {
            let largest = max(8, Int(0.45 * Double(min(map.runs.width, map.runs.height))))
            return map.components.map { c in
                c.area >= 3 && max(c.width, c.height) >= 2 && c.width <= largest && c.height <= largest
            }
        }

        /// Second try, for an MRZ with something drawn over it: ink far larger than the text (a stroke and the
        /// characters it touches) becomes an occluder, and cells under it are unknown rather than empty.
        private mutating func searchAroundOccluders(directions: [Double], textHeight: Double) {
            let occluders = map.components.indices.map { index in
                let c = map.components[index]
                return c.area >= 20 && (!keep[index] || Double(max(c.width, c.height)) >= max(4 * textHeight, 12))
            }
            guard occluders.contains(true) else { return }
            var ignored = textHeight
            search(directions: directions, occluders: occluders, textHeight: &ignored)
        }

        /// Looks for the best band along each direction in turn; stops at a clearly good one.
        private mutating func search(directions: [Double], occluders: [Bool]?, textHeight: inout Double) {
            let kept = occluders.map { occluders in keep.indices.map { keep[$0] && !occluders[$0] } } ?? keep
            for (index, degrees) in directions.enumerated() {
                let glyphs = map.glyphs(keep: kept, degrees: degrees)
                let chains = MRZLocator.chainLines(glyphs)
                let occlusion = occluders.flatMap { Occlusion(map: map, occluders: $0, degrees: degrees) }
                let measured = chains.compactMap { MRZLocator.measureLine($0.map { glyphs[$0] }, occlusion: occlusion) }
                let lines = MRZLocator.mergeBrokenLines(measured, occlusion: occlusion)
                if index == 0 && occluders == nil {
                    let text = lines.filter { $0.glyphs.count >= 5 }
                    textLineCount = text.count
                    textHeight = MRZLocator.median(text.map(\.height))
                }
                guard let best = MRZLocator.bands(in: lines, occlusion: occlusion).first,
                      best.score >= MRZLocator.minimumBandScore else {
                    continue
                }
                if found == nil || best.score > found!.band.score {
                    found = FoundBand(band: best, degrees: degrees, glyphs: glyphs)
                }
                // The dominant direction's band is trusted when it is good; the others are fallbacks.
                if best.score >= MRZLocator.settledBandScore { break }
            }
        }

        static func angleBetween(_ a: Double, _ b: Double) -> Double {
            let d = abs(a - b).truncatingRemainder(dividingBy: 180)
            return min(d, 180 - d)
        }

        /// Ink area of the page's components before and after the band across the lines (the side towards
        /// smaller `v` first), leaving out the band's own glyphs.
        func inkAround(_ found: FoundBand) -> (before: Int, after: Int) {
            let lines = found.band.lines
            let inBand = Set(lines.flatMap { $0.glyphs.map(\.component) })
            let middle = (found.band.uStart + found.band.uEnd) / 2
            let top = lines.first!.v(at: middle) - lines.first!.above
            let bottom = lines.last!.v(at: middle) + lines.last!.below
            var before = 0, after = 0
            for glyph in found.glyphs where !inBand.contains(glyph.component) {
                if glyph.v < top { before += glyph.area } else if glyph.v > bottom { after += glyph.area }
            }
            return (before, after)
        }
    }

    // MARK: - From a band to a region

    /// A band's cell box in some image's coordinates, with the pitch and capital height there.
    struct BandGeometry {
        var quad: MRZRegion.Quad
        var pitch: Double
        var height: Double
        var lineCount: Int
        var charactersPerLine: Int
    }

    /// The cell box of `band` seen in a frame turned `degrees`, scaled by `scale` into image coordinates.
    static func geometry(of band: Band, degrees: Double, scale: Double) -> BandGeometry {
        let radians = degrees * .pi / 180, c = cos(radians), s = sin(radians)
        func point(_ u: Double, _ v: Double) -> MRZRegion.Point {
            MRZRegion.Point(x: (u * c - v * s) * scale, y: (u * s + v * c) * scale)
        }
        let first = band.lines.first!, last = band.lines.last!
        let start = band.uStart, end = band.uEnd
        let quad = MRZRegion.Quad(
            topLeft: point(start, first.v(at: start) - first.above), topRight: point(end, first.v(at: end) - first.above),
            bottomRight: point(end, last.v(at: end) + last.below), bottomLeft: point(start, last.v(at: start) + last.below))
        return BandGeometry(quad: quad, pitch: band.pitch * scale, height: band.height * scale,
                            lineCount: band.lines.count, charactersPerLine: band.charactersPerLine)
    }

    /// An upright crop of `geometry` from `raster`, with the map from crop pixels to raster coordinates.
    func crop(_ geometry: BandGeometry, from raster: Raster, fill: UInt8, characterHeight: Double)
        -> (raster: Raster, map: Projection, scale: Double)? {
        let quad = geometry.quad
        let scale = characterHeight / geometry.height
        let innerWidth = (quad.width + MRZRegion.Quad.distance(quad.bottomLeft, quad.bottomRight)) / 2 * scale
        let innerHeight = (quad.height + MRZRegion.Quad.distance(quad.topRight, quad.bottomRight)) / 2 * scale
        let margin = geometry.pitch * scale
        let width = Int((innerWidth + 2 * margin).rounded()), height = Int((innerHeight + 2 * margin).rounded())
        guard width >= 16, height >= 16, width <= 12_000, height <= 4_000 else { return nil }
        let frame = [MRZRegion.Point(x: margin, y: margin), MRZRegion.Point(x: margin + innerWidth, y: margin),
                     MRZRegion.Point(x: margin + innerWidth, y: margin + innerHeight),
                     MRZRegion.Point(x: margin, y: margin + innerHeight)]
        guard let map = Projection.mapping(from: frame, to: quad.corners) else { return nil }
        // Shrinking by more than 1.5 averages several samples a pixel, so that thin strokes do not fall between.
        let samples = scale < 0.67 ? min(4, Int((1 / scale).rounded(.up))) : 1
        let image = Self.sample(raster, through: map, width: width, height: height, fill: fill, samplesPerAxis: samples)
        return (image, map, scale)
    }

    /// Measures the band again on a crop: returns the band found there (frame 0 degrees) and its component map.
    func remeasure(_ crop: Raster) -> (band: Band, map: ComponentMap)? {
        let levels = GreyLevels(crop)
        let range = levels.percentile(0.995) - levels.percentile(0.005)
        guard range >= 12 else { return nil }
        let analysis = PageAnalysis(crop, range: range, directions: [0])
        guard let found = analysis.found else { return nil }
        return (found.band, analysis.map)
    }

    /// The region of a band found on the working copy, or nil when a marginal band turns out not to be an MRZ
    /// (no filler chevrons at full resolution).
    func region(from found: FoundBand, page: PageAnalysis, in raster: Raster, factor: Int) throws(LocateError) -> MRZRegion? {
        var geometry = Self.geometry(of: found.band, degrees: found.degrees, scale: Double(factor))
        guard geometry.height >= 4 else { throw .charactersTooSmall(height: geometry.height) }
        let fill = Self.borderLevel(of: raster)
        // A first, smaller crop to measure on (capitals 24 px high: enough for the chevron test).
        guard let first = crop(geometry, from: raster, fill: fill, characterHeight: 24) else {
            throw .noTextBand(textLines: page.textLineCount)
        }

        // Full-resolution measurement: the band's lines, pitch and height from the first crop.
        var refinedLines: [TextLine] = []
        var refinedExtent = false
        var votes = (left: 0, right: 0)
        if let (band, map) = remeasure(first.raster), band.lines.count == geometry.lineCount,
           abs(band.pitch / first.scale - geometry.pitch) <= 0.25 * geometry.pitch {
            // The same band: its lines place the line boxes and show the chevrons. Its ends replace the working
            // copy's only when its length is as good (a box edge beside the MRZ can pass for a character at each
            // end at full resolution, and a dark border can hide the first one).
            refinedLines = band.lines
            votes = Self.chevronVotes(lines: band.lines, in: map)
            if band.cellsPerLine == found.band.cellsPerLine || band.formatDistance < found.band.formatDistance {
                let corners = Self.geometry(of: band, degrees: 0, scale: 1).quad.corners.map { first.map.apply($0) }
                geometry = BandGeometry(
                    quad: MRZRegion.Quad(topLeft: corners[0], topRight: corners[1], bottomRight: corners[2], bottomLeft: corners[3]),
                    pitch: band.pitch / first.scale, height: band.height / first.scale, lineCount: band.lines.count,
                    charactersPerLine: band.charactersPerLine)
                refinedExtent = true
            }
        }
        guard geometry.height >= 4 else { throw .charactersTooSmall(height: geometry.height) }
        // A marginal band (spaces, an odd length, irregular pitch) needs fillers to be taken for an MRZ.
        if found.band.score < Self.confirmedBandScore && max(votes.left, votes.right) < 2 { return nil }

        // Up or down: chevrons first, the page layout (MRZ at the bottom) when they do not decide.
        let ink = page.inkAround(found)
        let chevronMargin = abs(votes.left - votes.right)
        let upright: Bool
        var confidence: Double
        if chevronMargin >= 2 && max(votes.left, votes.right) >= 3 * min(votes.left, votes.right) {
            upright = votes.left > votes.right
            confidence = 1 - pow(0.5, Double(chevronMargin)) / 2
        } else {
            upright = ink.before >= ink.after
            let total = Double(ink.before + ink.after)
            confidence = 0.5 + (total > 0 ? 0.3 * abs(Double(ink.before - ink.after)) / total : 0)
        }
        confidence = min(0.999, confidence)
        // Told as the final crop sees it (turned when the first guess was upside down).
        let (pointingLeft, pointingRight) = upright ? votes : (votes.right, votes.left)
        let (inkAbove, inkBelow) = upright ? ink : (ink.after, ink.before)
        let evidence = "\(pointingLeft) '<' against \(pointingRight) '>'; print area \(inkAbove) px above the band, "
            + "\(inkBelow) px below"
        if !upright { geometry.quad = geometry.quad.turnedHalfway }

        guard var final = crop(geometry, from: raster, fill: fill, characterHeight: options.cropCharacterHeight),
              let inverse = final.map.inverse else {
            throw .noTextBand(textLines: page.textLineCount)
        }
        Self.stretchContrast(&final.raster)

        // Line boxes: each line's corners, from the first crop through the page into the final crop; the
        // columns from the quad when the first crop's line ends were not taken.
        var boxes: [MRZRegion.LineBox] = []
        let margin = Int((geometry.pitch * final.scale).rounded())
        for line in refinedLines {
            let start = line.uStart, end = line.uEnd
            let local = [(start, line.v(at: start) - line.above), (end, line.v(at: end) - line.above),
                         (end, line.v(at: end) + line.below), (start, line.v(at: start) + line.below)]
            let mapped = local.map { inverse.apply(first.map.apply(MRZRegion.Point(x: $0.0, y: $0.1))) }
            let top = Int(mapped.map(\.y).min()!.rounded(.down)), bottom = Int(mapped.map(\.y).max()!.rounded(.up))
            let left = Int(mapped.map(\.x).min()!.rounded(.down)), right = Int(mapped.map(\.x).max()!.rounded(.up))
            let columns = refinedExtent ? max(0, left)..<min(final.raster.width, max(left + 1, right))
                : margin..<max(margin + 1, final.raster.width - margin)
            boxes.append(MRZRegion.LineBox(rows: max(0, top)..<min(final.raster.height, max(top + 1, bottom)),
                                           columns: columns))
        }
        if boxes.isEmpty {
            // No full-resolution measurement: split the cell box evenly.
            let inner = Double(final.raster.height - 2 * margin)
            let count = geometry.lineCount
            let step = count > 1 ? (inner - options.cropCharacterHeight) / Double(count - 1) : 0
            for index in 0..<count {
                let top = margin + Int((step * Double(index)).rounded())
                boxes.append(MRZRegion.LineBox(rows: top..<min(final.raster.height, top + Int(options.cropCharacterHeight)),
                                               columns: margin..<max(margin + 1, final.raster.width - margin)))
            }
        }
        boxes.sort { $0.rows.lowerBound < $1.rows.lowerBound }

        // Rotation and skew from the direction of the lines (mean of the top and bottom edges).
        let quad = geometry.quad
        let dx = (quad.topRight.x - quad.topLeft.x) + (quad.bottomRight.x - quad.bottomLeft.x)
        let dy = (quad.topRight.y - quad.topLeft.y) + (quad.bottomRight.y - quad.bottomLeft.y)
        var direction = atan2(dy, dx) * 180 / .pi
        if direction < 0 { direction += 360 }
        let rotation = Int((direction / 90).rounded()) % 4
        var skew = direction - Double(rotation) * 90
        if skew > 180 { skew -= 360 }

        var region = MRZRegion(
            quad: quad, rotation: rotation, skewDegrees: skew, lineCount: geometry.lineCount,
            charactersPerLine: geometry.charactersPerLine, characterPitch: geometry.pitch,
            characterHeight: geometry.height, crop: final.raster, lineBoxes: boxes,
            cropPitch: geometry.pitch * final.scale, orientationConfidence: confidence, orientationEvidence: evidence)
        region.cropToImage = final.map
        return region
    }

    /// The median grey of the image's outermost pixels: what lies around the document (paper, a table), and so
    /// the right fill for crop pixels that fall outside the image.
    static func borderLevel(of raster: Raster) -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        let width = raster.width, height = raster.height
        for x in 0..<width {
            histogram[Int(raster.pixels[x])] += 1
            histogram[Int(raster.pixels[(height - 1) * width + x])] += 1
        }
        for y in 0..<height {
            histogram[Int(raster.pixels[y * width])] += 1
            histogram[Int(raster.pixels[y * width + width - 1])] += 1
        }
        let half = (2 * (width + height)) / 2
        var seen = 0
        for (level, count) in histogram.enumerated() {
            seen += count
            if seen > half { return UInt8(level) }
        }
        return 255
    }

    /// Typical width in pixels of a dark-to-light edge of the working copy: the grey range divided by the
    /// gradient across the image's sharpest edges (the 99th percentile of the central-difference gradient over the
    /// pixels where it is at least a 25th of the range). Sharp print gives 1-2 pixels; a Gaussian blur of sigma s about
    /// 2.5 s. Zero when the image has (almost) no edges at all: it is then empty, not blurred.
    static func edgeWidth(of image: Raster) -> Double {
        let levels = GreyLevels(image)
        let range = levels.percentile(0.995) - levels.percentile(0.005)
        guard range > 0, image.width > 2, image.height > 2 else { return 0 }
        var histogram = [Int](repeating: 0, count: 256)
        var count = 0
        image.pixels.withUnsafeBufferPointer { pixels in
            histogram.withUnsafeMutableBufferPointer { histogram in
                let width = image.width
                for y in 1..<(image.height - 1) {
                    for x in 1..<(width - 1) {
                        let index = y * width + x
                        let gx = abs(Int(pixels[index + 1]) - Int(pixels[index - 1]))
                        let gy = abs(Int(pixels[index + width]) - Int(pixels[index - width]))
                        histogram[max(gx, gy)] += 1
                    }
                }
            }
            count = (image.width - 2) * (image.height - 2)
        }
        let floor = max(3, range / 25)
        let edges = histogram[floor...].reduce(0, +)
        guard edges >= max(50, count / 2000) else { return 0 }
        let target = Int(Double(edges) * 0.99)
        var seen = 0
        for level in floor..<256 {
            seen += histogram[level]
            if seen > target { return 2 * Double(range) / Double(level) }
        }
        return 0
    }
}
