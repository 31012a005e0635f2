import Foundation
import Testing

/// The visual-zone comparison from the command line, on the generated TD1 whose visual zone prints another surname
/// than its (consistent) MRZ: `--redact` masks what the visual zone prints as well as the MRZ's value, and
/// `--no-viz` reads the MRZ alone.
@Suite struct VisualZoneCommandTests {
    static let scan = CLI.root + "/TestImages/generated/td1-viz-mismatch-0000.png"
    static let date = ["--reference-date", "2026-11-25"]

    static func report(_ result: CLI.Result) throws -> [String: Any] {
        let line = try #require(result.stdout.split(separator: "\n").first, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func rules(_ report: [String: Any], _ key: String) -> [String] {
        ((report[key] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
    }

    @Test func redactedTheVisualZonesValueIsMaskedToo() throws {
        let result = try CLI.run(["check", "--redact", "--format", "json", Self.scan] + Self.date)
        let report = try Self.report(result)
        #expect(report["verdict"] as? String == "reject")
        #expect(Self.rules(report, "findings").contains("viz.mismatch.name"))
        // The surname the visual zone prints (NAKAMURA) and the MRZ's (TAMM), and the given name.
        for value in ["NAKAMURA", "TAMM", "LIESBETH"] {
            #expect(!result.stdout.contains(value), "\(value) in \(result.stdout)")
        }
        let text = try CLI.run(["check", "--redact", "--verbose", Self.scan] + Self.date)
        #expect(text.stdout.contains("viz.mismatch.name"))
        #expect(!text.stdout.contains("NAKAMURA") && !text.stdout.contains("TAMM"), "\(text.stdout)")
    }

    @Test func withoutTheVisualZoneTheConsistentMRZPasses() throws {
        let report = try Self.report(try CLI.run(["check", "--no-viz", "--format", "json", Self.scan] + Self.date))
        #expect(report["verdict"] as? String == "pass")
        #expect(!(Self.rules(report, "findings") + Self.rules(report, "checks")).contains { $0.hasPrefix("viz.") })
        #expect((report["timings_ms"] as? [String: Double])?["viz"] == nil)
    }
}
