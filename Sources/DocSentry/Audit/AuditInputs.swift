import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One document an audit will inspect.
public struct AuditDocument: Sendable, Equatable {
    /// The path as the audit names it in its records: the root as given on the command line, then the path
    /// below it (`scans/2024/0001.png`). With `--resume` and `audit merge`, records are matched by it and by
    /// the SHA-256 of the bytes.
    public let file: String
    /// The path below the root (`2024/0001.png`): what `--include`/`--exclude` and `--shard` look at.
    public let relativePath: String
    public let kind: DocumentKind

    public init(file: String, relativePath: String, kind: DocumentKind) {
        self.file = file
        self.relativePath = relativePath
        self.kind = kind
    }
}

/// The documents of an audit, in a stable order, and what was left out.
public struct AuditPlan: Sendable, Equatable {
    public var documents: [AuditDocument] = []
    /// Files that are neither a scan nor MRZ text (counted, not errors).
    public var skipped = 0
    /// Files left out by `--include`/`--exclude`.
    public var filteredOut = 0
    /// Files that belong to other shards.
    public var otherShards = 0

    public init() {}

    /// Collects the documents below `roots` (folders, walked recursively, or single files).
    ///
    /// Folders are walked without following symbolic links to folders (no cycles); symbolic links to files are
    /// taken. Only regular files are read (a FIFO would block). Within a root the documents are sorted by the
    /// bytes of their relative path, so every run and every machine sees the same order; roots keep the order
    /// given. Files given directly are taken whatever the patterns say; `shard` applies to everything.
    ///
    /// - Throws: `AuditError.inputMissing` for a root that does not exist, `.folderUnreadable` for a folder
    ///   that cannot be listed.
    public static func collect(roots: [String], filter: PathFilter = PathFilter(), shard: Shard? = nil) throws(AuditError) -> AuditPlan {
        var plan = AuditPlan()
        var seen = Set<String>()
        for root in roots {
            let base = normalized(root)
            var info = stat()
            guard stat(base, &info) == 0 else { throw .inputMissing(path: root) }
            var candidates: [(file: String, relative: String)] = []
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var relatives: [String] = []
                try walk(folder: base, relative: "", into: &relatives, skipped: &plan.skipped)
                relatives.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for relative in relatives {
                    guard filter.accepts(relative) else { plan.filteredOut += 1; continue }
                    candidates.append((join(base, relative), relative))
                }
            } else {
                candidates.append((base, (base as NSString).lastPathComponent))
            }
            for candidate in candidates {
                if let shard, !shard.contains(relativePath: candidate.relative) { plan.otherShards += 1; continue }
                guard seen.insert(candidate.file).inserted else { continue }
                guard let kind = DocumentKind.of(fileAt: candidate.file) else { plan.skipped += 1; continue }
                plan.documents.append(AuditDocument(file: candidate.file, relativePath: candidate.relative, kind: kind))
            }
        }
        return plan
    }

    /// Appends the regular files (and links to files) below `folder`, as paths relative to the root.
    private static func walk(folder: String, relative: String, into files: inout [String], skipped: inout Int) throws(AuditError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .folderUnreadable(path: folder, reason: (error as NSError).localizedDescription)
        }
        for name in names {
            let path = join(folder, name)
            let child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { skipped += 1; continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(folder: path, relative: child, into: &files, skipped: &skipped)
            case S_IFREG:
                files.append(child)
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG { files.append(child) } else { skipped += 1 }
            default:
                skipped += 1
            }
        }
    }

    /// The root as given, without trailing slashes (`scans/` is `scans`); `.` names files by their relative path.
    static func normalized(_ root: String) -> String {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root
    }

    static func join(_ base: String, _ relative: String) -> String {
        if base == "." { return relative }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }
}
