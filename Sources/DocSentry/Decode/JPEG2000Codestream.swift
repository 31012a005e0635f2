/// The image and tile size (SIZ) segment of a JPEG 2000 codestream (ITU-T T.800 §A.5.1), checked before the file
/// goes to leptonica.
///
/// Leptonica's JPEG 2000 reader assumes every component has the image's full size: a component subsampled by its
/// `XRsiz`/`YRsiz` (legal in the standard, unused by scans) has fewer samples, and the reader runs past them (a
/// fuzzed file with one component subsampled 1 x 41 crashed it: `TestImages/fuzz/`). Such files are refused with
/// a one-line error instead.
struct JPEG2000Codestream {
    /// One component: its bit depth and subsampling.
    struct Component: Equatable {
        let bitDepth: Int
        let horizontalSubsampling: Int
        let verticalSubsampling: Int
    }

    let components: [Component]

    /// The SIZ segment that follows the first start-of-codestream marker (`FF4F FF51`), in a raw codestream or a
    /// JP2 file's `jp2c` box; nil when there is none or it is cut short (leptonica then says what is wrong).
    init?(_ bytes: [UInt8]) {
        let reader = ByteReader(bytes)
        guard let start = Self.startOfSIZ(bytes), let length = reader.uint16BE(at: start + 2),
              let count = reader.uint16BE(at: start + 38), count >= 1, length == 38 + 3 * count else { return nil }
        var components: [Component] = []
        for index in 0..<count {
            let at = start + 40 + 3 * index
            guard let depth = reader.byte(at: at), let horizontal = reader.byte(at: at + 1), let vertical = reader.byte(at: at + 2)
            else { return nil }
            components.append(Component(bitDepth: Int(depth & 0x7F) + 1, horizontalSubsampling: Int(horizontal),
                                        verticalSubsampling: Int(vertical)))
        }
        self.components = components
    }

    /// The offset of the SIZ marker (`FF51`) right after the first SOC marker (`FF4F`).
    static func startOfSIZ(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for offset in 0..<(bytes.count - 3) where bytes[offset] == 0xFF && bytes[offset + 1] == 0x4F
            && bytes[offset + 2] == 0xFF && bytes[offset + 3] == 0x51 {
            return offset + 2
        }
        return nil
    }

    /// Why leptonica cannot be given this codestream, in words for an error message; nil when it can.
    var unsupported: String? {
        guard let index = components.firstIndex(where: { $0.horizontalSubsampling != 1 || $0.verticalSubsampling != 1 }) else {
            return nil
        }
        let component = components[index]
        return "component \(index + 1) is subsampled \(component.horizontalSubsampling) x \(component.verticalSubsampling), which the JPEG 2000 reader (leptonica) cannot decode"
    }
}
