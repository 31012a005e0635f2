import ArgumentParser
import DocSentry
import Foundation

/// `docsentry generate-lines`: synthetic MRZ line images with their text, the training data of the MRZ model.
struct GenerateLines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-lines",
        abstract: "Render synthetic MRZ text lines in OCR-B (training data for the MRZ recogniser).",
        discussion: """
            Writes NNNNNN.png (8-bit grey) and NNNNNN.gt.txt (the line's text, the 37 MRZ characters) for \
            line numbers START to START+COUNT-1. A line depends only on the seed and its number, so a set can be \
            rendered in parts, in any order, and regenerated exactly.
            """)

    @Option(help: "Folder to write into (created if missing).")
    var out: String

    @Option(help: "Number of lines.")
    var count: Int

    @Option(help: "Seed of the set.")
    var seed: UInt64 = 1

    @Option(help: "Look of the lines: scan (as DocSentry's locator crops them) or photo (photographed print, cut, scaled and binarised).")
    var style: TrainingLines.Style = .scan

    @Option(help: "Number of the first line.")
    var start: Int = 0

    @Flag(help: "Print how each line was made.")
    var verbose = false

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        guard start >= 0, start + count <= 1_000_000 else { throw ValidationError("line numbers go from 0 to 999999") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in start..<(start + count) {
            let line = TrainingLines.render(seed: seed, index: index, style: style)
            guard let png = TrainingLines.png(line.image) else {
                throw ValidationError("line \(index): PNG encoding failed")
            }
            let name = String(format: "%06d", index)
            if verbose { print(name, line.recipe) }
            try Data(png).write(to: folder.appendingPathComponent(name + ".png"))
            try Data((line.text + "\n").utf8).write(to: folder.appendingPathComponent(name + ".gt.txt"))
        }
    }
}

extension TrainingLines.Style: ExpressibleByArgument {}
