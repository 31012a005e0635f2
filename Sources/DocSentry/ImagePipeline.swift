import Foundation

/// What one worker needs to read scans: a decoder, a locator and an OCR engine, created once and reused.
///
/// Not thread-safe (the OCR engine is not): create one per worker thread.
public final class ScanReader {
    public let decoder: ImageDecoder
    public let locator: MRZLocator
    public let reader: MRZReader
    /// The visual zone's reader for the VIZ/MRZ comparison; nil when it is turned off (`--no-viz`).
    public let visualZone: VisualZoneReader?

    /// - Parameter linesInParallel: read an MRZ's lines two at a time, with a second engine on a thread of its own
    ///   (`MRZReader.secondEngine`): for one document on a machine with a core to spare (`docsentry check`), not for
    ///   an audit's workers, which already keep every core busy.
    public init(model: OCRModel = .bundledMRZ, limits: DecodeLimits = .standard, visualZone: Bool = true,
                linesInParallel: Bool = false) throws(RecognizeError) {
        decoder = ImageDecoder(limits: limits)
        locator = MRZLocator()
        reader = MRZReader(engine: try OCREngine(model: model), secondEngine: linesInParallel ? try OCREngine(model: model) : nil)
        self.visualZone = visualZone ? VisualZoneReader() : nil
    }
}

/// Makes a `ScanReader` on a thread of its own, so that a single `check` loads libtesseract, its model and the
/// OCR-B glyphs (about 40 ms) while it loads the rules and decodes the first scan.
///
/// `@unchecked Sendable`: the loading thread sets `made` before leaving `loading`; every other access waits for it.
public final class ScanReaderLoader: @unchecked Sendable {
    private var made: Result<ScanReader, RecognizeError>?
    private let loading = DispatchGroup()
    /// The reader's decoder, usable at once (`Inspector.inspect(file:decoder:scanner:debug:)`).
    public let decoder: ImageDecoder

    /// Starts loading at once; `reader()` waits for it. The glyphs the print forensics compare with are drawn after
    /// the reader is made, on the same thread, while the caller decodes and reads the first scan.
    public init(model: OCRModel = .bundledMRZ, limits: DecodeLimits = .standard, visualZone: Bool = true,
                linesInParallel: Bool = false) {
        decoder = ImageDecoder(limits: limits)
        loading.enter()
        Thread.detachNewThread { [self] in
            do throws(RecognizeError) {
                made = .success(try ScanReader(model: model, limits: limits, visualZone: visualZone, linesInParallel: linesInParallel))
            } catch {
                made = .failure(error)
            }
            loading.leave()
            PrintForensics.prepareGlyphs()
        }
    }

    /// The reader, once made, or why it could not be (the model cannot be found or loaded).
    public func reader() throws(RecognizeError) -> ScanReader {
        loading.wait()
        return try made!.get()
    }
}

/// The intermediate images of one scan, for a person to look at (`--debug-dir`).
public struct DebugImages: Sendable {
    public var crop: Raster?
    public var binarized: Raster?
    public var page: Raster?
    /// The located MRZ the crop belongs to: its line boxes place each character cell in `crop` (`docsentry explain`).
    public var region: MRZRegion?
}

extension Inspector {
    /// Runs the whole pipeline on one scan: decode, locate, recognise and correct, then the MRZ checks.
    ///
    /// With `timeBudget`, no stage is started once the scan has taken longer: the report is then `unreadable`
    /// and says so, and a batch goes on with the next document. The time is the CPU time of the calling thread
    /// (every stage, Tesseract included, runs on it, except the lines a `MRZReader.secondEngine` reads), so that a loaded machine or a debug build does not turn
    /// readable scans unreadable; it is read between stages (decode, locate, each way up the MRZ is read, the visual zone)
    /// rather than inside them: Tesseract's own monitor checks its deadline only between words, and an MRZ line
    /// is one word to it, so it would not cut a read short either.
    ///
    /// - Throws: `DecodeError` when the file is not an image DocSentry can read (the caller reports it and goes
    ///   on); everything about the document itself, including "no MRZ found", is in the report.
    public func inspect(fileAt path: String, with scanner: ScanReader, debug: ((DebugImages) -> Void)? = nil) throws(DecodeError) -> Report {
        try inspect(fileAt: path, with: scanner, decodedAhead: nil, debug: debug)
    }

    func inspect(fileAt path: String, with scanner: ScanReader, decodedAhead: DecodedAhead?, debug: ((DebugImages) -> Void)?) throws(DecodeError) -> Report {
        var report = try readScan(fileAt: path, with: scanner, decodedAhead: decodedAhead, debug: debug)
        report.ocrModel = scanner.reader.engine.identity
        return report
    }

