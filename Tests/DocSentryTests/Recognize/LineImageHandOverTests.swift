import CTesseract
import Testing

/// libtesseract keeps each line image it gives its LSTM by `pixWriteMem(..., IFF_PNG)` and reads it back with
/// `pixReadMem`; DocSentry's `pixWriteMem` (CTesseract) writes Leptonica's serialised form instead, to spare the
/// PNG encoding (8% of a document's CPU). What the engine reads must be the same pixels.
@Suite struct LineImageHandOverTests {
    @Test func aLineImageIsHandedOverUnencodedAndComesBackPixelForPixel() throws {
        // An odd width, so that the rows carry Leptonica's 32-bit padding; grey levels across the whole range.
        let width: Int32 = 1_237, height: Int32 = 61
        var line: UnsafeMutablePointer<PIX>? = try #require(pixCreate(width, height, 8))
        defer { pixDestroy(&line) }
        for y in 0..<height {
            for x in 0..<width { pixSetPixel(line, x, y, UInt32((x * 7 + y * 13) % 256)) }
        }
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        #expect(pixWriteMem(&data, &size, line, Int32(IFF_PNG)) == 0)
        let bytes = try #require(data)
        defer { free(bytes) }
        // "spix", not a PNG signature: no zlib on the way.
        #expect(Array(UnsafeBufferPointer(start: bytes, count: 4)) == Array("spix".utf8))
        var back: UnsafeMutablePointer<PIX>? = try #require(pixReadMem(bytes, size))
        defer { pixDestroy(&back) }
        var same: Int32 = 0
        #expect(pixEqual(line, back, &same) == 0)
        #expect(same == 1)
    }
}
