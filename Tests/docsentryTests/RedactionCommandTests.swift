import DocSentry
import Foundation
import Testing

/// `--redact` end to end: generated documents through every command and output of the built tool, every output
/// searched for each answer key's personal values, the images of the HTML report read by OCR first.
@Suite(.serialized) struct RedactionCommandTests {
    /// The personal values of one answer key, as a report could spell them.
    static func personalValues(_ key: AnswerKey) -> [String] {
        var values = key.fields.primaryIdentifier + key.fields.secondaryIdentifier
        values.append(key.fields.documentNumber)
        values.append(key.fields.dateOfBirth)
        let dob = key.fields.dateOfBirth
        if dob.count == 6, dob.allSatisfy(\.isNumber), let yy = Int(dob.prefix(2)) {
            // The latest century not after the reference date, as DocSentry resolves it.
            let century = yy <= key.referenceDate.year % 100 ? key.referenceDate.year / 100 * 100 : key.referenceDate.year / 100 * 100 - 100
            values.append("\(century + yy)-\(dob.dropFirst(2).prefix(2))-\(dob.suffix(2))")
        }
        for optional in [key.fields.optionalData, key.fields.secondOptionalData] {
            values += optional.split(separator: "<").map(String.init)
        }
        values.append(key.visualZone.dateOfBirth)
        // As the visual zone prints them (national characters; another value than the MRZ's where it was forged).
        values += (key.visualZone.surname + " " + key.visualZone.givenNames).split(separator: " ").map(String.init)
        values.append(key.visualZone.documentNumber)
        return values.filter { $0.count >= 2 }
    }

    /// Where `value` occurs in `text`: anywhere for 3 characters or more, as a whole word for 2.
    static func occurs(_ value: String, in text: String) -> Bool {
        if value.count >= 3 { return text.contains(value) }
        let pattern = "(?<![A-Za-z0-9])" + NSRegularExpression.escapedPattern(for: value) + "(?![A-Za-z0-9])"
        return text.range(of: pattern, options: .regularExpression) != nil
    }

    /// The personal values found in `text` (its name says where it came from).
    static func leaks(in text: String, keys: [AnswerKey]) -> [String] {
        keys.flatMap { key in personalValues(key).filter { occurs($0, in: text) } }
    }

    /// The images (PNG, JPEG) embedded in an HTML report.
    static func embeddedImages(_ html: String) -> [[UInt8]] {
        html.components(separatedBy: ";base64,").dropFirst().compactMap { piece in
            let base64 = piece.prefix { $0 != "\"" && $0 != "'" && $0 != ")" }
            return Data(base64Encoded: String(base64)).map { [UInt8]($0) }
        }
    }

