/// An input file decoded: the upright 8-bit grey raster every later stage works on, and what the file said
/// about itself.
public struct DecodedImage: Sendable, Equatable {
    /// 8-bit grey (0 black, 255 white), EXIF orientation already applied. Colour became grey with the
    /// Rec. 709 weights, transparency was composited on white.
    public var raster: Raster
    /// The format found from the file's bytes (not from its name).
    public let format: ImageFormat
    /// The size as stored in the file, before the orientation was applied.
    public let originalWidth: Int
    public let originalHeight: Int
    /// The Orientation tag the file carries (JPEG EXIF, TIFF), nil when it has none. Already applied to
    /// `raster` (by DocSentry for JPEG, by leptonica's TIFF reader for TIFF). See `EXIFOrientation` for the
    /// policy: the locate stage still tries all four rotations.
    public let orientation: EXIFOrientation?
    /// What the file holds, for reports and debugging: "PNG, RGB + alpha, 16-bit, interlaced".
    public let source: String

    public init(raster: Raster, format: ImageFormat, originalWidth: Int, originalHeight: Int,
                orientation: EXIFOrientation?, source: String) {
        self.raster = raster
        self.format = format
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        self.orientation = orientation
        self.source = source
    }

    /// Whether the raster was turned or mirrored from the stored pixels (an orientation other than 1).
    public var orientationApplied: Bool { orientation.map { !$0.isIdentity } ?? false }

    /// The resolution the file declares (PNG pHYs, JPEG JFIF density, TIFF, BMP), nil when it says none.
    public var dotsPerInch: Double? { raster.dotsPerInch }
}
