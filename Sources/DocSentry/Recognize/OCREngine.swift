import CTesseract
import Foundation

/// Which Tesseract model reads the MRZ.
public enum OCRModel: Sendable, Equatable, CustomStringConvertible {
    /// The MRZ model shipped in `Models/mrz.traineddata` (trained by `make model`).
    case bundledMRZ
    /// Debian's stock English model (`tesseract-ocr-eng`).
    case stockEnglish
    /// Any `.traineddata` file, e.g. a trainer's own.
    case file(path: String)

    /// `eng`, `mrz` (the bundled model), or a path to a `.traineddata` file.
    public init(argument: String) {
        switch argument {
        case "eng": self = .stockEnglish
        case "mrz", "default": self = .bundledMRZ
        default: self = .file(path: argument)
        }
    }

    /// `mrz` when the repository ships `Models/mrz.traineddata`, else `eng`.
    public static var defaultArgument: String { ModelLocation.bundledMRZModel() != nil ? "mrz" : "eng" }

    public var description: String {
        switch self {
        case .bundledMRZ: "mrz"
        case .stockEnglish: "eng"
        case let .file(path): path
        }
    }

    /// The folder Tesseract loads from and the language name inside it.
    func location() throws(RecognizeError) -> (folder: String?, language: String) {
        switch self {
        case .stockEnglish:
            return (nil, "eng")
        case .bundledMRZ:
            guard let path = ModelLocation.bundledMRZModel() else {
                throw .modelMissing(path: "Models/mrz.traineddata", hint: "run `make model`, or use --ocr-model eng")
            }
            return try OCRModel.file(path: path).location()
        case let .file(path):
            guard path.hasSuffix(".traineddata") else {
                throw .modelMissing(path: path, hint: "a model file ends in .traineddata; or use --ocr-model eng")
            }
            guard FileManager.default.fileExists(atPath: path) else {
                throw .modelMissing(path: path, hint: "no such file")
            }
            let url = URL(fileURLWithPath: path)
            return (url.deletingLastPathComponent().path, url.deletingPathExtension().lastPathComponent)
        }
    }
}

/// Finds the shipped model the same way the rules are found: `$DOCSENTRY_MODELS`, else a `Models` folder beside
/// the executable or above it.
public enum ModelLocation {
    public static func bundledMRZModel(executablePath: String = RulesLocation.runningExecutable) -> String? {
        var candidates: [String] = []
        if let folder = ProcessInfo.processInfo.environment["DOCSENTRY_MODELS"], !folder.isEmpty {
            candidates.append(folder + "/mrz.traineddata")
        }
        var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            candidates.append(folder.appendingPathComponent("Models/mrz.traineddata").path)
            folder.deleteLastPathComponent()
        }
        candidates.append("Models/mrz.traineddata")
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}

/// Why the recogniser could not run.
public enum RecognizeError: Error, Sendable, Equatable, CustomStringConvertible {
    case modelMissing(path: String, hint: String)
    case modelUnloadable(model: String)
    /// libtesseract itself could not be opened (see `OCREngine.loadTesseract()`).
    case tesseractUnavailable(reason: String)

    public var description: String {
        switch self {
        case let .modelMissing(path, hint): "OCR model \(path) not found: \(hint)"
        case let .modelUnloadable(model): "OCR model \(model) could not be loaded by Tesseract (not a valid .traineddata file?)"
        case let .tesseractUnavailable(reason): "OCR unavailable: \(reason)"
        }
    }
}

/// One character as the engine read it, with where it is and how sure the engine was.
public struct RecognizedCharacter: Sendable, Equatable, Codable {
    public struct Alternative: Sendable, Equatable, Codable {
        public let character: String
        public let confidence: Double

        public init(character: String, confidence: Double) {
            self.character = character
            self.confidence = confidence
        }
    }

    public var character: String
    /// 0-1.
    public var confidence: Double
    /// Other characters the engine considered (LSTM choices, `lstm_choice_mode=2`), best first.
    public var alternatives: [Alternative]
    /// Left, top, right, bottom in the line image.
    public var box: [Int]
    /// How much the cell's ink looks like this MRZ's fillers (-1 to 1), when measured.
    public var fillerLikeness: Double?

    public init(character: String, confidence: Double, alternatives: [Alternative], box: [Int], fillerLikeness: Double? = nil) {
        self.character = character
        self.confidence = confidence
        self.alternatives = alternatives
        self.box = box
        self.fillerLikeness = fillerLikeness
    }
}

/// A Tesseract engine, created once per worker thread and reused: loading a model costs tens of milliseconds,
/// reading a line a few.
///
/// Not thread-safe: Tesseract's `TessBaseAPI` must not be shared between threads.
public final class OCREngine {
    private let handle: OpaquePointer
    public let model: OCRModel
    /// The model's name and the SHA-256 of the `.traineddata` file Tesseract loaded, for every report.
    public let identity: ModelIdentity

