import DocSentry
import Foundation

/// The rules loader (`RuleSet.load`) on a folder whose one file is the input and whose others are the
/// repository's `Rules/`: the first byte picks which file (`RuleSet.fileNames`: the six YAML files and
/// lost-stolen.csv), the rest is its content. A folder that loads then judges the ICAO specimens of
/// `TestImages/mrz/` (in one mode, picked by the input's length), so that what the file says (patterns, severities, lists) is used, not only read.
///
/// Checked besides not crashing: a refused folder says what is wrong in one line per problem, each naming a file.
enum RulesTarget {
    static let target = FuzzTarget(name: "rules", summary: "RuleSet.load with one rules file from the input") { bytes in
        var input = FuzzBytes(bytes)
        let index = input.below(RuleSet.fileNames.count)
        let name = RuleSet.fileNames[index]
        let folder = folders[index]
        let content = Data(bytes.dropFirst())
        do {
            try content.write(to: URL(fileURLWithPath: folder + "/" + name))
        } catch {
            fatalError("docsentry-fuzz: cannot write \(folder)/\(name): \(error)")
        }
        do throws(RulesErrors) {
            let ruleSet = try RuleSet.load(directory: folder)
            let mode = Mode.allCases[bytes.count % Mode.allCases.count]
            let inspector = Inspector(ruleSet: ruleSet, mode: mode, referenceDate: Shared.referenceDate)
            for specimen in specimens {
                _ = TextRenderer(color: false, verbose: true).render(inspector.inspect(specimen, file: "specimen"))
            }
        } catch {
            expect(!error.errors.isEmpty, "RuleSet.load threw no problem")
            for problem in error.errors {
                expect(problem.description.hasPrefix(folder), "problem does not name its file: \(problem)")
                expect(!problem.description.contains("\n"), "problem is not one line: \(problem)")
            }
        }
        return true
    }

    /// One folder per rules file, each a copy of the repository's `Rules/`, in a fresh temporary folder.
    static let folders: [String] = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docsentry-fuzz-rules-\(getpid())").path
        return RuleSet.fileNames.indices.map { index in
            let folder = "\(root)/\(index)"
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for name in RuleSet.fileNames {
                    let target = folder + "/" + name
                    if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
                    try FileManager.default.copyItem(atPath: repositoryRoot + "/Rules/" + name, toPath: target)
                }
            } catch {
                fatalError("docsentry-fuzz: cannot copy Rules/ to \(folder): \(error)")
            }
            return folder
        }
    }()

    /// The ICAO Doc 9303 specimens' MRZ text.
    static let specimens: [MRZText] = {
        let folder = repositoryRoot + "/TestImages/mrz"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("icao-") && $0.hasSuffix(".txt") }.sorted()
        return names.compactMap { name in
            (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)).flatMap { try? MRZText(reading: $0) }
        }
    }()
}
