import DocSentry
import Foundation
import Testing

@Suite struct ThumbnailTests {
    @Test func scalesToTheWidthAveragingPixels() {
        var page = Raster(width: 640, height: 400, filledWith: 255)
        for y in 0..<400 { for x in 0..<320 { page[x, y] = 0 } }   // left half black
        let thumbnail = Thumbnail(page: page, width: 320)
        #expect(thumbnail.width == 320 && thumbnail.height == 200)
        #expect(thumbnail.pixels[0] == 0)
        #expect(thumbnail.pixels[(10 * 320 + 300) * 3] == 255)
        #expect(thumbnail.pixels.count == 320 * 200 * 3)
    }

    @Test func tallPagesAreLimitedInHeightAndSmallOnesNeverEnlarged() {
        let tall = Thumbnail(page: Raster(width: 800, height: 2000), width: 320, maxHeight: 400)
        #expect(tall.height == 400 && tall.width == 160)
        let small = Thumbnail(page: Raster(width: 100, height: 50), width: 320)
        #expect(small.width == 100 && small.height == 50)
    }

    @Test func theMRZBoxIsDrawnInColourAtThePagePosition() throws {
        var thumbnail = Thumbnail(page: Raster(width: 1000, height: 500), width: 200)
        thumbnail.drawPolygon([(100, 300), (900, 300), (900, 450), (100, 450)])
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(thumbnail.pixels[((y * 200 + x) * 3)..<((y * 200 + x) * 3 + 3)]) }
        #expect(pixel(100, 60) == [230, 20, 60])    // top edge at y 300 * 0.2
        #expect(pixel(20, 75) == [230, 20, 60])     // left edge
        #expect(pixel(100, 75) == [255, 255, 255])  // inside untouched
        let png = try thumbnail.png()
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}

/// The audit report's grey, upright thumbnails.
@Suite struct AuditThumbnailTests {
    @Test func scalesToTheWidthAveragingPixels() {
        var page = Raster(width: 640, height: 400, filledWith: 255)
        for y in 0..<400 { for x in 0..<320 { page[x, y] = 0 } }   // left half black
        let thumbnail = AuditThumbnail(page: page, width: 320)
        #expect(thumbnail.width == 320 && thumbnail.height == 200)
        #expect(thumbnail.pixels[0] == 0)
        #expect(thumbnail.pixels[10 * 320 + 300] == 255)
        #expect(thumbnail.pixels.count == 320 * 200)
    }

    @Test func tallPagesAreLimitedInHeightAndSmallOnesNeverEnlarged() {
        let tall = AuditThumbnail(page: Raster(width: 800, height: 2000), width: 320, maxHeight: 400)
        #expect(tall.height == 400 && tall.width == 160)
        let small = AuditThumbnail(page: Raster(width: 100, height: 50), width: 320)
        #expect(small.width == 100 && small.height == 50)
    }

    /// A document turned a quarter clockwise in the image (the report's rotation 1) is turned back: what was the
    /// image's right edge is the thumbnail's top, and page points follow.
    @Test func aTurnedDocumentIsShownUprightAndItsPointsFollow() throws {
        var page = Raster(width: 400, height: 800, filledWith: 255)
        for y in 0..<100 { for x in 300..<400 { page[x, y] = 0 } }   // a black square at the image's top right
        let thumbnail = AuditThumbnail(page: page, width: 200, maxHeight: 400, quarterTurns: 1)
        #expect(thumbnail.width == 200 && thumbnail.height == 100, "upright: landscape, 200 wide")
        #expect(thumbnail.pixels[5 * 200 + 5] == 0, "the top right corner is now the top left")
        #expect(thumbnail.pixels[95 * 200 + 195] == 255)
        let corner = thumbnail.place(x: 400, y: 0)
        #expect(abs(corner.x) < 0.01 && abs(corner.y) < 0.01)
        let other = thumbnail.place(x: 0, y: 800)
        #expect(abs(other.x - 200) < 0.01 && abs(other.y - 100) < 0.01)
        let upsideDown = AuditThumbnail(page: page, width: 200, maxHeight: 400, quarterTurns: 2)
        #expect(upsideDown.pixels[(upsideDown.height - 5) * upsideDown.width + 5] == 0, "top right to bottom left")
    }

    @Test func thumbnailsAreSmallGreyJPEGs() throws {
        var page = Raster(width: 1476, height: 1039, filledWith: 230)
        for y in stride(from: 0, to: 1039, by: 7) { for x in 0..<1476 { page[x, y] = UInt8((x * 31 + y * 17) % 200) } }
        let jpeg = try #require(AuditThumbnail(page: page).jpeg())
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF])
        #expect(jpeg.count < 12_000, "\(jpeg.count) bytes")
        let decoded = try ImageDecoder(limits: DecodeLimits(minimumLongSide: 1, minimumShortSide: 1)).decode(bytes: jpeg, name: "t.jpg")
        #expect(decoded.raster.width == 160 && decoded.raster.height == 113)
    }
}

@Suite struct AuditHTMLTests {
    @Test func escapesEverythingThatCouldBeMarkup() {
        #expect(AuditHTML.escape("<script>alert('x')</script> & \"q\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
    }

    @Test func aReportIsSelfContainedWithSummaryAndOneEntryPerDocumentThatIsNotPass() throws {
        let folder = TemporaryFolder()
        let inspector = Fixtures.inspector()
        // A file name that tries to inject markup.
        let hostile = "<img src=x onerror=alert(1)>.txt"
        var pass = inspector.inspect(try MRZText(lines: Vectors.td1Austria), file: "pass.txt")
        pass.verdict = .pass
        var blank = inspector.unreadable(file: folder.path + "/gone.png", reason: "no MRZ found")
        blank.image = try JSONDecoder().decode(ImageDetails.self, from: Data(#"{"format":"png","width":900,"height":600}"#.utf8))
        let records: [AuditRecord] = [
            .report(inspector.inspect(try MRZText(lines: Vectors.td3), file: hostile), sha256: "1"),
            .report(pass, sha256: "2"),
            .report(blank, sha256: "3"),
            .error(file: "broken.png", sha256: "4", message: "broken.png: the PNG data is damaged", exitCode: 65),
        ]
        let log = folder.write("a.jsonl", records.map { $0.jsonLine() }.joined(separator: "\n") + "\n")
        let results = try AuditResults([log])
        try AuditHTML(subtitle: "test <run>").write(results, to: folder.path + "/r.html")
        let html = folder.read("r.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"), "no network")
        #expect(!html.contains(hostile))
        #expect(html.contains(AuditHTML.escape(hostile)))
        #expect(html.contains("test &lt;run&gt;"))
        #expect(html.contains("specimen.document-number"))
        #expect(html.contains("<code>UTO</code>"), "per issuing state")
        #expect(html.contains("no MRZ found"))
        #expect(html.contains("broken.png: the PNG data is damaged"))
        #expect(html.contains("<article class=\"doc pass"), "passed documents are listed, folded")
        #expect(html.contains(">pass.txt<"))
        #expect(html.contains("scan not found"), "a scan that is gone has no thumbnail")
        // Listed worst first: reject, then unreadable, then the error, then the pass.
        let order = ["doc reject", "doc unreadable", "doc error", "doc pass"].map { html.range(of: "<article class=\"\($0)")!.lowerBound }
        #expect(order == order.sorted())
        #expect(html.contains("id=\"rule\"") && html.contains("id=\"sort\""), "filter and sort controls")
        #expect(!html.contains("<script") && !html.contains("onsubmit") && !html.contains("onclick"), "no script at all")
    }
}
