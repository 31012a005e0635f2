// swift-tools-version: 6.1
// The fuzz harness: a package of its own so that the main package's build, `make test` and CI's test run never
// compile it. It uses DocSentry as any library user would, through a path dependency on the repository root.
// Built only by `make fuzz` (scripts/fuzz.sh), with `-sanitize=fuzzer,address`; see README.md here.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder (`main`, `docsentry`, a CI clone's folder...), not after the
// name in its manifest: the product is looked up under whatever the repository's folder is called.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "DocSentryFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "DocSentryFuzz",
            dependencies: [.product(name: "DocSentry", package: repository)]
        ),
    ]
)
