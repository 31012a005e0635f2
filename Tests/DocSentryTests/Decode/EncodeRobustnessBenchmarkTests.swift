import CPNG
import DocSentry
import Foundation
import Testing

@Suite struct DecodeEncoderTests {
    @Test func greyRoundTripsExactly() throws {
        let raster = Raster(width: 131, height: 97, pixels: (0..<(131 * 97)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 131) })
        let png = try raster.pngData()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let decoded = try ImageDecoder().decode(bytes: png, name: "round-trip.png")
        #expect(decoded.raster.pixels == raster.pixels)
        #expect(decoded.source == "PNG, grey, 8-bit")
    }

    @Test func rgbBecomesRec709Grey() throws {
        let colours: [[UInt8]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [200, 120, 40]]
        let pixels = (0..<(100 * 20)).flatMap { colours[($0 % 100) / 25] }
        let png = try ImageEncoder.png(rgb: pixels, width: 100, height: 20)
        let raster = try ImageDecoder().decode(bytes: png, name: "rgb.png").raster
        for (index, colour) in colours.enumerated() {
            let expected = 0.2126 * Double(colour[0]) + 0.7152 * Double(colour[1]) + 0.0722 * Double(colour[2])
            #expect(abs(Double(raster[index * 25 + 12, 10]) - expected) <= 1.5, "colour \(colour)")
        }
    }

    @Test func wrongSizesAreRefused() {
        #expect(throws: EncodeError.badPixelCount(expected: 6, actual: 5)) {
            try ImageEncoder.png(rgb: [1, 2, 3, 4, 5], width: 2, height: 1)
        }
        #expect(throws: EncodeError.encodingFailed(width: 0, height: 4)) {
            try ImageEncoder.png(Raster(width: 0, height: 4, pixels: []))
        }
    }

    @Test func writesFilesAndSaysWhereItCannot() throws {
        let raster = Raster(width: 120, height: 40, filledWith: 200)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("docsentry-encode-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ImageEncoder.writePNG(raster, to: path)
        #expect(try ImageDecoder().decode(fileAt: path).raster == raster)
        let error = #expect(throws: EncodeError.self) { try ImageEncoder.writePNG(raster, to: "/nonexistent-dir/x.png") }
        #expect(error?.description.hasPrefix("/nonexistent-dir/x.png: cannot write the PNG") == true)
    }
}

@Suite struct DecodeRobustnessTests {
    /// Small limits so a mutated size field cannot make the test allocate much.
    let decoder = ImageDecoder(limits: DecodeLimits(maxPixels: 2_000_000, minimumLongSide: 1, minimumShortSide: 1))

    static let samples = ["grey-4-interlaced.png", "rgba-16.png", "palette-8-trns.png", "jpeg-rgb.jpg", "jpeg-exif-6.jpg",
                          "jpeg-progressive.jpg", "tiff-lzw-rgb.tif", "tiff-g4.tif", "tiff-orientation-6.tif",
                          "bmp-8-palette.bmp", "pgm-p5.pgm", "pbm-p4.pbm", "gif-grey.gif", "webp-alpha.webp",
                          "webp-lossy.webp", "jp2-rgb.jp2"]

    /// Every prefix of a valid file (cut at 80 points) decodes or throws a DecodeError: never a crash.
    @Test(arguments: samples)
    func truncationNeverCrashes(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: DecodeFixture.directory + "/" + name)))
        var refused = 0
        for cut in Set((0..<80).map { $0 * bytes.count / 80 }) {
            if decodeError({ () throws(DecodeError) in _ = try decoder.decode(bytes: Array(bytes[..<cut]), name: name) }) != nil {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    /// Single bytes changed at pseudo-random places (a fixed seed), header bytes included.
    @Test(arguments: samples)
    func corruptionNeverCrashes(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: DecodeFixture.directory + "/" + name)))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for round in 0..<150 {
            var mutated = bytes
            let position = round < 40 ? round % min(40, bytes.count) : next() % bytes.count
            mutated[position] = UInt8(truncatingIfNeeded: next())
            if round % 3 == 0 { mutated[next() % bytes.count] ^= 0xFF }
            let result = Result { () throws(DecodeError) in try decoder.decode(bytes: mutated, name: name) }
            if case let .success(image) = result {
                #expect(image.raster.pixels.count == image.raster.width * image.raster.height)
            }
        }
    }

    /// The shim itself also checks the pixel limit before allocating, for callers that skip the Swift header
    /// check: libpng reads the 100000x100000 IHDR and returns without touching pixel memory.
    @Test func theShimRefusesTheHugeHeaderToo() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: BadImageKey.directory + "/huge-dimensions.png")))
        var image = ds_png_image()
        let status = bytes.withUnsafeBufferPointer { ds_png_decode_gray($0.baseAddress, $0.count, 100_000_000, &image) }
        defer { ds_png_free(&image) }
        #expect(status == DS_PNG_TOO_LARGE)
        #expect(image.width == 100_000 && image.height == 100_000)
        #expect(image.pixels == nil)
    }
}

@Suite struct DecodeBenchmarkTests {
    /// A TD3 data page (125 x 88 mm) at 300 dpi: 1476 x 1039 RGB, with a pale textured background and dark
    /// text-like bars, PNG-encoded by the shim. Prints the decode time; fails only when absurdly slow.
    @Test func td3PageAt300DPI() throws {
        let width = 1476, height = 1039
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var noise: UInt32 = 12345
        for y in 0..<height {
            for x in 0..<width {
                noise = noise &* 1_103_515_245 &+ 12345
                let grain = Int(noise >> 28)
                let guilloche = Int(20 * sin(Double(x) / 23 + sin(Double(y) / 37) * 3))
                let ink = (y % 60 < 28 && x % 31 < 22 && y > 120) || (y > 880 && y % 70 < 40 && x % 30 < 24)
                let i = (y * width + x) * 3
                rgb[i] = UInt8(clamping: ink ? 30 + grain : 225 + guilloche / 2 + grain)
                rgb[i + 1] = UInt8(clamping: ink ? 30 + grain : 230 + guilloche / 3 + grain)
                rgb[i + 2] = UInt8(clamping: ink ? 40 + grain : 210 + guilloche + grain)
            }
        }
        let png = try ImageEncoder.png(rgb: rgb, width: width, height: height)
        let decoder = ImageDecoder()
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<15 {
            let elapsed = try clock.measure {
                let image = try decoder.decode(bytes: png, name: "td3-page.png")
                #expect(image.raster.width == width)
            }
            times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        times.sort()
        let median = times[times.count / 2]
        print("decode benchmark: PNG \(width)x\(height) RGB, \(png.count / 1024) KiB: median \(String(format: "%.1f", median)) ms, "
              + "min \(String(format: "%.1f", times[0])) ms, max \(String(format: "%.1f", times.last!)) ms over \(times.count) runs")
        #expect(median < 1000)
    }
}
