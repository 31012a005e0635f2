import Foundation
import Testing

/// `docsentry explain` as a trainer runs it.
@Suite struct ExplainCommandTests {
    @Test func explainsTypedMRZOnTheTerminal() throws {
        var lines = td3
        lines[1] = lines[1].replacingOccurrences(of: "7408122", with: "7508122")
        let result = try CLI.run(["explain", "--mrz"] + lines + ["--reference-date", "2011-01-01"])
        #expect(result.status == 20)
        #expect(result.stdout.contains("Verdict: REJECT"))
        #expect(result.stdout.contains("TD3, a passport book"))
        #expect(result.stdout.contains("sum 125; 125 mod 10 = 5; printed 2: FAILS: 5 expected"))
        #expect(result.stdout.contains("[fail] mrz.check-digit.date-of-birth — Date of birth check digit"))
        #expect(result.stdout.contains("Rules/explanations/en.yaml:"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func explainsStandardInputAndAScanAsAPage() throws {
        let piped = try CLI.run(["explain", "-", "--reference-date", "2011-01-01"], stdin: td3.joined(separator: "\n") + "\n")
        #expect(piped.stdout.contains("DocSentry explains -") && piped.stdout.contains("specimen.issuer"))
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString).html").path
        let scan = try CLI.run(["explain", CLI.root + "/TestImages/generated/td2-composite-left-0000.png", "--reference-date", "2026-11-25",
                                "--format", "html", "--out", page])
        #expect(scan.status == 20, "\(scan.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg class=\"crop\"") && html.contains("mrz.check-digit.composite"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func badInvocationsAndInputs() throws {
        #expect(try CLI.run(["explain"]).status == 64)
        #expect(try CLI.run(["explain", "--format", "html", "a.png", "b.png"]).status == 64)
        let missing = try CLI.run(["explain", "/nonexistent/scan.png"])
        #expect(missing.status == 66 && missing.stderr.contains("/nonexistent/scan.png"))
        let bad = try CLI.run(["explain", "--mrz", "P<UTO", "x"])
        #expect(bad.status == 65 && bad.stderr.contains("mrz: "))
    }
}
