import Foundation

/// Reads the visual zone's text for the VIZ/MRZ comparison (`VisualZoneCheck`): Tesseract's stock English model,
/// one engine per worker. A run with `--no-viz` never creates one.
///
/// The model takes about 100 ms of CPU to load, as long as reading a whole MRZ: with `prefetch` it is loaded on a
/// thread of its own while the worker decodes, locates and reads the MRZ, so that a single `check` on two cores
/// does not wait for it.
///
/// Not thread-safe (the OCR engine is not): one per `ScanReader`. (`@unchecked Sendable` only so that the loading
/// thread may set the engine; every other use is the owner's, after `loading` has been waited for.)
public final class VisualZoneReader: @unchecked Sendable {
    /// The characters a field's value may be read as: capitals (with the Latin national characters of Doc 9303
    /// Part 3 §6), digits and the punctuation of dates, numbers and names.
    public static let valueCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + "ÄÖÜÅØÆÉÈÊËÁÀÂÃÍÌÎÏÓÒÔÕÚÙÛÑÇŠŽČĆŁß" + "./-'"
    /// Captions also hold lower case (`Date of birth / Date de naissance`).
    public static let captionCharacters = valueCharacters + "abcdefghijklmnopqrstuvwxyzäöüåøæéèêëáàâãíìîïóòôõúùûñçšžčćł°"

    private var engine: OCREngine?
    private var unavailable: RecognizeError?
    private var tried = false
    private let loading = DispatchGroup()

    public init(prefetch: Bool = true) {
        guard prefetch else { return }
        loading.enter()
        Thread.detachNewThread { [self] in
            load()
            loading.leave()
        }
    }

    private func load() {
        tried = true
        do {
            engine = try OCREngine(model: .stockEnglish, characters: Self.valueCharacters)
        } catch {
            unavailable = error
        }
    }

    /// The engine (waiting for the loading thread, or loading it now); nil when the stock model cannot be loaded.
    func loadedEngine() -> OCREngine? {
        loading.wait()
        if !tried { load() }
        return engine
    }

    /// Why the engine could not be loaded, once it was tried.
    var why: String? { unavailable?.description }

    /// Capital height, in pixels, that items are scaled to before reading: the stock model reads print of about
    /// this size best.
    static let readingCapitalHeight = 30.0

    /// The item's ink alone, black on white: pixels darker than their surroundings by a quarter of the grey range
    /// (the pale guilloche of the ground is not), without the pieces that touch the image's edge (a caption's
    /// descender above, the next field's first letter).
    static func cleaned(_ image: Raster, capitalHeight: Double) -> Raster {
        let levels = MRZLocator.GreyLevels(image)
        let range = levels.percentile(0.995) - levels.percentile(0.005)
        guard range >= 24 else { return image }
        let runs = MRZLocator.darkRuns(in: image, radius: Int(1.5 * capitalHeight), contrast: max(8, range / 4))
        let map = MRZLocator.ComponentMap(runs)
        var output = Raster(width: image.width, height: image.height, filledWith: 255)
        let keep = map.components.map { component in
            component.area >= 3 && component.minX > 0 && component.minY > 0 && component.maxX < image.width && component.maxY < image.height
        }
        for (index, run) in runs.runs.enumerated() where keep[Int(map.componentOfRun[index])] {
            let row = Int(run.y) * image.width
            for x in Int(run.start)..<Int(run.end) { output.pixels[row + x] = 0 }
        }
        return output
    }

    /// The factor the engine's confidences are scaled by on print `capitalHeight` image pixels high: as in the MRZ
    /// (`MRZReader.confidenceScale`), the engine's confidence does not fall as fast as its accuracy on small print.
    static func confidenceScale(capitalHeight: Double) -> Double { min(1, max(0.5, capitalHeight / 14)) }

    /// Reads one item of the page as a line of text; `caption` allows lower case.
    func read(_ item: VisualZoneItem, page: Raster, frame: VisualZoneFrame, engine: OCREngine, caption: Bool) -> VisualZoneText {
        let scale = Self.readingCapitalHeight / max(1, item.height)
        let box = FrameBox(uMin: item.box.uMin - 0.4 * item.height, uMax: item.box.uMax + 0.4 * item.height,
                           vMin: item.box.vMin - 0.45 * item.height, vMax: item.box.vMax + 0.35 * item.height)
        let width = Int((box.width * scale).rounded()), height = Int((box.height * scale).rounded())
        guard width >= 8, height >= 8, width <= 6000 else { return VisualZoneText(characters: [], box: item.box) }
        let map = frame.projection(u0: box.uMin, v0: box.vMin, pixelsPerUnit: scale)
        // Page pixels per reading pixel: average when shrinking, as the working copy does.
        let shrink = frame.unit / scale
        var image = MRZLocator.sample(page, through: map, width: width, height: height, fill: MRZLocator.borderLevel(of: page),
                                      samplesPerAxis: shrink >= 1.5 ? min(4, Int(shrink.rounded(.up))) : 1)
        // Values (bold, a few millimetres) read best as clean black on white; captions (small, thin) are spoilt by
        // thresholding when blurred, and read best in grey.
        if caption { MRZLocator.stretchContrast(&image) } else { image = Self.cleaned(image, capitalHeight: Self.readingCapitalHeight) }
        if caption { engine.restrict(to: Self.captionCharacters) }
        // A single line (PSM 7) reads words best but returns nothing for one letter alone; a raw line reads that.
        if item.glyphCount == 1 { engine.readRawLines(true) }
        let symbols = engine.readLine(image)
        if item.glyphCount == 1 { engine.readRawLines(false) }
        if caption { engine.restrict(to: Self.valueCharacters) }
        let confidenceScale = Self.confidenceScale(capitalHeight: item.height * frame.unit)
        var characters: [VisualZoneText.Character] = []
        var previousRight: Double?
        for symbol in symbols where symbol.box.count == 4 {
            let left = box.uMin + Double(symbol.box[0]) / scale, right = box.uMin + Double(symbol.box[2]) / scale
            // Tesseract returns no spaces between symbols: a gap of a third of a capital is a word space.
            if let previousRight, left - previousRight > 0.33 * item.height {
                characters.append(.init(value: " ", confidence: 1, alternatives: [],
                                        box: FrameBox(uMin: previousRight, uMax: left, vMin: item.box.vMin, vMax: item.box.vMax)))
            }
            characters.append(.init(
                value: Swift.Character(symbol.character), confidence: symbol.confidence * confidenceScale,
                alternatives: symbol.alternatives.compactMap { alternative in alternative.character.first.map { ($0, alternative.confidence) } },
                box: FrameBox(uMin: left, uMax: right, vMin: box.vMin + Double(symbol.box[1]) / scale,
                              vMax: box.vMin + Double(symbol.box[3]) / scale)))
            previousRight = right
        }
        // One glyph is one character, however many the raw line mode makes of it (`F` read `FE`).
        if item.glyphCount == 1, let best = characters.max(by: { $0.confidence < $1.confidence }) { characters = [best] }
        // Specks at the ends come back as `-`, `.` or `'`: no value begins or ends with them.
        while let first = characters.first, " -.,'".contains(first.value) { characters.removeFirst() }
        while let last = characters.last, " -.,'".contains(last.value) { characters.removeLast() }
        return VisualZoneText(characters: characters, box: item.box, glyphCount: item.glyphCount, capitalHeight: item.height)
    }
}

