import Foundation
import Testing

/// `docsentry quiz` driven through a pseudo-terminal (python3's pexpect), as a trainee at a terminal uses it.
@Suite struct QuizCommandTests {
    /// Runs `script` (Python, with pexpect) with `arguments`; its standard output is JSON.
    static func python(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DOCSENTRY_RULES"] = CLI.root + "/Rules"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let result = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(result, "the pexpect driver failed: \(problems.suffix(2000))")
    }

    static let driver = """
    import json, sys, pexpect
    binary, folder, plan = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    env = dict(__import__("os").environ, TERM="xterm-kitty", NO_COLOR="1")
    child = pexpect.spawn(binary, ["quiz", folder], env=env, encoding="utf-8", timeout=300, dimensions=(50, 110))
    out = {"exercises": []}
    for p in plan:
        child.expect(r"Exercise %d of %d: " % (p["n"], len(plan)))
        child.expect(r"Verdict\\? 1 pass")
        image = "\\x1b_Ga=T,f=100" in child.before
        child.sendline(p["verdict"])
        child.expect("> ")
        child.sendline(p["field"])
        right = child.expect([r"Right: ", r"Not quite\\."]) == 0
        child.expect(r"Score (\\d+) of (\\d+) \\(")
        out["exercises"].append({"n": p["n"], "image": image, "right": right, "text": child.before, "score": int(child.match.group(1))})
        if p["n"] < len(plan):
            child.expect("Enter for the next exercise: ")
            child.sendline("")
    child.expect(r"Score (\\d+) of (\\d+) \\(verdicts (\\d+) of \\d+, fields (\\d+) of \\d+\\)")
    out["final"] = [int(child.match.group(i)) for i in range(1, 5)]
    child.expect(pexpect.EOF)
    child.close()
    out["status"] = child.exitstatus
    print(json.dumps(out))
    """

    /// Every exercise of the shared pack answered, the odd ones with the wrong verdict (and a wrong field where
    /// one betrays the document): the score, the feedback, the explanations, and the pictures shown inline on a
    /// terminal that says it is kitty.
    @Test func aTraineeTakesTheQuizAtATerminal() throws {
        let pack = try CoursePackFixture.pack.get()
        var plan: [[String: Any]] = []
        var verdictsRight = 0, fieldsRight = 0
        for exercise in pack.exercises {
            let number = exercise["number"] as! Int
            let verdict = exercise["verdict"] as! String
            let fields = exercise["field_ids"] as? [String] ?? []
            let wrong = number % 2 == 1
            // Right answers name the field by its name (Enter for a document that passes); wrong ones give the
            // wrong verdict and the character at line 1, column 3: the issuing state.
            let field = wrong ? "1:3" : fields.first ?? ""
            plan.append(["n": number, "verdict": wrong ? (verdict == "pass" ? "3" : "pass") : verdict, "field": field])
            if !wrong { verdictsRight += 1 }
            if !wrong || fields.contains("issuing_state") { fieldsRight += 1 }
        }
        let result = try Self.python(Self.driver, [CLI.executable.path, pack.folder,
                                                   String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)])
        let answered = try #require(result["exercises"] as? [[String: Any]])
        #expect(answered.count == pack.exercises.count)
        for (entry, exercise) in zip(answered, pack.exercises) {
            let number = entry["n"] as! Int
            let text = entry["text"] as? String ?? ""
            #expect(entry["image"] as? Bool == true, "exercise \(number): no inline picture for a kitty terminal")
            if number % 2 == 1 {
                #expect(entry["right"] as? Bool == false)
                #expect(text.contains("the answer is \((exercise["verdict"] as! String).uppercased())"), "\(number): \(text.prefix(300))")
                #expect(text.contains("Here is how DocSentry explains it"))
                for rule in exercise["rules"] as? [String] ?? [] { #expect(text.contains(rule), "exercise \(number): \(rule) not explained") }
            } else {
                #expect(entry["right"] as? Bool == true, "\(number): \(text.prefix(300))")
            }
        }
        let total = pack.exercises.count
        #expect(result["final"] as? [Int] == [verdictsRight + fieldsRight, 2 * total, verdictsRight, fieldsRight])
        #expect(result["status"] as? Int == 0)
    }

    /// Ctrl-D at a question ends the quiz with the score so far; exit status 0.
    @Test func endOfInputEndsTheQuizWithTheScoreSoFar() throws {
        let pack = try CoursePackFixture.pack.get()
        let script = """
        import json, sys, pexpect
        child = pexpect.spawn(sys.argv[1], ["quiz", sys.argv[2], "--images", "none"], encoding="utf-8", timeout=300)
        child.expect(r"Verdict\\? ")
        child.sendeof()
        child.expect(r"Score (\\d+) of (\\d+) \\(verdicts 0 of \\d+, fields 0 of \\d+\\); (\\d+) not answered")
        result = {"not_answered": int(child.match.group(3)), "total": int(child.match.group(2))}
        child.expect(pexpect.EOF)
        child.close()
        result["status"] = child.exitstatus
        print(json.dumps(result))
        """
        let result = try Self.python(script, [CLI.executable.path, pack.folder])
        #expect(result["not_answered"] as? Int == pack.exercises.count)
        #expect(result["total"] as? Int == 2 * pack.exercises.count)
        #expect(result["status"] as? Int == 0)
    }

    @Test func aFolderThatIsNoCoursePack() throws {
        let result = try CLI.run(["quiz", CLI.root + "/TestImages/generated"])
        #expect(result.status == 66 && result.stderr.contains("not a course pack"))
    }
}
