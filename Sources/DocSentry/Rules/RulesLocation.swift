import Foundation

/// Finds the rules folder that ships with DocSentry when none is given.
public enum RulesLocation {
    /// The running program's real path (`/proc/self/exe`), so that a `docsentry` started through `$PATH` or a
    /// symbolic link still finds the folders beside its build; `argv[0]` when that is unavailable.
    public static var runningExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    /// `$DOCSENTRY_RULES`, else a `Rules` folder beside the executable or in one of its parent folders (a
    /// build inside the repository finds the repository's `Rules/`), else `./Rules`.
    public static func bundled(executablePath: String = RulesLocation.runningExecutable) -> String {
        if let configured = ProcessInfo.processInfo.environment["DOCSENTRY_RULES"], !configured.isEmpty {
            return configured
        }
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = folder.appendingPathComponent("Rules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("policy.yaml").path) {
                return candidate.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return "Rules"
    }
}