    /// What Tesseract's stock English model reads in an image, blown up `factor` times first (as a person would zoom).
    static func ocrText(_ image: [UInt8], scratch: String, factor: Int = 4) throws -> String {
        let decoded = try ImageDecoder(limits: DecodeLimits(minimumLongSide: 1, minimumShortSide: 1)).decode(bytes: image, name: "thumbnail")
        let page = decoded.raster
        var big = Raster(width: page.width * factor, height: page.height * factor)
        for y in 0..<big.height { for x in 0..<big.width { big[x, y] = page[x / factor, y / factor] } }
        let path = scratch + "/ocr-\(UUID().uuidString).png"
        try ImageEncoder.writePNG(big, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tesseract")
        process.arguments = [path, "stdout", "-l", "eng", "--psm", "11"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).uppercased()
    }

    /// Generated scans (TD1s, one with a long document number and optional data, TD3s, one with optional data;
    /// two of them forged, so that findings quote fields), the MRZ of one as a swipe reader's text file and of
    /// another with its date of birth's check digit changed (the finding then quotes the date), and a text file
    /// of personal notes named like a scan.
    static func makeArchive() throws -> (root: String, keys: [AnswerKey]) {
        let root = NSTemporaryDirectory() + "/docsentry-redact-" + UUID().uuidString
        let scans = root + "/scans"
        var keys: [AnswerKey] = []
        for (format, kept) in [("TD1", [4, 7]), ("TD3", [0, 4])] {
            let generated = try CLI.run(["generate", "--out", root + "/generated", "--count", "8", "--seed", "5202", "--format", format,
                                         "--forgery", "mixed", "--degrade", "none", "--dpi", "300", "--prefix", format])
            #expect(generated.status == 0, "\(generated.stderr)")
            try FileManager.default.createDirectory(atPath: scans, withIntermediateDirectories: true)
            for index in kept {
                let name = "\(format)-" + String(format: "%04d", index)
                keys.append(try AnswerKey.decode(Data(contentsOf: URL(fileURLWithPath: root + "/generated/\(name).json"))))
                try FileManager.default.moveItem(atPath: root + "/generated/\(name).png", toPath: scans + "/\(name).png")
            }
        }
        try FileManager.default.removeItem(atPath: root + "/generated")
        let swiped = try #require(keys.first { $0.mrzTextValid })
        try (swiped.mrzLines.joined(separator: "\n") + "\n").write(toFile: scans + "/swipe.txt", atomically: true, encoding: .utf8)
        try (alteredDateOfBirthCheckDigit(keys[0].mrzLines).joined(separator: "\n") + "\n")
            .write(toFile: scans + "/swipe-altered.txt", atomically: true, encoding: .utf8)
        let first = keys[0]
        let notes = "Notes of gate 4: \(first.fields.primaryIdentifier.joined(separator: " ")), number \(first.fields.documentNumber), "
            + "born \(first.fields.dateOfBirth); call back tomorrow.\n"
        try notes.write(toFile: scans + "/notes.png", atomically: true, encoding: .utf8)
        return (root, keys)
    }

    /// The lines with the date of birth's check digit changed: the check-digit finding then quotes the date.
    static func alteredDateOfBirthCheckDigit(_ lines: [String]) throws -> [String] {
        let document = MRZParser.parse(try MRZText(lines: lines))
        let field = try #require(document[.dateOfBirthCheckDigit])
        var line = Array(lines[field.line - 1])
        line[field.column - 1] = line[field.column - 1] == "0" ? "1" : "0"
        var altered = lines
        altered[field.line - 1] = String(line)
        return altered
    }

    @Test func noPersonalValueInAnyRedactedOutputImagesIncluded() throws {
        let (root, keys) = try Self.makeArchive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scans = root + "/scans"
        let files = try FileManager.default.contentsOfDirectory(atPath: scans).sorted().map { scans + "/" + $0 }
        let date = ["--reference-date", "2026-11-25"]
        var outputs: [(String, String)] = []
        func record(_ name: String, _ result: CLI.Result) {
            outputs.append(("\(name) stdout", result.stdout))
            outputs.append(("\(name) stderr", result.stderr))
        }

        record("check json", try CLI.run(["check", "--redact", "--format", "json"] + date + files))
        record("check text", try CLI.run(["check", "--redact", "--verbose"] + date + files))
        let altered = try Self.alteredDateOfBirthCheckDigit(keys[0].mrzLines)
        record("check - json", try CLI.run(["check", "-", "--redact", "--format", "json"] + date, stdin: altered.joined(separator: "\r\n")))
        record("check - text", try CLI.run(["check", "-", "--redact", "-v"] + date, stdin: altered.joined(separator: "\r\n")))
        record("check --mrz", try CLI.run(["check", "--redact", "--format", "json", "--mrz"] + altered + date))

        let debug = root + "/debug"
        let refused = try CLI.run(["check", "--redact", "--debug-dir", debug] + date + files)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--debug-dir"))
        #expect(!FileManager.default.fileExists(atPath: debug), "no debug image is written with --redact")
        record("check --debug-dir", refused)

        let audit = try CLI.run(["audit", scans, "--redact", "--jobs", "2", "--out", root + "/audit.jsonl", "--csv", root + "/audit.csv",
                                 "--html", root + "/audit.html"] + date)
        #expect(audit.status == 20, "\(audit.stderr)")
        record("audit", audit)
        let merge = try CLI.run(["audit", "merge", root + "/merged.jsonl", root + "/audit.jsonl", "--csv", root + "/merged.csv",
                                 "--html", root + "/merged.html"])
        record("audit merge", merge)
        for name in ["audit.jsonl", "audit.csv", "audit.html", "merged.jsonl", "merged.csv", "merged.html"] {
            outputs.append((name, try String(contentsOfFile: root + "/" + name, encoding: .utf8)))
        }
        #expect(try String(contentsOfFile: root + "/audit.jsonl", encoding: .utf8).contains("\"redacted\":true"))

        var images = 0
        for name in ["audit.html", "merged.html"] {
            for png in Self.embeddedImages(try String(contentsOfFile: root + "/" + name, encoding: .utf8)) {
                outputs.append(("\(name) image \(images) (OCR)", try Self.ocrText(png, scratch: root)))
                images += 1
            }
        }
        #expect(images > 0, "the HTML reports show the redacted scans")

        for (name, text) in outputs {
            let found = Self.leaks(in: text, keys: keys)
            #expect(found.isEmpty, "\(name) shows \(found)")
        }

        // The search can fail: without --redact the same audit's report shows names or numbers, OCR reads some back
        // from its thumbnails, and its error messages still quote nothing of the notes file.
        let plain = try CLI.run(["audit", scans, "--jobs", "2", "--html", root + "/plain.html"] + date)
        #expect(plain.stdout.contains("notes.png: not an image"), "\(plain.stdout)")
        let errorLine = plain.stdout.split(separator: "\n").first { $0.contains("notes.png") }.map(String.init) ?? ""
        #expect(Self.leaks(in: errorLine, keys: keys).isEmpty, "\(errorLine)")
        let check = try CLI.run(["check", scans + "/notes.png"])
        #expect(check.status == 65)
        #expect(Self.leaks(in: check.stderr, keys: keys).isEmpty, "\(check.stderr)")
        let html = try String(contentsOfFile: root + "/plain.html", encoding: .utf8)
        #expect(!Self.leaks(in: html, keys: keys).isEmpty)
        // The image search reads personal values where they are legible: in the scans themselves (the unredacted
        // report's 160-pixel thumbnails are already too small for it).
        var read: [String] = []
        for scan in try FileManager.default.contentsOfDirectory(atPath: scans).filter({ $0.hasSuffix(".png") && $0 != "notes.png" }) {
            read += Self.leaks(in: try Self.ocrText(Array(try Data(contentsOf: URL(fileURLWithPath: scans + "/" + scan))), scratch: root, factor: 1), keys: keys)
        }
        #expect(!read.isEmpty, "OCR of the scans reads some personal value")
    }
}