    /// - Parameter characters: the characters the engine may output (Tesseract's whitelist): the MRZ alphabet by
    ///   default; the visual-zone reader allows more (`VisualZoneReader.valueCharacters`).
    public init(model: OCRModel, characters: String = MRZCharacter.alphabet) throws(RecognizeError) {
        try Self.loadTesseract()
        let (folder, language) = try model.location()
        guard let handle = TessBaseAPICreate() else { throw .modelUnloadable(model: model.description) }
        // Tesseract prints "Error opening data file" itself (tprintf); send its messages to /dev/null before the
        // model loads and report our own error. Not by swapping file descriptor 2: that is process-wide, and an
        // engine loading on one thread would swallow the error another thread is printing.
        TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        let status = TessBaseAPIInit2(handle, folder, language, OEM_LSTM_ONLY)
        guard status == 0 else {
            TessBaseAPIDelete(handle)
            throw .modelUnloadable(model: model.description)
        }
        self.handle = handle
        self.model = model
        let datapath = TessBaseAPIGetDatapath(handle).map { String(cString: $0) } ?? (folder ?? "")
        identity = ModelIdentity(name: model.description,
                                 sha256: ProvenanceDigest.modelFile((datapath as NSString).appendingPathComponent(language + ".traineddata")))
        TessBaseAPISetVariable(handle, "tessedit_char_whitelist", characters)
        TessBaseAPISetVariable(handle, "load_system_dawg", "0")
        TessBaseAPISetVariable(handle, "load_freq_dawg", "0")
        TessBaseAPISetVariable(handle, "lstm_choice_mode", "2")
        // Tesseract 5 reads a doubtful line a second time inverted (white on black); an MRZ is dark on light.
        TessBaseAPISetVariable(handle, "tessedit_do_invert", "0")
        // Layout analysis looks for fixed-pitch cuts in every line (a dynamic programme, 3% of a document's
        // CPU); the LSTM reads the whole line and never uses them. Off: the same reads on all 300 bench documents.
        TessBaseAPISetVariable(handle, "textord_disable_pitch_test", "1")
        TessBaseAPISetPageSegMode(handle, PSM_SINGLE_LINE)
    }

    /// Opens libtesseract, once per process, with OpenMP limited to one thread (`OMP_THREAD_LIMIT=1` unless
    /// already set).
    ///
    /// DocSentry parallelises across documents; inside one read OpenMP's threads only cost (measured: one MRZ
    /// read 460 ms with them, 55 ms without). libgomp reads the variable once, when it is loaded, so libtesseract
    /// (which brings it) is opened at run time after the variable is set rather than linked. Call it before
    /// starting threads; `init` calls it too.
    public static func loadTesseract() throws(RecognizeError) {
        if let failure = ds_tesseract_load() { throw .tesseractUnavailable(reason: String(cString: failure)) }
    }

    /// The thread limit libtesseract's OpenMP runs with (1 unless the user set `OMP_THREAD_LIMIT`); nil when
    /// libtesseract is not loaded or has no OpenMP.
    public static var openMPThreadLimit: Int? {
        let limit = ds_openmp_thread_limit()
        return limit < 0 ? nil : Int(limit)
    }

    /// Changes the characters the engine may output, for the reads that follow.
    public func restrict(to characters: String) {
        TessBaseAPISetVariable(handle, "tessedit_char_whitelist", characters)
    }

    /// Reads the following images as raw lines (Tesseract's PSM 13: no layout heuristics, so that a line of one
    /// character, a visual zone's `F`, is read at all), or as single lines (PSM 7, the default).
    public func readRawLines(_ raw: Bool) {
        TessBaseAPISetPageSegMode(handle, raw ? PSM_RAW_LINE : PSM_SINGLE_LINE)
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Reads one line of text: the characters in reading order, with boxes in `line`'s coordinates.
    public func readLine(_ line: Raster) -> [RecognizedCharacter] {
        guard line.width > 0, line.height > 0 else { return [] }
        line.pixels.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(handle, buffer.baseAddress, Int32(line.width), Int32(line.height), 1, Int32(line.width))
        }
        TessBaseAPISetSourceResolution(handle, 300)
        defer { TessBaseAPIClear(handle) }
        guard TessBaseAPIRecognize(handle, nil) == 0, let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        var characters: [RecognizedCharacter] = []
        let page = TessResultIteratorGetPageIterator(iterator)
        repeat {
            guard let text = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { continue }
            let symbol = String(cString: text)
            TessDeleteText(text)
            guard !symbol.isEmpty else { continue }
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL)) / 100
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            TessPageIteratorBoundingBox(page, RIL_SYMBOL, &left, &top, &right, &bottom)
            var alternatives: [RecognizedCharacter.Alternative] = []
            if let choices = TessResultIteratorGetChoiceIterator(iterator) {
                repeat {
                    if let choiceText = TessChoiceIteratorGetUTF8Text(choices) {
                        let choice = String(cString: choiceText)
                        if choice != symbol, !choice.isEmpty, !alternatives.contains(where: { $0.character == choice }) {
                            alternatives.append(.init(character: choice, confidence: Double(TessChoiceIteratorConfidence(choices)) / 100))
                        }
                    }
                } while TessChoiceIteratorNext(choices) != 0
                TessChoiceIteratorDelete(choices)
            }
            for scalar in symbol {
                // Rarely the engine returns two characters as one symbol; split them, sharing the box.
                characters.append(RecognizedCharacter(
                    character: String(scalar), confidence: max(0, min(1, confidence)), alternatives: alternatives,
                    box: [Int(left), Int(top), Int(right), Int(bottom)]))
            }
        } while TessPageIteratorNext(page, RIL_SYMBOL) != 0
        return characters
    }
}
