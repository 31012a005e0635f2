import Foundation

/// The MRZ's reading frame extended over the whole page: `u` along the MRZ lines, `v` across them (down on an
/// upright document), origin at the top left of the MRZ's first cell, one unit a fixed fraction of the MRZ's
/// capital height. Whatever way the page lies in the image (quarter turns, skew), the visual zone's lines run
/// along `u` in this frame, because a document prints them parallel to its MRZ (Doc 9303 Part 3 §3).
struct VisualZoneFrame: Sendable {
    let origin: MRZRegion.Point
    /// Unit vectors, in image pixels, of `u` and `v`.
    let along: (x: Double, y: Double)
    let across: (x: Double, y: Double)
    /// Image pixels per frame unit.
    let unit: Double
    /// The MRZ's width in frame units.
    let machineReadableZoneWidth: Double

    /// The frame of `region` with `unitsPerCapital` units to the MRZ's capital height; nil for a degenerate box.
    init?(region: MRZRegion, unitsPerCapital: Double) {
        let quad = region.quad
        let dx = (quad.topRight.x - quad.topLeft.x) + (quad.bottomRight.x - quad.bottomLeft.x)
        let dy = (quad.topRight.y - quad.topLeft.y) + (quad.bottomRight.y - quad.bottomLeft.y)
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0, region.characterHeight > 0, unitsPerCapital > 0 else { return nil }
        along = (dx / length, dy / length)
        across = (-along.y, along.x)
        origin = quad.topLeft
        unit = region.characterHeight / unitsPerCapital
        machineReadableZoneWidth = length / 2 / unit
    }

    /// The image point at frame coordinates (u, v).
    func page(_ u: Double, _ v: Double) -> MRZRegion.Point {
        MRZRegion.Point(x: origin.x + unit * (u * along.x + v * across.x), y: origin.y + unit * (u * along.y + v * across.y))
    }

    /// The frame coordinates of an image point.
    func frame(_ point: MRZRegion.Point) -> (u: Double, v: Double) {
        let dx = point.x - origin.x, dy = point.y - origin.y
        return ((dx * along.x + dy * along.y) / unit, (dx * across.x + dy * across.y) / unit)
    }

    /// The map from the pixels of a raster whose pixel (0, 0) corner lies at frame (u0, v0), with
    /// `pixelsPerUnit` pixels a frame unit, to image coordinates.
    func projection(u0: Double, v0: Double, pixelsPerUnit: Double) -> MRZLocator.Projection {
        let k = unit / pixelsPerUnit
        return MRZLocator.Projection(
            a: k * along.x, b: k * across.x, c: origin.x + unit * (u0 * along.x + v0 * across.x),
            d: k * along.y, e: k * across.y, f: origin.y + unit * (u0 * along.y + v0 * across.y), g: 0, h: 0, i: 1)
    }

    /// The axis-aligned box `[x, y, width, height]` in image pixels around a frame rectangle (one decimal).
    func pageBox(_ box: FrameBox) -> [Double] {
        let corners = [page(box.uMin, box.vMin), page(box.uMax, box.vMin), page(box.uMax, box.vMax), page(box.uMin, box.vMax)]
        let x0 = corners.map(\.x).min()!, x1 = corners.map(\.x).max()!
        let y0 = corners.map(\.y).min()!, y1 = corners.map(\.y).max()!
        func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
        return [round(x0), round(y0), round(x1 - x0), round(y1 - y0)]
    }
}

/// A rectangle in frame units.
struct FrameBox: Sendable, Equatable {
    var uMin: Double
    var uMax: Double
    var vMin: Double
    var vMax: Double

    var width: Double { uMax - uMin }
    var height: Double { vMax - vMin }

    func union(_ other: FrameBox) -> FrameBox {
        FrameBox(uMin: min(uMin, other.uMin), uMax: max(uMax, other.uMax), vMin: min(vMin, other.vMin), vMax: max(vMax, other.vMax))
    }
}

/// One run of text on the page outside the MRZ: a field's value or its label, as a group of neighbouring glyphs on
/// one line, found from the ink alone (no OCR).
struct VisualZoneItem: Sendable, Equatable {
    /// The glyphs' extent in frame units.
    var box: FrameBox
    /// Height of its capitals (the 80th percentile of its glyph heights), in frame units.
    var height: Double
    var glyphCount: Int
    /// True for the smaller print of field captions (`Date of birth / Date de naissance`).
    var isLabel = false
}

