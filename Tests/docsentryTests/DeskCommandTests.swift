import Foundation
import Testing

/// The desk: `check --stream` answering a swipe reader document by document, `check` on a folder, shell completion.
@Suite struct DeskCommandTests {
    /// Everything a pipe has delivered so far.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

        /// Waits until `predicate` holds for the text, at most `seconds`.
        func wait(seconds: Double, until predicate: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if predicate(text) { return true }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return predicate(text)
        }
    }

    static let td1 = ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"]

    /// Documents fed one at a time through a pipe that stays open: each answer arrives before the next document
    /// is sent, long before the end of the input.
    @Test func eachDocumentIsAnsweredAsSoonAsItsLastLineArrives() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["check", "--stream", "--format", "json", "--reference-date", "2015-06-01"]
        var environment = ProcessInfo.processInfo.environment
        environment["DOCSENTRY_RULES"] = CLI.root + "/Rules"
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let stdout = Collected(), stderr = Collected()
        output.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        try process.run()
        func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }
        func answers(_ text: String) -> Int { text.split(separator: "\n").count }

        send(td3[0] + "\r\n")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(answers(stdout.text) == 0, "one line of two is no document yet")
        send(td3[1] + "\r\n")
        #expect(stdout.wait(seconds: 60) { answers($0) == 1 }, "the first document is answered while the input stays open")
        #expect(stdout.text.contains("\"file\":\"-:1\""))

        Thread.sleep(forTimeInterval: 0.3)
        send(Self.td1.joined(separator: "\r") + "\r")          // a reader that ends lines with CR alone
        #expect(stdout.wait(seconds: 60) { answers($0) == 2 }, "the second document is answered before the input ends")
        #expect(stdout.text.contains("\"file\":\"-:3\""))

        send("MUSTER\n" + td3[0] + "\n")                    // a misread line, then half a document
        #expect(stderr.wait(seconds: 60) { $0.contains("line 6 has 6 characters") })
        #expect(!stderr.text.contains("MUSTER"), "the error names the line, not its characters")
        input.fileHandleForWriting.closeFile()
        process.waitUntilExit()
        #expect(stderr.wait(seconds: 10) { $0.contains("line 7: 1 of the 2 lines of 44 characters an MRZ needs, then the input ended") })
        #expect(answers(stdout.text) == 2)
        #expect(!stderr.text.contains(">"), "no prompt when standard input is not a terminal: \(stderr.text)")
        #expect(process.terminationStatus == 20, "the weightiest verdict (the UTO specimen: reject)")
        let verdicts = try stdout.text.split(separator: "\n").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["verdict"] as? String
        }
        #expect(verdicts == ["reject", "reject"])
    }

    @Test func streamTakesNoOtherInput() throws {
        let result = try CLI.run(["check", "--stream", "x.png"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--stream reads standard input only"))
    }

    @Test func aFolderPointsToAudit() throws {
        let folder = CLI.root + "/TestImages/generated"
        let result = try CLI.run(["check", folder, "--mrz"] + td3 + ["--reference-date", "2011-01-01"])
        #expect(result.stderr == "docsentry: \(folder): is a folder: `docsentry audit \(folder)` checks every scan and MRZ text file in it\n")
        #expect(result.stdout.contains("mrz: REJECT"), "the other inputs are still checked")
        #expect(result.status == 20)
        #expect(try CLI.run(["check", folder]).status == 64)
    }

    @Test func shellCompletionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try CLI.run(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("docsentry"), "\(shell)")
            #expect(result.stdout.contains("reference-date"), "\(shell)")
        }
    }
}
