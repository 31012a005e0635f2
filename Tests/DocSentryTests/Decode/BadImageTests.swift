import DocSentry
import Foundation
import Testing

/// One answer key of TestImages/bad/ (written by scripts/make-bad-images.py).
struct BadImageKey: Decodable, Sendable, CustomTestStringConvertible {
    let file: String
    let expectedError: String?
    let expectedExitCode: Int32
    let messageContains: String?
    let expectedDecode: ExpectedDecode?

    struct ExpectedDecode: Decodable, Sendable {
        let format: String
        let width: Int
        let height: Int
    }

    enum CodingKeys: String, CodingKey {
        case file, expectedError = "expected_error", expectedExitCode = "expected_exit_code"
        case messageContains = "message_contains", expectedDecode = "expected_decode"
    }

    var testDescription: String { file }

    static let directory = Fixtures.testImages + "/bad"

    static let all: [BadImageKey] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
                return try JSONDecoder().decode(BadImageKey.self, from: data)
            } catch {
                fatalError("TestImages/bad/\(name) does not load: \(error)")
            }
        }
    }()
}

@Suite struct DecodeBadFileTests {
    let decoder = ImageDecoder()

    @Test func everyRequiredBadFileIsThere() {
        let files = Set(BadImageKey.all.map(\.file))
        for required in ["empty.png", "truncated.png", "bad-crc.png", "text-named.png", "one-pixel.png",
                         "huge-dimensions.png", "jpeg-named.png", "zero-length-idat.png", "garbage.png"] {
            #expect(files.contains(required), "TestImages/bad/\(required) or its key is missing")
        }
        for key in BadImageKey.all {
            #expect(FileManager.default.fileExists(atPath: BadImageKey.directory + "/" + key.file))
        }
    }

    /// Every bad file gives its error, as one line naming the file, fast; the JPEG named .png decodes.
    @Test(arguments: BadImageKey.all)
    func answersAsTheKeySays(_ key: BadImageKey) {
        let path = BadImageKey.directory + "/" + key.file
        let clock = ContinuousClock()
        let start = clock.now
        let result = Result { () throws(DecodeError) in try decoder.decode(fileAt: path) }
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(1), "\(key.file) took \(elapsed)")
        switch result {
        case let .success(image):
            #expect(key.expectedError == nil, "\(key.file) decoded but should fail with \(key.expectedError ?? "")")
            if let expected = key.expectedDecode {
                #expect(image.format.rawValue == expected.format)
                #expect(image.raster.width == expected.width && image.raster.height == expected.height)
            }
        case let .failure(error):
            #expect(error.kind == key.expectedError, "\(key.file): \(error)")
            #expect(error.exitCode == key.expectedExitCode)
            let message = error.description
            #expect(message.hasPrefix(path + ": "), "the message names the file: \(message)")
            #expect(!message.contains("\n"), "one line: \(message)")
            if let fragment = key.messageContains {
                #expect(message.contains(fragment), "\(message) should mention \(fragment)")
            }
        }
    }

    /// A 100000x100000 header is refused from the header: no 10 GB allocation, microseconds not seconds.
    @Test func aHugeHeaderIsRefusedBeforeAllocating() throws {
        let path = BadImageKey.directory + "/huge-dimensions.png"
        let clock = ContinuousClock()
        var thrown: DecodeError?
        let elapsed = clock.measure {
            for _ in 0..<100 {
                thrown = decodeError { () throws(DecodeError) in _ = try decoder.decode(fileAt: path) }
            }
        }
        #expect(thrown == .tooLarge(file: path, format: .png, width: 100_000, height: 100_000,
                                    pixels: 10_000_000_000, limit: 100_000_000))
        #expect(elapsed < .milliseconds(200), "100 refusals took \(elapsed)")
    }

    /// `--max-pixels` maps to `DecodeLimits.maxPixels`: the limit is inclusive.
    @Test func theLimitIsConfigurable() throws {
        let path = DecodeFixture.directory + "/rgb-8.png"  // 97x29 = 2813 pixels
        let tight = ImageDecoder(limits: DecodeLimits(maxPixels: 2812))
        let error = decodeError { () throws(DecodeError) in _ = try tight.decode(fileAt: path) }
        #expect(error == .tooLarge(file: path, format: .png, width: 97, height: 29, pixels: 2813, limit: 2812))
        #expect(error?.description.contains("declares 97x29 pixels (2813 pixels to decode), over the limit of 2812 pixels") == true,
                "\(String(describing: error))")
        let roomy = ImageDecoder(limits: DecodeLimits(maxPixels: 2813))
        #expect(try roomy.decode(fileAt: path).raster.width == 97)
    }

    @Test func tooSmallFollowsTheLimits() throws {
        let path = DecodeFixture.directory + "/rgb-8.png"  // 97x29
        for limits in [DecodeLimits(minimumLongSide: 98), DecodeLimits(minimumShortSide: 30)] {
            let error = decodeError { () throws(DecodeError) in _ = try ImageDecoder(limits: limits).decode(fileAt: path) }
            #expect(error?.kind == "image-too-small")
        }
        let exact = ImageDecoder(limits: DecodeLimits(minimumLongSide: 97, minimumShortSide: 29))
        #expect(try exact.decode(fileAt: path).raster.height == 29)
        // Whatever the rotation: a tall image is judged by the same sides.
        let tall = try EXIFOrientation.rotate90Clockwise.apply(to: ImageDecoder().decode(fileAt: path).raster).pngData()
        #expect(try exact.decode(bytes: tall, name: "tall.png").raster.width == 29)
    }

    @Test func missingFilesAndDirectoriesAreUnreadable() {
        for path in ["/nonexistent/scan.png", BadImageKey.directory] {
            let error = decodeError { () throws(DecodeError) in _ = try decoder.decode(fileAt: path) }
            #expect(error?.kind == "unreadable-file")
            #expect(error?.exitCode == 66)
            #expect(error?.description.hasPrefix(path + ": cannot read the file: ") == true, "\(String(describing: error))")
        }
    }

    @Test func aFIFODoesNotHang() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("docsentry-fifo-\(getpid())").path
        unlink(path)
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: DecodeError.unreadableFile(file: path, reason: "it is not a regular file (a device, pipe or socket)")) {
            try decoder.decode(fileAt: path)
        }
    }

    @Test func aFileOverTheByteLimitIsNotRead() {
        let path = DecodeFixture.directory + "/ppm-p3.ppm"
        let small = ImageDecoder(limits: DecodeLimits(maxFileBytes: 1000))
        let error = decodeError { () throws(DecodeError) in _ = try small.decode(fileAt: path) }
        #expect(error?.kind == "file-too-large")
        #expect(error?.description.contains("64552 bytes, over the 1000 bytes limit") == true, "\(String(describing: error))")
    }
}

/// The error a decoding step throws, or nil when it succeeds.
func decodeError(_ body: () throws(DecodeError) -> Void) -> DecodeError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
