import ArgumentParser
import DocSentry
import Foundation

/// Exit codes, documented in the README. Verdicts have their own; errors follow sysexits.h.
enum ExitStatus: Int32 {
    case pass = 0
    case review = 10
    case reject = 20
    case unreadable = 30
    case usage = 64
    case badInput = 65
    case noInput = 66
    case ocrUnavailable = 69
    case rulesInvalid = 78

    init(_ verdict: Verdict) {
        switch verdict {
        case .pass: self = .pass
        case .review: self = .review
        case .reject: self = .reject
        case .unreadable: self = .unreadable
        }
    }

    /// The status of a run over several inputs: the weightiest verdict, else the first error.
    static func combined(verdicts: [Verdict], errors: [ExitStatus]) -> ExitStatus {
        if verdicts.contains(.reject) { return .reject }
        if verdicts.contains(.review) { return .review }
        if let error = errors.first { return error }
        if verdicts.contains(.unreadable) { return .unreadable }
        return .pass
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Mode: ExpressibleByArgument {}

/// Options every command that judges documents shares.
struct JudgingOptions: ParsableArguments {
    @Option(help: "Rules folder (default: the Rules folder shipped with DocSentry).")
    var rules: String?

    @Option(help: "Judge dates as of this day, YYYY-MM-DD (default: today).")
    var referenceDate: String?

    @Option(help: "Which severities the policy applies: checkpoint, audit or training.")
    var mode: Mode = .checkpoint

    @Option(help: "Output: text (for people) or json (one object per document, JSON Lines for several).")
    var format: OutputFormat = .text

    @Flag(help: "Mask personal data (names, document number, date of birth, optional data) in the output.")
    var redact = false

    @Flag(name: .shortAndLong, help: "Text output: also list every check that passed or was not performed.")
    var verbose = false

    func referenceDay() throws -> CalendarDate { try Judging.referenceDay(referenceDate) }

    func loadRules() throws -> RuleSet { try Judging.loadRules(rules) }
}

/// What every judging command does with `--reference-date` and `--rules`.
enum Judging {
    /// The given `YYYY-MM-DD`, or today in the local time zone.
    static func referenceDay(_ text: String?) throws -> CalendarDate {
        if let text {
            guard let date = CalendarDate(iso: text) else {
                throw ValidationError("--reference-date '\(text)' is not a date of the form YYYY-MM-DD")
            }
            return date
        }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Loads the rules or ends the program with every problem on standard error.
    static func loadRules(_ directory: String?) throws -> RuleSet {
        do {
            return try RuleSet.load(directory: directory ?? RulesLocation.bundled())
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.rulesInvalid.rawValue)
        }
    }
}

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("docsentry: " + message + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// The terminal's width in columns (standard output), 100 when it is not a terminal.
    static var columns: Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
        return Int(size.ws_col)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var useColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    static func json(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Options of the commands that read scans.
struct ImageOptions: ParsableArguments {
    @Option(help: "OCR model: mrz (the MRZ model in Models/, the default when it is there), eng (Tesseract's stock English, the default otherwise), or a path to a .traineddata file.")
    var ocrModel: String = OCRModel.defaultArgument

    @Option(help: "Refuse images whose declared size is over this many pixels (checked before decoding).")
    var maxPixels: Int = DecodeLimits.standard.maxPixels

    @Option(help: ArgumentHelp("Refuse files bigger than this (K, M or G: binary units), before reading them.", valueName: "size"))
    var maxFileSize: String = "\(DecodeLimits.standard.maxFileBytes >> 20)M"

    @Option(help: ArgumentHelp("Give up on a scan that takes longer than this many seconds (it is then unreadable, and a batch goes on); 0: no limit.", valueName: "seconds"))
    var timeLimit: Double = 10

    @Option(help: "Write the intermediate images (page, located MRZ crop) of each scan into this folder.")
    var debugDir: String?

    @Flag(name: .customLong("no-viz"), help: "Read the MRZ only: do not compare the visual zone with it (faster; the stock eng model is not loaded).")
    var noViz = false

    /// The size `--max-file-size` gives in bytes: a number with an optional K, M or G (powers of 1024).
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "k": 1 << 10, "M": 1 << 20, "m": 1 << 20, "G": 1 << 30, "g": 1 << 30]
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number > 0, number <= Int.max / unit else { return nil }
        return number * unit
    }

    func validate() throws {
        guard Self.bytes(maxFileSize) != nil else {
            throw ValidationError("--max-file-size '\(maxFileSize)': give a number of bytes, or with K, M or G (e.g. 512M)")
        }
        guard timeLimit >= 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be 0 (no limit) or a number of seconds") }
    }

    /// The decoder's limits from `--max-pixels` and `--max-file-size`.
    var decodeLimits: DecodeLimits {
        var limits = DecodeLimits.standard
        limits.maxPixels = maxPixels
        limits.maxFileBytes = Self.bytes(maxFileSize) ?? limits.maxFileBytes
        return limits
    }

    /// `--time-limit` as the inspector's budget (nil for 0).
    var timeBudget: Duration? { timeLimit > 0 ? .milliseconds(Int64((timeLimit * 1000).rounded())) : nil }

    /// `--debug-dir` writes the scan's own pixels (the name, the portrait, the MRZ): never with `--redact`.
    func validate(redact: Bool) throws {
        if redact, debugDir != nil {
            throw ValidationError("--debug-dir writes the scans' images, which show the holder's name, portrait and MRZ: it cannot be combined with --redact")
        }
    }

    /// The scan reader these options ask for, or why it cannot be made (the model cannot be found or loaded).
    func scanReader() throws(RecognizeError) -> ScanReader {
        try ScanReader(model: OCRModel(argument: ocrModel), limits: decodeLimits, visualZone: !noViz)
    }

    /// The same, made on a thread of its own from now on (`check`: one document at a time, so its lines are read two
    /// at a time when there is a core to spare).
    func scanReaderLoader() -> ScanReaderLoader {
        ScanReaderLoader(model: OCRModel(argument: ocrModel), limits: decodeLimits, visualZone: !noViz,
                         linesInParallel: ProcessInfo.processInfo.activeProcessorCount >= 2)
    }

    func debugWriter(for file: String) -> ((DebugImages) -> Void)? {
        guard let debugDir else { return nil }
        return { images in
            let base = (debugDir as NSString).appendingPathComponent(((file as NSString).lastPathComponent as NSString).deletingPathExtension)
            try? FileManager.default.createDirectory(atPath: debugDir, withIntermediateDirectories: true)
            for (name, raster) in [("page", images.page), ("crop", images.crop), ("binarized", images.binarized)] {
                guard let raster, let data = try? ImageEncoder.png(raster) else { continue }
                let path = "\(base).\(name).png"
                if !FileManager.default.createFile(atPath: path, contents: Data(data)) {
                    Console.error("\(path): cannot write the debug image (is --debug-dir writable?)")
                }
            }
        }
    }
}