    /// A scan decoded before its reader was ready (`inspect(file:decoder:scanner:debug:)`), and what decoding it took.
    struct DecodedAhead {
        let image: DecodedImage
        let wallTime: Duration
        let cpuTime: Duration

        init(fileAt path: String, decoder: ImageDecoder) throws(DecodeError) {
            let clock = ContinuousClock(), start = clock.now, begun = threadCPUTime()
            image = try decoder.decode(fileAt: path)
            wallTime = clock.now - start
            cpuTime = threadCPUTime() - begun
        }
    }

    private func readScan(fileAt path: String, with scanner: ScanReader, decodedAhead: DecodedAhead?,
                          debug: ((DebugImages) -> Void)?) throws(DecodeError) -> Report {
        let clock = ContinuousClock()
        var timings: [String: Double] = [:]
        var start = clock.now
        func lap(_ stage: String) {
            let now = clock.now
            timings[stage] = milliseconds(now - start)
            start = now
        }

        let begun = threadCPUTime() - (decodedAhead?.cpuTime ?? .zero)
        func outOfTime(before stage: String, _ image: ImageDetails) -> Report? {
            let spent = threadCPUTime() - begun
            guard let timeBudget, spent > timeBudget else { return nil }
            let shown = { (duration: Duration) in
                milliseconds(duration) < 1000 ? "\(Int(milliseconds(duration))) ms" : String(format: "%.1f s", milliseconds(duration) / 1000)
            }
            var report = unreadable(file: path, reason: "over the time limit (\(shown(timeBudget)) of CPU time a document): stopped before \(stage), "
                                    + "after \(shown(spent)); raise --time-limit to give this scan longer", timings: timings)
            report.image = image
            return report
        }

        let decoded: DecodedImage
        if let decodedAhead {
            decoded = decodedAhead.image
            timings["decode"] = milliseconds(decodedAhead.wallTime)
        } else {
            decoded = try scanner.decoder.decode(fileAt: path)
            lap("decode")
        }
        var image = ImageDetails(format: decoded.format.rawValue, width: decoded.raster.width, height: decoded.raster.height,
                                 exifOrientation: decoded.orientation.map { Int($0.rawValue) })
        if let late = outOfTime(before: "locating the MRZ", image) { return late }

        let region: MRZRegion
        do {
            region = try scanner.locator.locate(decoded.raster)
        } catch {
            lap("locate")
            debug?(DebugImages(page: decoded.raster))
            var report = unreadable(file: path, reason: error.description, timings: timings)
            report.image = image
            return report
        }
        lap("locate")
        image.mrzBox = region.quad.corners.map { [($0.x * 10).rounded() / 10, ($0.y * 10).rounded() / 10] }
        image.rotation = region.rotation
        image.skewDegrees = (region.skewDegrees * 100).rounded() / 100

        // 0 and 180 degrees look alike to the locator: read the likelier way first, the other way if that fails.
        var best: (region: MRZRegion, read: RecognizedMRZ, score: Int)?
        for (attempt, candidate) in [region, region.flipped].enumerated() {
            if let late = outOfTime(before: attempt == 0 ? "reading the MRZ" : "reading the MRZ upside down", image) { return late }
            guard let read = scanner.reader.read(candidate, countryCodes: countryCodes) else { continue }
            let score = Self.readScore(read.corrected) + Self.orientationScore(candidate.orientationConfidence)
            if best == nil || score > best!.score { best = (candidate, read, score) }
            // A read with its characters in place and at most two failed checks is the right way up (upside-down
            // text breaks the character classes everywhere): a forged check digit is no reason to read again.
            if score >= 70 { break }
        }
        lap("recognize")
        debug?(DebugImages(crop: best?.region.crop ?? region.crop, page: decoded.raster, region: best?.region ?? region))
        guard let best else {
            var report = unreadable(file: path, reason: "an MRZ-like text band was found but could not be read as an MRZ (\(region.lineCount) lines of about \(region.charactersPerLine) characters)", timings: timings)
            report.image = image
            return report
        }
        if best.region.rotation != region.rotation {
            image.rotation = best.region.rotation
            image.mrzBox = best.region.quad.corners.map { [($0.x * 10).rounded() / 10, ($0.y * 10).rounded() / 10] }
        }

        var earlier = Assessment()
        // Forensics: the print of the MRZ itself (pasted characters, characters outside the MRZ alphabet), and the
        // corrections a passing check rests on against a sure read (evidence, not repairs).
        let text = best.read.corrected.text
        let grids = PrintMeasurer.lineGrids(best.region, text: text)
        for finding in PrintForensics.findings(best.region, text: text, grids: grids) { earlier.note(finding) }
        let overrules = OverruledRead.overrules(in: best.read.corrected) { correction in
            PrintForensics.printMargin(best.region, text: text, grids: grids, line: correction.line - 1, column: correction.column - 1,
                                       read: Character(correction.read), chosen: Character(correction.chosen))
        }
        for overrule in overrules {
            var finding = OverruledRead.finding(overrule)
            let line = overrule.correction.line - 1
            if line < grids.count { finding.pageBox = grids[line].imageBox(column: overrule.correction.column - 1, in: best.region) }
            earlier.note(finding)
        }
        lap("forensics")
        for correction in best.read.corrected.corrections where !overrules.contains(where: { $0.correction == correction }) {
            // A check digit made to pass by changing a character the engine was fairly sure of is exactly what an
            // altered field looks like: a person confirms it (review) instead of DocSentry deciding.
            // O/0 and I/1 are the exception: engines swap them whatever their confidence, and no forger gains by it.
            let lookAlike = MRZCorrector.lookAlikes[Character(correction.read)] == Character(correction.chosen)
            if correction.reason == .checkDigit, correction.confidence >= 0.6, !lookAlike {
                earlier.note(Finding(
                    rule: "ocr.check-digit-repair", severity: .warn,
                    message: "the check digit passes only if the '\(correction.read)' read here is taken as '\(correction.chosen)': confirm these characters on the document",
                    fields: [], position: MRZPosition(line: correction.line, column: correction.column),
                    evidence: [Evidence("read", correction.read), Evidence("chosen", correction.chosen),
                               Evidence("confidence", String(format: "%.2f", correction.confidence))]))
                continue
            }
            earlier.note(Finding(
                rule: "ocr.correction", severity: .info,
                message: "read '\(correction.read)', corrected to '\(correction.chosen)' by \(correction.reason)",
                fields: [], position: MRZPosition(line: correction.line, column: correction.column),
                evidence: [Evidence("read", correction.read), Evidence("chosen", correction.chosen), Evidence("reason", correction.reason.rawValue)]))
        }
        if let visualZone = scanner.visualZone {
            if let late = outOfTime(before: "comparing the visual zone with the MRZ", image) { return late }
            earlier.merge(VisualZoneCheck.check(page: decoded.raster, region: best.region, document: MRZParser.parse(best.read.corrected.text),
                                                countries: ruleSet.countries, reader: visualZone))
            lap("viz")
        }
        var report = inspect(best.read.corrected.text, file: path, earlier: earlier, timings: timings,
                             confidences: best.read.corrected.confidences)
        report.visualZoneModel = scanner.visualZone?.loadedEngine()?.identity
        report.image = image
        report.ocr = OCRDetails(
            model: scanner.reader.engine.model.description, read: best.read.read,
            confidences: best.read.corrected.confidences.map { $0.map { ($0 * 100).rounded() / 100 } },
            corrections: best.read.corrected.corrections)
        return report
    }

