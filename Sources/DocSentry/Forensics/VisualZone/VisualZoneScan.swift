import Foundation
let debugVIZ = ProcessInfo.processInfo.environment["VIZDEBUG"] != nil

/// The visual zone of one page as far as it was read: the items found, the field values read, and their captions,
/// read only when a comparison needs them.
///
/// What is read, to spend the time where it is needed: every value-sized item that has a caption above it (or,
/// for items of two glyphs or more, none) is read once; a caption only when a value the MRZ does not confirm must
/// be placed (is this date the date of birth?). A page whose every field agrees with the MRZ costs no caption.
final class VisualZoneScan {
    let page: Raster
    let frame: VisualZoneFrame
    let items: [VisualZoneItem]
    /// The value items read, in reading order, and what the engine read in each.
    private(set) var values: [(item: VisualZoneItem, text: VisualZoneText)] = []
    private let reader: VisualZoneReader
    private let engine: OCREngine
    private var captions: [Int: (caption: VisualZoneCaption?, text: String)] = [:]
    /// How many items were read (values and captions), for the report's timing note.
    private(set) var readCount = 0

    /// At most this many values are read on one page (a page of print that is not a document's visual zone).
    static let maximumValues = 40

    init(page: Raster, frame: VisualZoneFrame, items: [VisualZoneItem], reader: VisualZoneReader, engine: OCREngine) {
        self.page = page
        self.frame = frame
        self.items = items
        self.reader = reader
        self.engine = engine
        let valueHeights = items.filter { !$0.isLabel && $0.glyphCount >= 3 }.map(\.height).sorted()
        let typical = valueHeights.isEmpty ? 0 : valueHeights[valueHeights.count / 2]
        let chosen = items.filter { item in
            guard !item.isLabel else { return false }
            // The issuer's name and the title above the fields are larger than the values.
            if typical > 0, item.height > 1.6 * typical { return false }
            // A lone glyph is a value (sex `F`, type `P`) only under a caption; elsewhere it is a mark or a speck.
            return item.glyphCount >= 2 || VisualZoneLayout.label(of: item, among: items) != nil
        }
        for item in chosen.prefix(Self.maximumValues) {
            let text = reader.read(item, page: page, frame: frame, engine: engine, caption: false)
            readCount += 1
            if !text.characters.isEmpty { values.append((item, text)) }
            if debugVIZ { FileHandle.standardError.write(Data("VIZ value h=\(Int(item.height)) n=\(item.glyphCount) box=\(Int(item.box.uMin)),\(Int(item.box.vMin)) '\(text.text)' \(text.characters.map { String(format: "%.2f", $0.confidence) })\n".utf8)) }
        }
        if debugVIZ {
            for item in items where !chosen.contains(item) { FileHandle.standardError.write(Data("VIZ skipped label=\(item.isLabel) h=\(Int(item.height)) n=\(item.glyphCount) box=\(Int(item.box.uMin)),\(Int(item.box.vMin))\n".utf8)) }
        }
    }

    /// The caption of value `index` (read once, on first asking): what field it names, and its text; nil caption
    /// when there is none above the value or it says nothing recognisable.
    func caption(of index: Int) -> (caption: VisualZoneCaption?, text: String) {
        if let known = captions[index] { return known }
        var result: (caption: VisualZoneCaption?, text: String) = (nil, "")
        if let label = VisualZoneLayout.label(of: values[index].item, among: items) {
            let text = reader.read(label, page: page, frame: frame, engine: engine, caption: true).text
            readCount += 1
            result = (VisualZoneCaption.of(text), text)
            if debugVIZ { FileHandle.standardError.write(Data("VIZ caption '\(text)' -> \(String(describing: result.caption))\n".utf8)) }
        }
        captions[index] = result
        return result
    }

    /// The value printed nearest above (`above`) or below value `index` in its column: the surname's value above
    /// the given names' (Doc 9303 Parts 4-7 §4.1.1 print the primary identifier first).
    func neighbour(of index: Int, above: Bool) -> Int? {
        let item = values[index].item
        let candidates = values.indices.filter { other in
            let box = values[other].item.box
            guard other != index, abs(box.uMin - item.box.uMin) <= 2 * item.height else { return false }
            return above ? box.vMax <= item.box.vMin : box.vMin >= item.box.vMax
        }
        let nearest = candidates.min { first, second in
            let a = values[first].item.box, b = values[second].item.box
            return above ? a.vMax > b.vMax : a.vMin < b.vMin
        }
        guard let nearest else { return nil }
        let gap = above ? item.box.vMin - values[nearest].item.box.vMax : values[nearest].item.box.vMin - item.box.vMax
        return gap <= 5 * item.height ? nearest : nil
    }

    /// The page box (image pixels) of value `index`.
    func pageBox(of index: Int) -> [Double] { frame.pageBox(values[index].item.box) }
}
