import DocSentry
import Foundation
import Testing

/// The answer key of TestImages/decode/ (written by scripts/make-decode-fixtures.py).
struct DecodeFixture: Decodable, Sendable, CustomTestStringConvertible {
    var name = ""
    let format: String
    let width: Int
    let height: Int
    let dpi: Double?
    let note: String
    let tolerance: Int
    /// [x, y, expected grey]
    let pixels: [[Int]]
    let exifOrientation: Int?
    let orientationApplied: Bool?

    enum CodingKeys: String, CodingKey {
        case format, width, height, dpi, note, tolerance, pixels
        case exifOrientation = "exif_orientation", orientationApplied = "orientation_applied"
    }

    var testDescription: String { name }

    static let directory = Fixtures.testImages + "/decode"

    static let all: [DecodeFixture] = {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/answers.json"))
            let table = try JSONDecoder().decode([String: DecodeFixture].self, from: data)
            return table.map { name, fixture in
                var fixture = fixture
                fixture.name = name
                return fixture
            }.sorted { $0.name < $1.name }
        } catch {
            fatalError("TestImages/decode/answers.json does not load: \(error)")
        }
    }()

    static var png: [DecodeFixture] { all.filter { $0.format == "png" } }
    static var other: [DecodeFixture] { all.filter { $0.format != "png" } }
}

@Suite struct DecodeFixtureTests {
    let decoder = ImageDecoder()

    @Test func theSetCoversEveryPNGColourTypeAndBitDepth() {
        let names = Set(DecodeFixture.png.map(\.name))
        let expected = ["grey-1", "grey-2", "grey-4", "grey-8", "grey-16", "grey-alpha-8", "grey-alpha-16",
                        "rgb-8", "rgb-16", "rgba-8", "rgba-16", "palette-1", "palette-2", "palette-4", "palette-8"]
        for stem in expected {
            #expect(names.contains(stem + ".png"), "missing \(stem).png")
            #expect(names.contains(stem + "-interlaced.png"), "missing \(stem)-interlaced.png")
        }
        let formats = Set(DecodeFixture.all.map(\.format))
        #expect(formats == ["png", "jpeg", "tiff", "bmp", "pnm", "webp", "gif", "jp2"])
    }

    @Test(arguments: DecodeFixture.png)
    func pngDecodesToTheExpectedGrey(_ fixture: DecodeFixture) throws {
        try check(fixture)
    }

    @Test(arguments: DecodeFixture.other)
    func otherFormatsDecodeToTheExpectedGrey(_ fixture: DecodeFixture) throws {
        try check(fixture)
    }

    /// Interlacing changes the bytes, never the picture.
    @Test(arguments: ["grey-1", "grey-16", "grey-alpha-8", "rgb-8", "rgba-16", "palette-4", "palette-8"])
    func interlacedEqualsNonInterlaced(_ stem: String) throws {
        let plain = try decoder.decode(fileAt: DecodeFixture.directory + "/\(stem).png")
        let interlaced = try decoder.decode(fileAt: DecodeFixture.directory + "/\(stem)-interlaced.png")
        #expect(plain.raster.pixels == interlaced.raster.pixels)
        #expect(interlaced.source.contains("interlaced"))
        #expect(!plain.source.contains("interlaced"))
    }

    /// The format comes from the bytes: the same bytes under another name decode the same.
    @Test(arguments: ["jpeg-rgb.jpg", "tiff-grey-8.tif", "bmp-24.bmp", "webp-lossless.webp", "gif-grey.gif", "grey-8.png"])
    func theNameDoesNotMatter(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: DecodeFixture.directory + "/" + name)))
        let asNamed = try decoder.decode(bytes: bytes, name: name)
        let misnamed = try decoder.decode(bytes: bytes, name: "scan.png")
        #expect(asNamed == misnamed)
    }

    func check(_ fixture: DecodeFixture) throws {
        let image = try decoder.decode(fileAt: DecodeFixture.directory + "/" + fixture.name)
        #expect(image.format.rawValue == (fixture.format == "jp2" ? "jpeg2000" : fixture.format))
        #expect(image.raster.width == fixture.width && image.raster.height == fixture.height,
                "\(fixture.name): \(image.raster.width)x\(image.raster.height)")
        #expect(image.raster.pixels.count == fixture.width * fixture.height)
        for point in fixture.pixels {
            let (x, y, expected) = (point[0], point[1], point[2])
            let actual = Int(image.raster[x, y])
            #expect(abs(actual - expected) <= fixture.tolerance,
                    "\(fixture.name) (\(fixture.note)) at (\(x), \(y)): grey \(actual), expected \(expected) ± \(fixture.tolerance)")
        }
        if let dpi = fixture.dpi {
            let actual = try #require(image.dotsPerInch, "\(fixture.name): no dpi")
            #expect(abs(actual - dpi) < 0.5)
        }
        #expect(image.orientation?.rawValue == fixture.exifOrientation)
        #expect(image.orientationApplied == (fixture.orientationApplied ?? false))
        if image.orientationApplied, let orientation = image.orientation, orientation.swapsAxes {
            #expect(image.originalWidth == fixture.height && image.originalHeight == fixture.width)
        } else {
            #expect(image.originalWidth == fixture.width && image.originalHeight == fixture.height)
        }
    }
}
