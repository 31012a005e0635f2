import DocSentry
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing to fuzz: a name for `DOCSENTRY_FUZZ_TARGET` and what to do with each input libFuzzer makes.
/// `run` returns false for an input the target does not take (another image format): libFuzzer then keeps
/// it out of the corpus.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Bool
}

/// Every target. The decoders take one format each, so that each run spends its time in that format's parser.
let allTargets: [FuzzTarget] = ImageFormat.allCases.map(DecoderTarget.target) + [
    MRZTextTarget.target, CorrectorTarget.target, RulesTarget.target,
]

nonisolated(unsafe) private var selected: FuzzTarget?

/// Where the repository is: Rules/ and TestImages/ are read from there (the harness is never installed).
let repositoryRoot: String = {
    var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)  // Fuzz/Sources/DocSentryFuzz/main.swift
    return parts.joined(separator: "/")
}()

/// A failed expectation about DocSentry's output: a finding, so it aborts like a crash and libFuzzer saves the input.
func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        printError("docsentry-fuzz: expectation failed: \(message())")
        abort()
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// libFuzzer's entry when the program has its own `main` (SwiftPM renames an executable's entry point, so the
/// `main` libFuzzer brings cannot be used): it parses the flags, then calls `testOneInput` for every input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    return selected!.run(bytes) ? 0 : -1
}

let name = ProcessInfo.processInfo.environment["DOCSENTRY_FUZZ_TARGET"] ?? ""
guard let target = allTargets.first(where: { $0.name == name }) else {
    let list = allTargets.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
    printError("docsentry-fuzz: set DOCSENTRY_FUZZ_TARGET to one of:\n\(list)")
    exit(2)
}
selected = target
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) })
