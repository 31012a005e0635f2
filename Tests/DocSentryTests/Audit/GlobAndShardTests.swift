import DocSentry
import Testing

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("*.png", "a.png", true), ("*.png", "2024/05/a.png", true), ("*.png", "a.png.txt", false),
        ("*.PNG", "a.png", false), ("scan-??.jpg", "x/scan-01.jpg", true), ("scan-??.jpg", "scan-1.jpg", false),
        ("2024/*.png", "2024/a.png", true), ("2024/*.png", "2024/05/a.png", false),
        ("2024/**/*.png", "2024/a.png", true), ("2024/**/*.png", "2024/05/06/a.png", true),
        ("2024/**/*.png", "2023/05/a.png", false), ("**/rejected/*", "a/b/rejected/x.jpg", true),
        ("**/rejected/*", "rejected/x.jpg", true), ("rejected/**", "rejected/a/b/c.tif", true),
        ("rejected/**", "rejectedx/a.tif", false), ("[ab]*.tif", "b1.tif", true), ("[!ab]*.tif", "b1.tif", false),
        ("[a-c]?.gif", "c9.gif", true), ("[a-c]?.gif", "d9.gif", false), ("\\*.png", "*.png", true),
        ("\\*.png", "a.png", false), ("[unclosed", "[unclosed", true), ("./2024/*.png", "2024/a.png", true),
        ("*/*", "a/b", true), ("*/*", "a/b/c", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    @Test func filterTakesIncludesThenDropsExcludes() {
        let filter = PathFilter(include: ["*.png", "*.jpg"], exclude: ["old/**"])
        #expect(filter.accepts("a.png"))
        #expect(filter.accepts("x/y.jpg"))
        #expect(!filter.accepts("old/a.png"))
        #expect(!filter.accepts("a.tif"))
        #expect(PathFilter().accepts("anything/at/all"))
    }
}

@Suite struct ShardTests {
    @Test func fnv1aKnownValues() {
        #expect(Shard.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.fnv1a("foobar") == 0x85944171f73967e8)
    }

    @Test func everyPathIsInExactlyOneShardAndShardsAreBalanced() throws {
        let paths = (0..<4000).map { "scans/\($0 / 100)/doc-\($0).png" }
        let shards = try (0..<4).map { try Shard(index: $0, count: 4) }
        var sizes = [0, 0, 0, 0]
        for path in paths {
            let owners = shards.filter { $0.contains(relativePath: path) }
            #expect(owners.count == 1)
            sizes[owners[0].index] += 1
        }
        #expect(sizes.allSatisfy { $0 > 850 && $0 < 1150 }, "\(sizes)")
    }

    @Test func parsing() throws {
        #expect(try Shard(parsing: "2/5") == Shard(index: 2, count: 5))
        #expect(try Shard(parsing: "0/1").contains(relativePath: "x"))
        for bad in ["5/5", "-1/3", "1", "a/b", "1/0", "1/2/3", ""] {
            #expect(throws: AuditError.badShard(text: bad)) { try Shard(parsing: bad) }
        }
    }
}
