/// The bounds the decoder enforces on an input before it spends memory or time on it.
///
/// Every size check is made on the size the file *declares* in its header, before any pixel memory is
/// allocated, so a 100000x100000 header costs a few microseconds, not 10 GB.
public struct DecodeLimits: Sendable, Equatable {
    /// The most pixels (width x height) one image may declare. 100 megapixels holds a TD3 page at 1200 dpi
    /// with room to spare; `--max-pixels` changes it.
    public var maxPixels: Int
    /// The largest file read at all; refused before reading. An uncompressed 100-megapixel RGB TIFF is
    /// about 300 MB, so 512 MiB leaves room for any legitimate scan.
    public var maxFileBytes: Int
    /// The shortest long side an image may have: an MRZ line holds up to 44 characters and an OCR-B
    /// character needs about 2 pixels to survive at all, so below 90 pixels no MRZ can be legible,
    /// whatever the rotation.
    public var minimumLongSide: Int
    /// The shortest short side: two MRZ lines need at least about 6 pixels each.
    public var minimumShortSide: Int

    public init(maxPixels: Int = 100_000_000, maxFileBytes: Int = 512 << 20, minimumLongSide: Int = 90,
                minimumShortSide: Int = 12) {
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
        self.minimumLongSide = minimumLongSide
        self.minimumShortSide = minimumShortSide
    }

    /// The defaults above.
    public static let standard = DecodeLimits()
}