/// Finds the text items of the visual zone: the page above the MRZ, sampled upright in the MRZ's frame, its ink
/// split into components, the character-sized ones grouped into runs along the lines.
///
/// A document's visual zone lies above its MRZ: the data page of a passport or visa, the front of a TD2 card, the
/// back of a TD1 card and, when both sides are scanned stacked, its front (Doc 9303 Parts 4-7 §3).
enum VisualZoneLayout {
    /// Frame units per MRZ capital height on the working copy: values about 13 units high, captions 6-8.
    static let unitsPerCapital = 16.0
    /// How far above the MRZ to look, in MRZ widths (a TD1 card's front stacked above its back needs 1.3).
    static let heightAbove = 1.45
    /// How far beyond the MRZ's ends, in MRZ widths.
    static let sideMargin = 0.12
    /// Larger working copies are not made (a page far larger than its MRZ suggests): about 3 megapixels.
    static let maximumPixels = 3_000_000

    /// The working copy: the region above the MRZ, upright, with the frame position of its pixel (0, 0).
    struct WorkingCopy {
        let raster: Raster
        let u0: Double
        let v0: Double
    }

    /// Samples the page above the MRZ into an upright raster of frame units; nil when nothing of the page lies there.
    static func workingCopy(of page: Raster, frame: VisualZoneFrame) -> WorkingCopy? {
        let width = frame.machineReadableZoneWidth
        var uMin = -sideMargin * width, uMax = (1 + sideMargin) * width
        var vMin = -heightAbove * width, vMax = -0.3 * unitsPerCapital
        // Only the part of that region inside the image.
        let corners = [(0.0, 0.0), (Double(page.width), 0.0), (Double(page.width), Double(page.height)), (0.0, Double(page.height))]
            .map { frame.frame(MRZRegion.Point(x: $0.0, y: $0.1)) }
        uMin = max(uMin, corners.map(\.u).min()!); uMax = min(uMax, corners.map(\.u).max()!)
        vMin = max(vMin, corners.map(\.v).min()!); vMax = min(vMax, corners.map(\.v).max()!)
        guard uMax - uMin >= 2 * unitsPerCapital, vMax - vMin >= 2 * unitsPerCapital else { return nil }
        let columns = Int((uMax - uMin).rounded(.up)), rows = Int((vMax - vMin).rounded(.up))
        guard columns * rows <= maximumPixels else { return nil }
        let map = frame.projection(u0: uMin, v0: vMin, pixelsPerUnit: 1)
        // Shrinking by 1.5 or more averages several samples a pixel, so that thin strokes do not fall between.
        let samples = frame.unit >= 1.5 ? min(3, Int(frame.unit.rounded())) : 1
        let raster = MRZLocator.sample(page, through: map, width: columns, height: rows, fill: MRZLocator.borderLevel(of: page),
                                       samplesPerAxis: samples)
        return WorkingCopy(raster: raster, u0: uMin, v0: vMin)
    }

    /// The text items of the working copy, values and captions, top to bottom and left to right.
    static func items(in copy: WorkingCopy) -> [VisualZoneItem] {
        let raster = copy.raster
        let levels = MRZLocator.GreyLevels(raster)
        let range = levels.percentile(0.995) - levels.percentile(0.005)
        guard range >= 24 else { return [] }
        // Print in the visual zone is dark on a light, patterned ground: a quarter of the grey range leaves the
        // pale guilloche out and keeps captions printed in colour.
        let runs = MRZLocator.darkRuns(in: raster, radius: Int(1.5 * unitsPerCapital), contrast: max(8, range / 4))
        let map = MRZLocator.ComponentMap(runs)
        let glyphs = map.components.filter(isCharacterSized).map { component in
            FrameBox(uMin: Double(component.minX), uMax: Double(component.maxX), vMin: Double(component.minY), vMax: Double(component.maxY))
        }
        var items = group(glyphs).map { item in
            var moved = item
            moved.box = FrameBox(uMin: item.box.uMin + copy.u0, uMax: item.box.uMax + copy.u0,
                                 vMin: item.box.vMin + copy.v0, vMax: item.box.vMax + copy.v0)
            return moved
        }
        markLabels(&items)
        return items.sorted { ($0.box.vMin, $0.box.uMin) < ($1.box.vMin, $1.box.uMin) }
    }

