import DocSentry
import Foundation
import Testing

/// Every MRZ text sample in TestImages/mrz gets the verdict and findings its answer key names.
@Suite struct TestImagesMRZTextTests {
    struct Key: Decodable {
        let mrz: [String]
        let reference_date: String
        let mode: String
        let expected_verdict: String
        let expected_findings: [String]
    }

    static let names: [String] = {
        let folder = Fixtures.testImages + "/mrz"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func thereAreSamples() { #expect(Self.names.count >= 7) }

    @Test(arguments: names)
    func sampleMatchesItsKey(name: String) throws {
        let folder = Fixtures.testImages + "/mrz/"
        let key = try JSONDecoder().decode(Key.self, from: Data(contentsOf: URL(fileURLWithPath: folder + name + ".json")))
        let text = try MRZText(reading: String(contentsOfFile: folder + name + ".txt", encoding: .utf8))
        #expect(text.lines == key.mrz)
        let report = Fixtures.inspector(key.reference_date, mode: Mode(rawValue: key.mode)!).inspect(text, file: name)
        #expect(report.verdict.rawValue == key.expected_verdict)
        let fired = Set(report.findings.map(\.rule))
        #expect(Set(key.expected_findings).isSubset(of: fired), "\(name): \(fired)")
    }
}
