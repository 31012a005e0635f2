import CPNG
import Foundation

/// Why an image could not be written as PNG (for `--debug-dir` and the generator's helpers).
public enum EncodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libpng refused the image (a zero or over-large size) or ran out of memory.
    case encodingFailed(width: Int, height: Int)
    /// The pixel buffer does not hold width x height x channels bytes.
    case badPixelCount(expected: Int, actual: Int)
    /// The PNG could not be written to `path`.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .encodingFailed(width, height):
            "cannot encode a \(width)x\(height) image as PNG (libpng refused it: zero or too large a size, or no memory)"
        case let .badPixelCount(expected, actual):
            "cannot encode PNG: \(actual) bytes of pixels given, \(expected) needed"
        case let .cannotWrite(path, reason):
            "\(path): cannot write the PNG: \(reason)"
        }
    }
}

/// PNG encoding through the CPNG shim (libpng, compression level 6, 8-bit grey or RGB).
public enum ImageEncoder {
    /// An 8-bit grey raster as PNG bytes.
    public static func png(_ raster: Raster) throws(EncodeError) -> [UInt8] {
        try encode(raster.pixels, width: raster.width, height: raster.height, channels: 1)
    }

    /// 8-bit RGB pixels (3 bytes a pixel, row-major) as PNG bytes: for debug images with coloured marks.
    public static func png(rgb pixels: [UInt8], width: Int, height: Int) throws(EncodeError) -> [UInt8] {
        try encode(pixels, width: width, height: height, channels: 3)
    }

    /// Writes an 8-bit grey raster as a PNG file, replacing any file at `path`.
    public static func writePNG(_ raster: Raster, to path: String) throws(EncodeError) {
        let bytes = try png(raster)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    private static func encode(_ pixels: [UInt8], width: Int, height: Int, channels: Int) throws(EncodeError) -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .encodingFailed(width: width, height: height)
        }
        guard pixels.count == width * height * channels else {
            throw .badPixelCount(expected: width * height * channels, actual: pixels.count)
        }
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = pixels.withUnsafeBufferPointer { buffer in
            channels == 1
                ? ds_png_encode_gray(buffer.baseAddress, UInt32(width), UInt32(height), &data, &length)
                : ds_png_encode_rgb(buffer.baseAddress, UInt32(width), UInt32(height), &data, &length)
        }
        defer { ds_png_free_buffer(data) }
        guard status == DS_PNG_OK, let data else { throw .encodingFailed(width: width, height: height) }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }
}

extension Raster {
    /// The raster as PNG bytes (8-bit grey).
    public func pngData() throws(EncodeError) -> [UInt8] {
        try ImageEncoder.png(self)
    }
}