    /// A component the size of a letter or digit of visual-zone print (captions included, microtext, dots and
    /// hairlines left out), not a stroke of guilloche or a portrait's edge.
    static func isCharacterSized(_ component: MRZLocator.Component) -> Bool {
        let height = Double(component.height), width = Double(component.width)
        // Captions' lower-case letters are about a fifth of the MRZ's capital height on a TD1 card.
        guard height >= 0.2 * unitsPerCapital, height <= 1.7 * unitsPerCapital, width >= 1, width <= 3 * unitsPerCapital else { return false }
        // A thin wavy line covers little of its box; letters a fifth or more (an `I` is a full box).
        return Double(component.area) >= 0.12 * width * height || width <= 0.35 * height
    }

    /// Groups glyphs into items: two glyphs belong together when they overlap vertically by half the smaller
    /// one's height, are about as tall, and the gap between them is at most about a capital's height (a word
    /// space is half of that; fields on one row lie several capitals apart).
    static func group(_ glyphs: [FrameBox]) -> [VisualZoneItem] {
        guard !glyphs.isEmpty else { return [] }
        let order = glyphs.indices.sorted { glyphs[$0].uMin < glyphs[$1].uMin }
        var parent = Array(glyphs.indices)
        func root(_ index: Int) -> Int {
            var node = index
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        let tallest = glyphs.map(\.height).max() ?? 1
        for (position, a) in order.enumerated() {
            let first = glyphs[a]
            for b in order[(position + 1)...] {
                let second = glyphs[b]
                if second.uMin > first.uMax + 1.1 * tallest { break }
                let high = max(first.height, second.height), low = min(first.height, second.height)
                guard low >= 0.5 * high else { continue }
                let gap = second.uMin - first.uMax
                guard gap <= 1.0 * high else { continue }
                let overlap = min(first.vMax, second.vMax) - max(first.vMin, second.vMin)
                guard overlap >= 0.5 * low else { continue }
                let ra = root(a), rb = root(b)
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
        }
        var members: [Int: [Int]] = [:]
        for index in glyphs.indices { members[root(index), default: []].append(index) }
        return members.values.map { indices in
            let boxes = indices.map { glyphs[$0] }
            let box = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
            let heights = boxes.map(\.height).sorted()
            let height = heights[min(heights.count - 1, Int(Double(heights.count - 1) * 0.8 + 0.5))]
            return VisualZoneItem(box: box, height: height, glyphCount: indices.count)
        }
    }

    /// Splits the items into captions and values by height, when the page has both: the split of the items'
    /// log-heights (weighted by glyphs) that leaves the least spread within the two groups, taken when the
    /// groups' typical heights differ by a third or more.
    static func markLabels(_ items: inout [VisualZoneItem]) {
        let measured = items.indices.filter { items[$0].glyphCount >= 3 }
        guard measured.count >= 4 else { return }
        let sorted = measured.sorted { items[$0].height < items[$1].height }
        let logs = sorted.map { log(items[$0].height) }, weights = sorted.map { Double(items[$0].glyphCount) }
        var best: (split: Int, score: Double)?
        let total = weights.reduce(0, +)
        // Each group holds at least three items and a sixth of the glyphs: a heading alone is not the values.
        for split in 3..<max(3, sorted.count - 2) {
            let (lowMean, lowWeight) = weightedMean(logs[..<split], weights[..<split])
            let (highMean, highWeight) = weightedMean(logs[split...], weights[split...])
            guard min(lowWeight, highWeight) >= total / 6 else { continue }
            let score = lowWeight * highWeight * (highMean - lowMean) * (highMean - lowMean)
            if best == nil || score > best!.score { best = (split, score) }
        }
        guard let best else { return }
        let (lowMean, _) = weightedMean(logs[..<best.split], weights[..<best.split])
        let (highMean, _) = weightedMean(logs[best.split...], weights[best.split...])
        guard highMean - lowMean >= log(1.33) else { return }
        let threshold = exp((lowMean + highMean) / 2)
        for index in items.indices where items[index].height < threshold { items[index].isLabel = true }
    }

    /// Whether a band of the working copy holds print: its darkest pixels forty grey levels or more below its
    /// paper (the guilloche ground spreads about twenty).
    static func holdsPrint(_ band: FrameBox, in copy: WorkingCopy) -> Bool {
        let x0 = max(0, Int(band.uMin - copy.u0)), x1 = min(copy.raster.width, Int(band.uMax - copy.u0))
        let y0 = max(0, Int(band.vMin - copy.v0)), y1 = min(copy.raster.height, Int(band.vMax - copy.v0))
        guard x1 - x0 >= 4, y1 - y0 >= 2 else { return false }
        let levels = MRZLocator.GreyLevels(copy.raster.cropped(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
        return levels.percentile(0.9) - levels.percentile(0.03) >= 40
    }

    private static func weightedMean(_ values: ArraySlice<Double>, _ weights: ArraySlice<Double>) -> (mean: Double, weight: Double) {
        let total = weights.reduce(0, +)
        guard total > 0 else { return (0, 0) }
        return (zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total, total)
    }

    /// The caption printed just above `item` (Doc 9303 Parts 4-7 §4.1.1: each field's caption precedes its
    /// value), if any: caption print whose bottom lies within two capitals above the value's top, near the value's
    /// left end.
    ///
    /// Small print comes apart at the working copy's scale (a caption's strokes are a pixel wide there), so what is
    /// returned is the band where the caption is: from the value's left end to where the next value on its line
    /// begins, from a capital and a half above the value to its top, with the caption pieces' typical height.
    ///
    /// Blurred small print may leave no caption pieces at all at that scale: then, with `copy`, the band above the
    /// value is the caption's when it holds print (a spread of grey levels the pale ground does not have).
    static func label(of item: VisualZoneItem, among items: [VisualZoneItem], copy: WorkingCopy? = nil) -> VisualZoneItem? {
        func inCaptionRow(_ label: VisualZoneItem) -> Bool {
            label.isLabel && label.box.vMax <= item.box.vMin + 0.2 * item.height && label.box.vMax >= item.box.vMin - 2.0 * item.height
        }
        // The next field's value on the same line: its own caption starts above it.
        let nextValue = items.filter { other in
            !other.isLabel && other.box.uMin > item.box.uMax
                && min(other.box.vMax, item.box.vMax) - max(other.box.vMin, item.box.vMin) >= 0.5 * min(other.box.height, item.box.height)
        }.map(\.box.uMin).min() ?? .infinity
        let near = items.filter { inCaptionRow($0) && abs($0.box.uMin - item.box.uMin) <= 1.5 * item.height }
        guard let lowest = near.max(by: { $0.box.vMax < $1.box.vMax }) else {
            guard let copy else { return nil }
            let band = FrameBox(uMin: item.box.uMin - 0.3 * item.height, uMax: min(nextValue - 0.5 * item.height, item.box.uMin + 12 * item.height),
                                vMin: item.box.vMin - 1.5 * item.height, vMax: item.box.vMin - 0.08 * item.height)
            guard band.width > item.height, holdsPrint(band, in: copy) else { return nil }
            return VisualZoneItem(box: band, height: 0.5 * item.height, glyphCount: 0, isLabel: true)
        }
        let found = items.filter { other in
            inCaptionRow(other) && other.box.uMin >= item.box.uMin - 1.5 * item.height && other.box.uMin < nextValue - 0.5 * item.height
                && min(other.box.vMax, lowest.box.vMax) - max(other.box.vMin, lowest.box.vMin) >= 0.3 * min(other.box.height, lowest.box.height)
        }
        // The caption's own pieces: from the left, up to the first gap wider than the value's capital and a half
        // (the next caption on the line, above an empty field, lies further on).
        var pieces: [VisualZoneItem] = []
        for piece in found.sorted(by: { $0.box.uMin < $1.box.uMin }) {
            if !pieces.isEmpty, piece.box.uMin - pieces.map(\.box.uMax).max()! > 1.5 * item.height { break }
            pieces.append(piece)
        }
        if pieces.isEmpty { pieces = [lowest] }
        let heights = pieces.map(\.height).sorted()
        let height = max(heights[heights.count / 2], heights.last! * 0.8)
        let top = min(pieces.map(\.box.vMin).min()!, lowest.box.vMax - 1.3 * height)
        let right = min(nextValue - 0.5 * item.height, max(pieces.map(\.box.uMax).max()!, item.box.uMin) + 4 * item.height)
        let box = FrameBox(uMin: min(item.box.uMin, pieces.map(\.box.uMin).min()!), uMax: max(right, item.box.uMin + item.height),
                           vMin: top, vMax: min(item.box.vMin - 0.05 * item.height, lowest.box.vMax + 0.35 * height))
        return VisualZoneItem(box: box, height: height, glyphCount: pieces.reduce(0) { $0 + $1.glyphCount }, isLabel: true)
    }
}
