/// One of N stable parts of an audit's inputs, so that N machines (a Kubernetes Indexed Job, a Slurm job
/// array) can split an archive without talking to each other.
///
/// A document belongs to shard `hash(relative path) mod N`, where the hash is 64-bit FNV-1a over the path's
/// UTF-8 bytes: the same on every machine, in every process and every release (unlike Swift's `Hasher`, which
/// is seeded per process). The relative path is taken below the folder given on the command line, so machines
/// that mount the archive in different places still agree.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 0-based: 0 ..< count.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(AuditError) {
        guard count >= 1, (0..<count).contains(index) else { throw .badShard(text: "\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, e.g. `0/4`.
    public init(parsing text: String) throws(AuditError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
              (0..<count).contains(index) else { throw .badShard(text: text) }
        self.index = index
        self.count = count
    }

    public func contains(relativePath: String) -> Bool {
        Int(Self.fnv1a(relativePath) % UInt64(count)) == index
    }

    public var description: String { "\(index)/\(count)" }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
