import DocSentry

/// The decoder on bytes of one format: PNG through libpng (the CPNG shim), every other format through
/// leptonica, each after DocSentry's own header parsers (IHDR, SOF, GIF frames, BMP, EXIF/TIFF orientation).
///
/// Inputs of another format are refused (returned false), so that a run stays in its format. What is checked
/// besides not crashing: a decoded image honours the limits (size within them, one byte per pixel) and its
/// declared format; a refusal is a typed `DecodeError` whose text names the file and is one line.
enum DecoderTarget {
    static let decoder = ImageDecoder(limits: .standard)

    static func target(_ format: ImageFormat) -> FuzzTarget {
        FuzzTarget(name: format.rawValue, summary: "ImageDecoder.decode on \(format.name) bytes") { bytes in
            guard ImageFormat.detect(bytes) == format else { return false }
            decode(bytes, format: format)
            return true
        }
    }

    static func decode(_ bytes: [UInt8], format: ImageFormat) {
        let limits = decoder.limits
        do throws(DecodeError) {
            let image = try decoder.decode(bytes: bytes, name: "fuzz-input")
            let raster = image.raster
            expect(image.format == format, "decoded as \(image.format), detected as \(format)")
            expect(raster.pixels.count == raster.width * raster.height,
                   "\(raster.pixels.count) pixels for \(raster.width)x\(raster.height)")
            expect(raster.width * raster.height <= limits.maxPixels, "decoded \(raster.width)x\(raster.height), over the limit")
            expect(max(raster.width, raster.height) >= limits.minimumLongSide
                       && min(raster.width, raster.height) >= limits.minimumShortSide,
                   "decoded \(raster.width)x\(raster.height), under the minimum size")
        } catch {
            let text = error.description
            expect(text.hasPrefix("fuzz-input"), "error does not start with the file name: \(text)")
            expect(!text.contains("\n"), "error is not one line: \(text)")
        }
    }
}
