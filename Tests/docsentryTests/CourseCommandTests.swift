import Foundation
import Testing

/// One course pack made by the built tool, shared by the tests that hand it to a browser and a terminal.
enum CoursePackFixture {
    struct Pack: Sendable {
        let folder: String
        let result: CLI.Result
        /// `trainer/answer-key.json`.
        let keyData: Data
        var key: [String: Any] { (try? JSONSerialization.jsonObject(with: keyData)) as? [String: Any] ?? [:] }
        var exercises: [[String: Any]] { key["exercises"] as? [[String: Any]] ?? [] }
    }

    static let pack: Result<Pack, Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID().uuidString)").path
        let result = try CLI.run(["course", "--out", folder, "--count", "5", "--seed", "40401", "--difficulty", "easy"])
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/trainer/answer-key.json"))
        return Pack(folder: folder, result: result, keyData: data)
    }

    /// Runs a program found on the PATH; nil when it is not installed.
    static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

@Suite struct CourseCommandTests {
    /// The pack's layout: the trainees' material holds no answer file, the trainer's key is apart, the page loads
    /// nothing from outside itself, and every exercise is judged by DocSentry as the key says.
    @Test func aPackKeepsTheAnswersApartAndDocSentryAgreesWithIt() throws {
        let pack = try CoursePackFixture.pack.get()
        #expect(pack.result.status == 0, "\(pack.result.stderr)")
        #expect(pack.result.stdout.contains("wrote a course pack to \(pack.folder): 5 exercises"))
        let files = FileManager.default
        #expect(Set(try files.contentsOfDirectory(atPath: pack.folder)) == ["index.html", "README.txt", "course.json", "exercises", "trainer"])
        let images = try files.contentsOfDirectory(atPath: pack.folder + "/exercises").sorted()
        #expect(images == ["01.png", "02.png", "03.png", "04.png", "05.png"])
        #expect(Set(try files.contentsOfDirectory(atPath: pack.folder + "/trainer")) == ["answer-key.json", "answer-key.html"])

        let page = try String(contentsOfFile: pack.folder + "/index.html", encoding: .utf8)
        #expect(page.contains("Content-Security-Policy") && page.contains("default-src 'none'"))
        #expect(!page.contains("http://") && !page.contains("https://"))
        let sources = page.components(separatedBy: " src=\"").dropFirst()
        #expect(sources.count == 5 && sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
        // The answers are not in the page as text.
        #expect(!page.contains("\"verdict\""))

        let exercises = pack.exercises
        #expect(exercises.count == 5)
        let checked = try CLI.run(["check", "--format", "json", "--reference-date", "2026-11-25"] + images.map { pack.folder + "/exercises/" + $0 })
        let reports = checked.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(reports.count == 5)
        for (exercise, report) in zip(exercises, reports) {
            #expect(exercise["verdict"] as? String == report["verdict"] as? String)
            let forged = !(exercise["forgeries"] as? [Any] ?? []).isEmpty
            #expect(!forged || exercise["verdict"] as? String != "pass", "a forgery DocSentry lets pass was shipped")
        }
    }

