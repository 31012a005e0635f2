import DocSentry
import Foundation
import Testing

@Suite struct DecodeEXIFOrientationTests {
    /// Stored pixels
    ///     1 2 3
    ///     4 5 6
    /// and what each orientation turns them into (EXIF 2.3, tag 0x0112).
    @Test(arguments: [
        (1, [[1, 2, 3], [4, 5, 6]]),
        (2, [[3, 2, 1], [6, 5, 4]]),
        (3, [[6, 5, 4], [3, 2, 1]]),
        (4, [[4, 5, 6], [1, 2, 3]]),
        (5, [[1, 4], [2, 5], [3, 6]]),
        (6, [[4, 1], [5, 2], [6, 3]]),
        (7, [[6, 3], [5, 2], [4, 1]]),
        (8, [[3, 6], [2, 5], [1, 4]]),
    ])
    func everyOrientationMovesPixelsAsTheStandardSays(_ value: Int, _ expected: [[Int]]) throws {
        let stored = Raster(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6], dotsPerInch: 300)
        let orientation = try #require(EXIFOrientation(rawValue: value))
        let upright = orientation.apply(to: stored)
        #expect(upright.height == expected.count && upright.width == expected[0].count)
        #expect(upright.pixels == expected.flatMap { $0.map(UInt8.init) })
        #expect(upright.dotsPerInch == 300)
        #expect(orientation.swapsAxes == (value >= 5))
    }

    @Test func rotationsCompose() {
        let raster = Raster(width: 5, height: 3, pixels: (0..<15).map(UInt8.init))
        let cw = EXIFOrientation.rotate90Clockwise, ccw = EXIFOrientation.rotate90CounterClockwise
        #expect(ccw.apply(to: cw.apply(to: raster)) == raster)
        #expect(cw.apply(to: cw.apply(to: raster)) == EXIFOrientation.rotate180.apply(to: raster))
        #expect(EXIFOrientation.transpose.apply(to: EXIFOrientation.transpose.apply(to: raster)) == raster)
    }

    // EXIF blocks crafted byte by byte and put into a real JPEG: the parser finds the tag in either byte
    // order, and never reads outside the segment.

    static let jpeg: [UInt8] = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: DecodeFixture.directory + "/jpeg-grey.jpg")))

    static func withAPP1(_ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg.dropFirst(2)
    }

    /// "Exif\0\0" and a TIFF block with one IFD; `ifdOffset` beyond 8 is padded unless `pad` is false
    /// (then the offset points past the end).
    static func exif(bigEndian: Bool, entries: [(tag: Int, type: Int, count: Int, value: Int)], ifdOffset: Int = 8,
                     pad: Bool = true) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var tiff: [UInt8] = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(ifdOffset)
        if pad { tiff += [UInt8](repeating: 0, count: max(0, ifdOffset - 8)) }
        tiff += u16(entries.count)
        for entry in entries {
            tiff += u16(entry.tag) + u16(entry.type) + u32(entry.count)
            tiff += entry.type == 3 ? u16(entry.value) + [0, 0] : u32(entry.value)
        }
        tiff += u32(0)
        return Array("Exif".utf8) + [0, 0] + tiff
    }

    func orientation(_ bytes: [UInt8]) throws -> EXIFOrientation? {
        try ImageDecoder().decode(bytes: bytes, name: "crafted.jpg").orientation
    }

    @Test(arguments: [false, true])
    func findsTheTagAfterOtherEntries(bigEndian: Bool) throws {
        let block = Self.exif(bigEndian: bigEndian, entries: [(0x010F, 2, 4, 0), (0x0112, 3, 1, 8)])
        let image = try ImageDecoder().decode(bytes: Self.withAPP1(block), name: "crafted.jpg")
        #expect(image.orientation == .rotate90CounterClockwise)
        #expect(image.orientationApplied)
        #expect(image.raster.width == 64 && image.raster.height == 96)
    }

    @Test func acceptsALongValue() throws {
        #expect(try orientation(Self.withAPP1(Self.exif(bigEndian: false, entries: [(0x0112, 4, 1, 3)]))) == .rotate180)
    }

    @Test func ignoresBrokenBlocks() throws {
        let cases: [[UInt8]] = [
            Self.exif(bigEndian: false, entries: [(0x0112, 3, 1, 9)]),                      // out of range
            Self.exif(bigEndian: false, entries: [(0x0112, 3, 1, 0)]),
            Self.exif(bigEndian: true, entries: [(0x0112, 3, 1, 6)], ifdOffset: 60_000, pad: false),  // IFD outside
            Array(Self.exif(bigEndian: false, entries: [(0x010F, 2, 4, 0), (0x0112, 3, 1, 6)]).dropLast(8)),  // value cut off
            Self.exif(bigEndian: false, entries: [(0x0112, 2, 1, 6)]),                      // wrong type
            Array("Exif".utf8) + [0, 0] + [0x49, 0x49, 0x2B, 0x00],                         // BigTIFF header
            Array("Exif".utf8) + [0, 0],                                                   // nothing after
            Array("Exif".utf8),                                                             // shorter than its header
        ]
        for block in cases {
            #expect(try orientation(Self.withAPP1(block)) == nil)
        }
    }

    /// A segment whose declared length runs past the end of the file is not followed.
    @Test func aSegmentLongerThanTheFileIsNotRead() {
        let block = Self.exif(bigEndian: false, entries: [(0x0112, 3, 1, 6)])
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0] + block
        bytes += [UInt8](repeating: 0, count: 16)
        let error = decodeError { () throws(DecodeError) in _ = try ImageDecoder().decode(bytes: bytes, name: "cut.jpg") }
        #expect(error?.kind == "corrupt-image")
    }

    /// TIFF files carry the same tag in their own first IFD; leptonica's reader applies it (the fixtures
    /// tiff-orientation-2...8 check all eight come out upright), DocSentry records it without turning again.
    @Test func tiffOrientationIsApplied() throws {
        let image = try ImageDecoder().decode(fileAt: DecodeFixture.directory + "/tiff-orientation-6.tif")
        #expect(image.orientation == .rotate90Clockwise)
        #expect(image.originalWidth == 64 && image.originalHeight == 96)
        #expect(image.raster.width == 96 && image.raster.height == 64)
    }
}

