/// The image and tile size (SIZ) segment of a JPEG 2000 codestream (ITU-T T.800 §A.5.1), checked before the file
/// goes to leptonica.
///
/// Leptonica's JPEG 2000 reader assumes every component has the image's full size: a component subsampled by its
/// `XRsiz`/`YRsiz` (legal in the standard, unused by scans) has fewer samples, and the reader runs past them (a
/// fuzzed file with one component subsampled 1 x 41 crashed it: `TestImages/fuzz/`). Such files are refused with
/// a one-line error instead, and so is a file whose codestream header is not where the format puts it (a second
/// fuzzed file hid a well-formed header in an earlier box, before a subsampled real one).
struct JPEG2000Codestream {
    /// One component: its bit depth and subsampling.
    struct Component: Equatable {
        let bitDepth: Int
        let horizontalSubsampling: Int
        let verticalSubsampling: Int
    }

    let components: [Component]

    /// The SIZ segment at the start of the codestream: the file itself when it is a raw codestream (`FF4F FF51`),
    /// else the contents of the first `jp2c` box among a JP2 file's top-level boxes (ISO/IEC 15444-1 Annex I).
    /// Nil when there is no codestream where it belongs, or its SIZ segment is cut short or inconsistent.
    init?(_ bytes: [UInt8]) {
        let reader = ByteReader(bytes)
        guard let start = Self.codestreamStart(reader), reader.matches([0xFF, 0x4F, 0xFF, 0x51], at: start),
              let length = reader.uint16BE(at: start + 4), let count = reader.uint16BE(at: start + 40),
              count >= 1, length == 38 + 3 * count else { return nil }
        var components: [Component] = []
        for index in 0..<count {
            let at = start + 42 + 3 * index
            guard let depth = reader.byte(at: at), let horizontal = reader.byte(at: at + 1), let vertical = reader.byte(at: at + 2)
            else { return nil }
            components.append(Component(bitDepth: Int(depth & 0x7F) + 1, horizontalSubsampling: Int(horizontal),
                                        verticalSubsampling: Int(vertical)))
        }
        self.components = components
    }

    /// Where the codestream begins: 0 for a raw codestream, else the first `jp2c` box's contents; nil when a JP2
    /// file's boxes do not lead to one.
    static func codestreamStart(_ reader: ByteReader) -> Int? {
        if reader.matches([0xFF, 0x4F, 0xFF, 0x51], at: 0) { return 0 }
        var offset = 0
        for _ in 0..<10_000 {
            guard let length = reader.uint32BE(at: offset), let type = reader.uint32BE(at: offset + 4) else { return nil }
            var header = 8, size = length
            if length == 1 {
                guard let high = reader.uint32BE(at: offset + 8), let low = reader.uint32BE(at: offset + 12), high == 0 else { return nil }
                (header, size) = (16, low)
            } else if length == 0 {
                size = reader.count - offset
            }
            if type == 0x6A70_3263 { return offset + header }  // "jp2c"
            guard size >= header, length != 0 else { return nil }
            offset += size
        }
        return nil
    }

    /// Why leptonica cannot be given `bytes` (a JPEG 2000 file), in words for an error message; nil when it can.
    static func unsupported(_ bytes: [UInt8]) -> String? {
        guard let codestream = JPEG2000Codestream(bytes) else {
            return "no well-formed image header (SIZ) where its codestream begins"
        }
        return codestream.unsupported
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
