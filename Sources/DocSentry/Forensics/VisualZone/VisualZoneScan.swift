import Foundation

/// The visual zone of one page as far as it was read: the items found, the field values read, and their captions,
/// read only when a comparison needs them.
///
/// What is read, to spend the time where it is needed: first the value-sized items under a caption (the fields);
/// the others (a title, an issuer's name, text without captions) only when a field was not found among those. A
/// caption is read only to place a value the MRZ does not confirm (is this date the date of birth?): a page whose
/// every field agrees with the MRZ costs no caption.
final class VisualZoneScan {
    let page: Raster
    let frame: VisualZoneFrame
    let items: [VisualZoneItem]
    let copy: VisualZoneLayout.WorkingCopy
    /// The value items read, in reading order, and what the engine read in each.
    private(set) var values: [(item: VisualZoneItem, text: VisualZoneText)] = []
    private let reader: VisualZoneReader
    private let engine: OCREngine
    private var captions: [String: (caption: VisualZoneCaption?, text: String)] = [:]
    /// Value-sized items without a caption, not read yet.
    private var uncaptioned: [VisualZoneItem] = []
    /// How many items were read (values and captions).
    private(set) var readCount = 0

    /// At most this many values are read on one page (a page of print that is not a document's visual zone).
    static let maximumValues = 40

    init(page: Raster, frame: VisualZoneFrame, copy: VisualZoneLayout.WorkingCopy, items: [VisualZoneItem], reader: VisualZoneReader,
         engine: OCREngine) {
        self.page = page
        self.frame = frame
        self.copy = copy
        self.items = items
        self.reader = reader
        self.engine = engine
        let valueHeights = items.filter { !$0.isLabel && $0.glyphCount >= 3 }.map(\.height).sorted()
        let typical = valueHeights.isEmpty ? 0 : valueHeights[valueHeights.count / 2]
        var captioned: [VisualZoneItem] = []
        for item in items where !item.isLabel {
            // Print far larger than the values is a heading.
            if typical > 0, item.height > 1.6 * typical { continue }
            if VisualZoneLayout.label(of: item, among: items, copy: copy) != nil {
                captioned.append(item)
            } else if item.glyphCount >= 2 {
                // (A lone glyph is a value, sex `F`, type `P`, only under a caption; elsewhere a mark or a speck.)
                uncaptioned.append(item)
            }
        }
        read(captioned)
    }

    /// Reads the value-sized items without a caption, once; false when there were none.
    func readUncaptioned() -> Bool {
        guard !uncaptioned.isEmpty else { return false }
        read(uncaptioned)
        uncaptioned = []
        return true
    }

    private func read(_ items: [VisualZoneItem]) {
        for item in items.prefix(max(0, Self.maximumValues - values.count)) {
            let text = reader.read(item, page: page, frame: frame, engine: engine, caption: false)
            readCount += 1
            if !text.characters.isEmpty { values.append((item, text)) }
        }
    }

    /// The caption of value `index` (read once, on first asking): what field it names, and its text; nil caption
    /// when there is none above the value or it says nothing recognisable.
    ///
    /// `characters` (offsets in the value's text) ask for the caption above that part of the value: two fields
    /// printed close together (long bilingual dates) are found as one item, each under its own caption.
    func caption(of index: Int, characters: [Int]? = nil) -> (caption: VisualZoneCaption?, text: String) {
        var item = values[index].item
        let read = values[index].text.characters
        if let characters, let first = characters.first, first > 0, first < read.count {
            // The part's left end (the item's box otherwise): the caption above it begins there.
            item.box.uMin = read[first].box.uMin
        }
        let key = "\(index):\(Int(item.box.uMin))"
        if let known = captions[key] { return known }
        var result: (caption: VisualZoneCaption?, text: String) = (nil, "")
        if let label = VisualZoneLayout.label(of: item, among: items, copy: copy) {
            let text = reader.read(label, page: page, frame: frame, engine: engine, caption: true).text
            readCount += 1
            result = (VisualZoneCaption.of(text), text)
        }
        captions[key] = result
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
