import DocSentry
import Foundation
import Testing

/// libtesseract's OpenMP runs with the thread limit DocSentry sets before opening the library: libgomp reads
/// `OMP_THREAD_LIMIT` once, when it is loaded, so a limit set after that would show in the environment but not
/// in libgomp (the engine would then spend 460 ms per read instead of 55).
@Suite struct OpenMPLimitTests {
    @Test func libgompSeesTheLimitInTheEnvironment() throws {
        _ = try OCREngine(model: .stockEnglish)
        let variable = try #require(ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"])
        #expect(OCREngine.openMPThreadLimit == Int(variable))
    }
}