    /// A trainee's session in headless Chromium: every exercise answered through the page's own controls, some
    /// wrong on purpose; the score, the feedback and the explanations checked, and no request leaves the page.
    @Test func aTraineeAnswersEveryExerciseInTheBrowser() throws {
        let pack = try CoursePackFixture.pack.get()
        let chromium = try #require(CoursePackFixture.which("chromium") ?? CoursePackFixture.which("chromium-browser"),
                                    "headless Chromium is needed: make setup installs Debian's chromium package")
        // Even exercises answered right, odd ones with the wrong verdict but the right field.
        var plan: [[String: Any]] = []
        var expectedScore = 0
        for exercise in pack.exercises {
            let number = exercise["number"] as! Int
            let verdict = exercise["verdict"] as! String
            let field = (exercise["field_ids"] as? [String])?.first ?? ""
            let wrong = number % 2 == 1
            let answer = wrong ? (verdict == "pass" ? "reject" : "pass") : verdict
            // A pass answered "reject" with no field gets the field point only if the document passes: it does.
            expectedScore += wrong ? 1 : 2
            plan.append(["n": number, "verdict": answer, "field": field])
        }
        let driver = """
        <script>
        var violations = [];
        document.addEventListener("securitypolicyviolation", function(e){ violations.push(e.blockedURI); });
        window.addEventListener("load", function(){
          var plan = \(String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self));
          var out = {exercises: []};
          document.getElementById("trainee").value = "Test Trainee";
          document.querySelector("nav [data-show='1']").click();
          plan.forEach(function(p){
            var section = document.getElementById("page-" + p.n);
            var shown = section.classList.contains("current");
            section.querySelector("input[name=verdict-" + p.n + "][value=" + p.verdict + "]").click();
            section.querySelector("select").value = p.field;
            section.querySelector("button.check").click();
            out.exercises.push({n: p.n, shown: shown, feedback: section.querySelector(".feedback").textContent,
                                explain: section.querySelector(".explain").innerHTML, score: document.getElementById("scoreline").textContent});
            section.querySelector("button.next").click();
          });
          out.resultsShown = document.getElementById("page-results").classList.contains("current");
          out.finalscore = (document.getElementById("finalscore") || {}).textContent;
          out.mistakes = Array.prototype.map.call(document.querySelectorAll("details.mistake"), function(d){ return Number(d.getAttribute("data-n")); });
          setTimeout(function(){
            out.resources = performance.getEntriesByType("resource").map(function(e){ return e.name; });
            out.violations = violations;
            var pre = document.createElement("pre");
            pre.id = "driver-result";
            pre.textContent = JSON.stringify(out);
            document.body.appendChild(pre);
          }, 300);
        });
        </script>
        """
        let page = try String(contentsOfFile: pack.folder + "/index.html", encoding: .utf8)
        let driven = FileManager.default.temporaryDirectory.appendingPathComponent("course-driven-\(UUID().uuidString).html")
        try page.replacingOccurrences(of: "</head>", with: driver + "</head>").write(to: driven, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // Networking is cut off besides (no proxy that answers, no name that resolves), so nothing could load.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                             "--virtual-time-budget=10000", "--dump-dom", driven.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let start = try #require(dom.range(of: "<pre id=\"driver-result\">"), "the driver did not finish: \(dom.prefix(300))")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

        let answered = try #require(result["exercises"] as? [[String: Any]])
        #expect(answered.count == pack.exercises.count)
        for (entry, exercise) in zip(answered, pack.exercises) {
            let number = entry["n"] as! Int
            let feedback = entry["feedback"] as? String ?? ""
            let explain = entry["explain"] as? String ?? ""
            let verdict = (exercise["verdict"] as! String).uppercased()
            #expect(entry["shown"] as? Bool == true, "exercise \(number) was not on screen when answered")
            if number % 2 == 1 {
                #expect(feedback.hasPrefix("Not quite.") && feedback.contains("the answer is \(verdict)"), "\(number): \(feedback)")
                #expect(explain.contains("How DocSentry explains it") && explain.contains("<span class=\"label\">\(verdict)</span>"))
                for rule in exercise["rules"] as? [String] ?? [] {
                    #expect(explain.contains(rule), "exercise \(number): the explanation does not show \(rule)")
                }
            } else {
                #expect(feedback.hasPrefix("Right: \(verdict)."), "\(number): \(feedback)")
                #expect(explain.contains("See how DocSentry explains it"))
            }
        }
        let total = 2 * pack.exercises.count
        #expect(answered.last?["score"] as? String == "Score \(expectedScore) of \(total) after \(pack.exercises.count) of \(pack.exercises.count)")
        #expect(result["resultsShown"] as? Bool == true)
        #expect(result["finalscore"] as? String == "Test Trainee: \(expectedScore) of \(total) points")
        #expect(result["mistakes"] as? [Int] == pack.exercises.compactMap { $0["number"] as? Int }.filter { $0 % 2 == 1 })
        #expect((result["resources"] as? [String] ?? ["?"]).allSatisfy { $0.hasPrefix("data:") }, "the page requested \(result["resources"] ?? "")")
        #expect((result["violations"] as? [String])?.isEmpty == true, "the page tried to load \(result["violations"] ?? "")")
    }

    @Test func badInvocations() throws {
        let pack = try CoursePackFixture.pack.get()
        let again = try CLI.run(["course", "--out", pack.folder, "--count", "1", "--seed", "1"])
        #expect(again.status == 64 && again.stderr.contains("not empty"), "status \(again.status): \(again.stderr)")
        #expect(try CLI.run(["course", "--out", "/tmp/x", "--difficulty", "extreme"]).status == 64)
        #expect(try CLI.run(["course", "--out", "/tmp/x", "--forgeries", "bribery"]).status == 64)
        #expect(try CLI.run(["course", "--out", "/tmp/x", "--formats", "MRVA", "--forgeries", "check_digit_recomputed_composite_left"]).status == 64)
    }
}