@Suite struct DecodeImageFormatTests {
    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], ImageFormat.png),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], .jpeg),
        ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .tiff),
        ([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], .tiff),
        (Array("GIF89a".utf8) + [1, 0], .gif),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8), .webp),
        ([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A], .jpeg2000),
        ([0xFF, 0x4F, 0xFF, 0x51, 0, 0], .jpeg2000),
        (Array("P5\n96 64\n255\n".utf8), .pnm),
        (Array("BM".utf8) + [UInt8](repeating: 0, count: 12) + [40, 0, 0, 0], .bmp),
    ] as [([UInt8], ImageFormat)])
    func signaturesAreRecognised(_ bytes: [UInt8], _ format: ImageFormat) {
        #expect(ImageFormat.detect(bytes) == format)
    }

    @Test func lookalikesAreNotImages() {
        #expect(ImageFormat.detect(Array("BMW 320d, 2011, grey\n".utf8)) == nil)
        #expect(ImageFormat.detect(Array("Passport scan notes".utf8)) == nil)
        #expect(ImageFormat.detect(Array("P9 5".utf8)) == nil)
        #expect(ImageFormat.detect([0x89, 0x50, 0x4E]) == nil)
        #expect(ImageFormat.detect([]) == nil)
    }

    @Test(arguments: [
        (Array("%PDF-1.7\n".utf8), "PDF document"),
        (Array("Hello, this is a note\nsecond line".utf8), "plain text, not an image"),
        ([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0], "HEIF/HEIC"),
        (Array("<?xml version=\"1.0\"?><svg/>".utf8), "XML or SVG"),
        (Array("<!DOCTYPE html><html>".utf8), "HTML page"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0], "ZIP archive"),
        ([0x01, 0x02, 0xFE, 0x00, 0x41], "first bytes are 01 02 FE 00 41"),
    ] as [([UInt8], String)])
    func unknownBytesAreDescribed(_ bytes: [UInt8], _ fragment: String) {
        let text = ImageFormat.describeUnknown(bytes)
        #expect(text.contains(fragment), "\(text)")
    }

    /// A text file can be anyone's notes, and error messages end up in logs: the description names what the
    /// file is, never what it says (in UTF-8, in an 8-bit encoding, or as markup).
    @Test(arguments: [
        Array("ERIKSSON ANNA MARIA, born 12.08.1974, passport L898902C3\n".utf8),
        Array("MUSTERMANN Erika\n".utf8) + [0xE4, 0xF6, 0xFC, 0x20] + Array("L898902C3 geb. 12.08.1974\n".utf8),
        Array("<?xml version=\"1.0\"?><note>ERIKSSON L898902C3</note>".utf8),
        Array("<html><body>ERIKSSON L898902C3</body></html>".utf8),
    ])
    func textContentIsNeverQuoted(_ bytes: [UInt8]) {
        let text = ImageFormat.describeUnknown(bytes)
        for secret in ["ERIKSSON", "MUSTERMANN", "L898902C3", "12.08.1974", "Erika", "45 52 49 4B", "4D 55 53 54"] {
            #expect(!text.contains(secret), "\(text)")
        }
        #expect(text.contains("text") || text.contains("HTML"), "\(text)")
    }
}
