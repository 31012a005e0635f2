import Foundation
import Testing

/// Runs the built `docsentry` executable as a user would.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let executable: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("docsentry")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return runner.deletingLastPathComponent().appendingPathComponent("docsentry")
    }()

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = ProcessInfo.processInfo.environment
        env["DOCSENTRY_RULES"] = root + "/Rules"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        input.fileHandleForWriting.closeFile()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]

@Suite struct CheckCommandTests {
    /// A debug folder that cannot be written is said, per image, on standard error; the check itself goes on.
    @Test func anUnwritableDebugFolderIsReportedAndTheCheckGoesOn() throws {
        // A regular file where the folder should be: neither the folder nor the images under it can be made.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("docsentry-debug-\(UUID().uuidString)")
        try Data("not a folder".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let scan = CLI.root + "/TestImages/generated/td3-genuine-0000.png"
        let result = try CLI.run(["check", scan, "--debug-dir", blocker.path, "--reference-date", "2026-11-25"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("PASS"))
        #expect(result.stderr.contains("\(blocker.path)/td3-genuine-0000.crop.png: cannot write the debug image"))
    }

    @Test func utopiaSpecimenIsRejectedAsSpecimenWithValidCheckDigits() throws {
        let result = try CLI.run(["check", "--mrz"] + td3 + ["--reference-date", "2011-01-01", "--format", "json"])
        #expect(result.status == 20)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["verdict"] as? String == "reject")
        #expect(object["schema_version"] as? Int == 1)
        #expect((object["mrz"] as? [String]) == td3)
        for key in ["file", "document", "findings", "timings_ms", "checks"] { #expect(object[key] != nil, "\(key)") }
        let findings = object["findings"] as! [[String: Any]]
        #expect(findings.contains { $0["rule"] as? String == "specimen.document-number" })
        let checks = object["checks"] as! [[String: Any]]
        #expect(checks.filter { ($0["rule"] as! String).hasPrefix("mrz.check-digit.") }.allSatisfy { $0["status"] as? String == "passed" })
    }

    @Test func alteredDateOfBirthNamesItsCheckDigit() throws {
        let altered = [td3[0], td3[1].replacingOccurrences(of: "7408122", with: "7409122")]
        let result = try CLI.run(["check", "--mrz"] + altered + ["--reference-date", "2011-01-01"], environment: ["NO_COLOR": "1"])
        #expect(result.status == 20)
        #expect(result.stdout.contains("REJECT"))
        #expect(result.stdout.contains("mrz.check-digit.date-of-birth"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test func swipeReaderOnStandardInput() throws {
        let result = try CLI.run(["check", "-", "--reference-date", "2011-01-01", "--mode", "training", "--format", "json"],
                                 stdin: "  \(td3[0])\r\n\(td3[1]) \r\n\r\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"verdict\":\"pass\""))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func badMRZTextIsAOneLineErrorWithItsOwnExitCode() throws {
        let lowercase = try CLI.run(["check", "--mrz", td3[0].lowercased(), td3[1]])
        #expect(lowercase.status == 65)
        #expect(lowercase.stderr == "docsentry: mrz: line 1, column 1: lowercase 'p' is not an MRZ character (the MRZ is upper case: A-Z, 0-9 and <)\n")
        let long = try CLI.run(["check", "--mrz", td3[0], td3[1] + "<"])
        #expect(long.status == 65)
        #expect(long.stderr.contains("line 2 has 45 characters: a TD3 MRZ has 2 lines of 44"))
    }

    @Test func severalInputsGiveJSONLinesAndTheOthersStillRun() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mrz-\(UUID().uuidString).txt")
        try (td3.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "/nonexistent.txt", file.path, "--format", "json", "--reference-date", "2011-01-01"])
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("/nonexistent.txt: no such file"))
        #expect(result.status == 20)
    }

    @Test func redactMasksNames() throws {
        let result = try CLI.run(["check", "--mrz"] + td3 + ["--redact", "--format", "json"])
        #expect(!result.stdout.contains("ERIKSSON"))
        #expect(result.stdout.contains("\"redacted\":true"))
    }

    @Test func usageErrors() throws {
        #expect(try CLI.run(["check"]).status == 64)
        #expect(try CLI.run(["check", "--mrz"] + td3 + ["--reference-date", "2026-02-30"]).status == 64)
        #expect(try CLI.run(["check", "--mrz"] + td3 + ["--rules", "/nonexistent"]).status == 78)
    }
}

@Suite struct RulesLintTests {
    @Test func bundledRulesAreClean() throws {
        let result = try CLI.run(["rules", "lint", CLI.root + "/Rules"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("OK"))
    }

    @Test func typoFailsWithFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: CLI.root + "/Rules", toPath: folder.path)
        let policy = folder.appendingPathComponent("policy.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8).replacingOccurrences(of: "default_maximum_validity_years", with: "default_maximum_valdity_years")
        try text.write(to: policy, atomically: true, encoding: .utf8)
        let result = try CLI.run(["rules", "lint", folder.path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("policy.yaml:"))
        #expect(result.stderr.contains("unknown key 'default_maximum_valdity_years'"))
        #expect(try CLI.run(["check", "--mrz"] + td3 + ["--rules", folder.path]).status == 78)
    }
}
