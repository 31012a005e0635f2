import DocSentry
import Foundation
import Testing

/// Images the fuzzer found mishandled or costly (TestImages/fuzz/, an image format as `target`): each must get
/// the answer its key gives, as one line that starts with the file's path.
@Suite struct DecodeFuzzFindingsTests {
    struct AnswerKey: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let target: String
        let expectedError: String
        let expectedExitCode: Int32
        let messageContains: String

        var testDescription: String { file }
    }

    static let folder = Fixtures.testImages + "/fuzz"

    static let keys: [AnswerKey] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let formats = Set(ImageFormat.allCases.map(\.rawValue))
        return names.compactMap { name in
            FileManager.default.contents(atPath: folder + "/" + name).flatMap { try? decoder.decode(AnswerKey.self, from: $0) }
        }.filter { formats.contains($0.target) }
    }()

    @Test func thereAreFindings() {
        #expect(!Self.keys.isEmpty)
    }

    @Test(arguments: keys)
    func answersAsTheKeySays(_ key: AnswerKey) throws {
        let path = Self.folder + "/" + key.file
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(ImageFormat.detect(Array(bytes))?.rawValue == key.target)
        do throws(DecodeError) {
            let image = try ImageDecoder().decode(fileAt: path)
            Issue.record("decoded to \(image.raster.width)x\(image.raster.height), expected \(key.expectedError)")
        } catch {
            #expect(error.kind == key.expectedError)
            #expect(error.exitCode == key.expectedExitCode)
            let text = error.description
            #expect(text.hasPrefix(path) && !text.contains("\n"), "\(text)")
            #expect(text.contains(key.messageContains), "\(text)")
        }
    }
}
