// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "DocSentry",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DocSentry", targets: ["DocSentry"]),
        .executable(name: "docsentry", targets: ["docsentry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // Thin C layers. libpng reports errors by longjmp: the shim catches them and returns a code.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16")]),
        // libtesseract is opened at run time (after OMP_THREAD_LIMIT=1 is set): see include/CTesseract.h.
        .target(name: "CTesseract", linkerSettings: [.linkedLibrary("lept"), .linkedLibrary("dl")]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),

        .target(
            name: "DocSentry",
            dependencies: [
                "CPNG", "CTesseract", "CCairo",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "docsentry",
            dependencies: [
                "DocSentry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // libtesseract (opened at run time) must find CTesseract's pixWriteMem before Leptonica's: see there.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=pixWriteMem"])]
        ),
        .testTarget(
            name: "DocSentryTests",
            dependencies: [
                "DocSentry",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "docsentryTests", dependencies: ["DocSentry"]),
    ]
)
