import Foundation

/// Finds the rules folder that ships with DocSentry when none is given.
public enum RulesLocation {
    /// `$DOCSENTRY_RULES`, else a `Rules` folder beside the executable or in one of its parent folders (a
    /// build inside the repository finds the repository's `Rules/`), else `./Rules`.
    public static func bundled(executablePath: String = CommandLine.arguments.first ?? "") -> String {
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