    /// The locator's up/down evidence (its chevrons, the print above the band) as points of `readScore`: up to
    /// 15 either way, 0 for a coin toss. Both ways of reading are then weighed on both witnesses.
    ///
    /// Why: on a blurred page both reads fail checks, and the upside-down one can make a check pass by chance
    /// after its corrections (seed 6060 document 0018: upright 60, upside down 67, the locator 0.79 sure of
    /// upright: 69 against 58 with it). Measured with the stock model on fourteen generated sets: 8 documents
    /// more read the right way up, none fewer.
    static func orientationScore(_ confidence: Double) -> Int { Int((30 * (confidence - 0.5)).rounded()) }

    /// How well a read looks like an MRZ: 100 when every check digit passes, no character is out of place and
    /// nothing needed correcting; less for each failure, misplaced character and correction. Garbage read the
    /// wrong way up can pass a check digit by chance, but not the character classes of every field. A document
    /// code the corrector had to give its format's letter counts as the misplaced character it was: upside-down
    /// text must not gain by that correction.
    static func readScore(_ read: CorrectedMRZ) -> Int {
        let document = MRZParser.parse(read.text)
        let failedChecks = CheckDigitValidator.validate(document).checks.filter { $0.status == .failed }.count
        let misplaced = StructureValidator.validate(document).findings.filter { $0.severity == .fail }.count
            + read.corrections.filter { $0.reason == .documentCode }.count
        return 100 - 15 * failedChecks - 10 * misplaced - read.corrections.count
    }
}

/// The CPU time the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`).
func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