/// What the engine read in one visual-zone item: each character with its confidence, the other characters the
/// engine considered, and where it is (frame units).
struct VisualZoneText: Sendable, Equatable {
    struct Character: Sendable, Equatable {
        var value: Swift.Character
        /// 0-1, scaled down for small print.
        var confidence: Double
        /// The other characters the engine considered here, with its probability of each.
        var alternatives: [(character: Swift.Character, probability: Double)]
        var box: FrameBox

        static func == (a: Character, b: Character) -> Bool {
            a.value == b.value && a.confidence == b.confidence && a.box == b.box
                && a.alternatives.map(\.character) == b.alternatives.map(\.character)
        }
    }

    var characters: [Character]
    /// The item's box (frame units).
    var box: FrameBox
    /// How many glyphs the page shows there, and their capitals' height (frame units); 0 when unknown.
    var glyphCount = 0
    var capitalHeight = 0.0

    var text: String { String(characters.map(\.value)) }

    /// Text without OCR detail, for matchers and tests: every character at confidence 1.
    init(_ text: String, box: FrameBox = FrameBox(uMin: 0, uMax: 0, vMin: 0, vMax: 0)) {
        characters = text.map { Character(value: $0, confidence: 1, alternatives: [], box: box) }
        self.box = box
    }

    init(characters: [Character], box: FrameBox, glyphCount: Int = 0, capitalHeight: Double = 0) {
        self.characters = characters
        self.box = box
        self.glyphCount = glyphCount
        self.capitalHeight = capitalHeight
    }

    /// Whether the engine read about as many letters and digits as the page shows: as many as glyphs, and about
    /// one a capital's height of print (a capital's advance is about its height). A read with far fewer (`SCMU` for
    /// ten letters of print blurred into two blobs) is a garbled one, whatever it says.
    var isComplete: Bool {
        let read = Double(characters.filter { $0.value.isLetter || $0.value.isNumber }.count)
        let byWidth = capitalHeight > 0 ? box.width / capitalHeight : 0
        return read >= 0.7 * Double(glyphCount) && read >= 0.55 * byWidth
    }

    /// The mean confidence of the characters that are neither spaces nor the first letter of a word after one
    /// (where the stock model's confidence dips whatever the print, see `isSure`); 0 for none.
    var meanConfidence: Double {
        let printed = characters.indices.filter { index in
            characters[index].value != " " && (index == 0 || characters[index - 1].value != " ")
        }.map { characters[$0].confidence }
        return printed.isEmpty ? 0 : printed.reduce(0, +) / Double(printed.count)
    }

    /// Whether the character at `offset` was read surely enough to stand against the MRZ's `instead`: the engine
    /// gave `instead` (when given) next to no probability there, and was fairly confident of what it read.
    ///
    /// The stock model's confidence dips at the first letter of a word and the last of a line whatever the print
    /// (`20 MAR 1955`: 0.37 for the `M`, 0.85 for the last `5`), so the bar is the alternatives' probability more
    /// than the confidence.
    func isSure(at offset: Int, instead: Swift.Character?) -> Bool {
        guard offset >= 0, offset < characters.count else { return false }
        let character = characters[offset]
        if let instead, let probability = character.alternatives.first(where: { $0.character == instead })?.probability,
           probability >= Self.alternativeDoubt { return false }
        return character.confidence >= (instead == nil ? Self.sureConfidence : Self.sureAgainstConfidence)
    }

    /// Mean confidence at or above which a read counts as sure, and a character's confidence when nothing to
    /// compare it with is known.
    static let sureConfidence = 0.8
    /// A character's confidence at or above which it stands against a character the engine gave no probability.
    static let sureAgainstConfidence = 0.5
    /// An alternative's probability from which the engine is in doubt between it and what it read.
    static let alternativeDoubt = 0.05
}
