import CTesseract

/// The few leptonica calls the decoder makes, with ownership spelled out: every PIX is held by an
/// `OwnedPix`, which destroys it exactly once.
enum Leptonica {
    /// Leptonica prints its warnings and errors to stderr (on every damaged file); DocSentry reports errors
    /// itself, one line each, so leptonica is silenced once, process-wide, before its first use.
    static func silence() { _ = silenced }

    private static let silenced: Void = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
    }()

    /// Decodes any format leptonica reads (the format is found from the bytes), or says what the underlying
    /// library printed when it could not (libjpeg prints; see `StdioErrorCapture`).
    static func read(_ bytes: [UInt8]) -> ReadOutcome {
        silence()
        let (pix, output) = StdioErrorCapture.run {
            bytes.withUnsafeBufferPointer { pixReadMem($0.baseAddress, $0.count) }
        }
        guard let pix else { return .failed(message: output) }
        return .decoded(OwnedPix(pix))
    }

    /// A decoded PIX, or the failure's message (empty when the library printed nothing).
    enum ReadOutcome: ~Copyable {
        case decoded(OwnedPix)
        case failed(message: String)
    }

    /// The 8-bit grey raster of a PIX of any depth: colormaps removed, alpha composited on white, colour
    /// to grey with the Rec. 709 weights libpng uses for PNG (so every format gives the same grey for the
    /// same colour), 16 bits reduced to the high byte, 1/2/4 bits scaled to 0-255 (1-bit ink is black).
    /// On failure, the name of the leptonica call that failed.
    static func greyRaster(_ source: borrowing OwnedPix) -> Result<Raster, LeptonicaStepFailure> {
        let dpi = pixGetXRes(source.pointer)
        guard let clone = pixClone(source.pointer) else { return .failure(.init(operation: "pixClone")) }
        var current = OwnedPix(clone)
        for _ in 0..<4 {  // each step lowers the depth or removes a colormap; four is always enough
            let pix = current.pointer
            let depth = pixGetDepth(pix)
            if let cmap = pixGetColormap(pix) {
                var opaque: Int32 = 1
                _ = pixcmapIsOpaque(cmap, &opaque)
                let type = opaque != 0 ? REMOVE_CMAP_BASED_ON_SRC : REMOVE_CMAP_WITH_ALPHA
                guard let next = pixRemoveColormap(pix, Int32(type)) else {
                    return .failure(.init(operation: "pixRemoveColormap"))
                }
                current = OwnedPix(next)
                continue
            }
            switch depth {
            case 8:
                let raster = copyGrey8(pix, dotsPerInch: dpi > 0 ? Double(dpi) : nil)
                return .success(raster)
            case 32:
                if pixGetSpp(pix) == 4 {
                    guard let blended = pixAlphaBlendUniform(pix, 0xFFFF_FF00) else {
                        return .failure(.init(operation: "pixAlphaBlendUniform"))
                    }
                    current = OwnedPix(blended)
                    _ = pixSetSpp(current.pointer, 3)
                }
                guard let grey = pixConvertRGBToGray(current.pointer, 0.2126, 0.7152, 0.0722) else {
                    return .failure(.init(operation: "pixConvertRGBToGray"))
                }
                current = OwnedPix(grey)
            case 16:
                guard let grey = pixConvert16To8(pix, Int32(L_MS_BYTE)) else {
                    return .failure(.init(operation: "pixConvert16To8"))
                }
                current = OwnedPix(grey)
            default:
                guard let grey = pixConvertTo8(pix, 0) else {
                    return .failure(.init(operation: "pixConvertTo8 (from \(depth) bits)"))
                }
                current = OwnedPix(grey)
            }
        }
        return .failure(.init(operation: "conversion to 8-bit grey (depth \(pixGetDepth(current.pointer)))"))
    }

    /// Copies an 8-bit PIX row by row. Leptonica keeps pixels in 32-bit words with the first pixel in the
    /// most significant byte, so on a little-endian machine byte x of a row sits at address x ^ 3.
    private static func copyGrey8(_ pix: UnsafeMutablePointer<PIX>, dotsPerInch: Double?) -> Raster {
        let width = Int(pixGetWidth(pix)), height = Int(pixGetHeight(pix))
        let wordsPerLine = Int(pixGetWpl(pix))
        let base = UnsafeRawPointer(pixGetData(pix)!)
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            for y in 0..<height {
                let line = (base + y * wordsPerLine * 4).assumingMemoryBound(to: UInt8.self)
                let row = y * width
                #if _endian(little)
                for x in 0..<width { out[row + x] = line[x ^ 3] }
                #else
                for x in 0..<width { out[row + x] = line[x] }
                #endif
            }
            count = width * height
        }
        return Raster(width: width, height: height, pixels: pixels, dotsPerInch: dotsPerInch)
    }
}

/// Which leptonica call failed while converting a decoded image to grey.
struct LeptonicaStepFailure: Error {
    let operation: String
}

/// One leptonica PIX, destroyed when this value ends. Not copyable, so a PIX cannot be destroyed twice.
struct OwnedPix: ~Copyable {
    let pointer: UnsafeMutablePointer<PIX>

    init(_ pointer: UnsafeMutablePointer<PIX>) { self.pointer = pointer }

    deinit {
        var pix: UnsafeMutablePointer<PIX>? = pointer
        pixDestroy(&pix)
    }
}
