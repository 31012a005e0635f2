"""Writers for the image fixtures under TestImages/decode/ and TestImages/bad/.

Pure Python (zlib, struct) for PNG, BMP, PNM and uncompressed TIFF, so the bytes are exactly what the
fixture means; leptonica through ctypes for the lossy or complex formats Python cannot write alone
(JPEG, WebP, GIF, JPEG 2000, compressed TIFF). Used by scripts/make-decode-fixtures.py and
scripts/make-bad-images.py; not a library for the product.
"""

import ctypes
import ctypes.util
import struct
import zlib

# --------------------------------------------------------------------------------------------- PNG

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SAMPLES_PER_PIXEL = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One chunk: length, type, data, CRC over type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def ihdr(width, height, bit_depth=8, color_type=0, interlace=0) -> bytes:
    return png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace))


def _pack_row(pixels, color_type, bit_depth) -> bytes:
    """Packs one row of pixels (ints for grey/palette, tuples otherwise) MSB first, 16-bit big-endian."""
    samples = []
    for p in pixels:
        samples.extend(p if isinstance(p, tuple) else (p,))
    if bit_depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if bit_depth == 8:
        return bytes(samples)
    out, acc, nbits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << bit_depth) | s
        nbits += bit_depth
        if nbits == 8:
            out.append(acc)
            acc, nbits = 0, 0
    if nbits:
        out.append(acc << (8 - nbits))
    return bytes(out)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _filter_rows(rows, bytes_per_pixel) -> bytes:
    """Filters each packed row with type (row index mod 5), so every PNG filter is exercised."""
    out = bytearray()
    previous = bytes(len(rows[0])) if rows else b""
    for index, row in enumerate(rows):
        kind = index % 5
        filtered = bytearray()
        for i, x in enumerate(row):
            a = row[i - bytes_per_pixel] if i >= bytes_per_pixel else 0
            b = previous[i]
            c = previous[i - bytes_per_pixel] if i >= bytes_per_pixel else 0
            predictor = (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]
            filtered.append((x - predictor) & 0xFF)
        out.append(kind)
        out += filtered
        previous = row
    return bytes(out)


def png_bytes(width, height, pixel, color_type=0, bit_depth=8, interlace=False, palette=None, trns=None,
              dpi=None, idat_split=None) -> bytes:
    """A complete PNG. `pixel(x, y)` gives the stored samples (an int, or a tuple for multi-sample types).

    palette: list of (r, g, b) for colour type 3; trns: the tRNS chunk's payload bytes; dpi: writes pHYs;
    idat_split: the largest IDAT payload, to spread the data over several IDAT chunks.
    """
    spp = SAMPLES_PER_PIXEL[color_type]
    bytes_per_pixel = max(1, spp * bit_depth // 8)
    grid = [[pixel(x, y) for x in range(width)] for y in range(height)]
    raw = bytearray()
    if interlace:
        for x0, y0, dx, dy in ADAM7:
            xs, ys = list(range(x0, width, dx)), list(range(y0, height, dy))
            if not xs or not ys:
                continue
            rows = [_pack_row([grid[y][x] for x in xs], color_type, bit_depth) for y in ys]
            raw += _filter_rows(rows, bytes_per_pixel)
    else:
        rows = [_pack_row(grid[y], color_type, bit_depth) for y in range(height)]
        raw += _filter_rows(rows, bytes_per_pixel)
    data = zlib.compress(bytes(raw), 9)
    out = PNG_SIGNATURE + ihdr(width, height, bit_depth, color_type, 1 if interlace else 0)
    if dpi:
        ppm = round(dpi / 0.0254)
        out += png_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    if palette is not None:
        out += png_chunk(b"PLTE", b"".join(bytes(c) for c in palette))
    if trns is not None:
        out += png_chunk(b"tRNS", trns)
    step = idat_split or len(data) or 1
    for start in range(0, max(len(data), 1), step):
        out += png_chunk(b"IDAT", data[start:start + step])
    return out + png_chunk(b"IEND", b"")


# --------------------------------------------------------------------------------------------- BMP


def bmp_bytes(width, height, pixel, bits=24, palette=None, dpi=None, top_down=False) -> bytes:
    """A Windows BMP (BITMAPINFOHEADER), uncompressed. pixel(x, y) gives (r, g, b) for 24 bits, else an index."""
    row_bits = width * bits
    stride = ((row_bits + 31) // 32) * 4
    rows = []
    for y in range(height):
        row = bytearray()
        if bits == 24:
            for x in range(width):
                r, g, b = pixel(x, y)
                row += bytes((b, g, r))
        else:
            acc, nbits = 0, 0
            for x in range(width):
                acc = (acc << bits) | pixel(x, y)
                nbits += bits
                if nbits == 8:
                    row.append(acc)
                    acc, nbits = 0, 0
            if nbits:
                row.append(acc << (8 - nbits))
        row += bytes(stride - len(row))
        rows.append(bytes(row))
    if not top_down:
        rows.reverse()
    colours = b"".join(bytes((b, g, r, 0)) for (r, g, b) in (palette or []))
    ppm = round(dpi / 0.0254) if dpi else 0
    offset = 14 + 40 + len(colours)
    info = struct.pack("<IiiHHIIiiII", 40, width, -height if top_down else height, 1, bits, 0,
                       stride * height, ppm, ppm, len(palette or []), 0)
    header = b"BM" + struct.pack("<IHHI", offset + stride * height, 0, 0, offset)
    return header + info + colours + b"".join(rows)


# --------------------------------------------------------------------------------------------- PNM


def pnm_bytes(kind, width, height, pixel, maxval=255) -> bytes:
    """P1/P2/P3 (ASCII) or P4/P5/P6 (binary) portable any-map. pixel gives 0/1 for P1/P4, a level, or (r,g,b)."""
    header = f"{kind}\n# DocSentry decode fixture\n{width} {height}\n"
    if kind not in ("P1", "P4"):
        header += f"{maxval}\n"
    out = bytearray(header.encode("ascii"))
    if kind == "P4":
        for y in range(height):
            out += _pack_row([pixel(x, y) for x in range(width)], 0, 1)
    elif kind in ("P5", "P6"):
        fmt = ">H" if maxval > 255 else ">B"
        for y in range(height):
            for x in range(width):
                value = pixel(x, y)
                for s in (value if isinstance(value, tuple) else (value,)):
                    out += struct.pack(fmt, s)
    else:
        for y in range(height):
            values = []
            for x in range(width):
                value = pixel(x, y)
                values.extend(str(s) for s in (value if isinstance(value, tuple) else (value,)))
            out += (" ".join(values) + "\n").encode("ascii")
    return bytes(out)


# -------------------------------------------------------------------------------------------- TIFF


def tiff_bytes(width, height, pixel, samples=1, bits=8, dpi=None, orientation=None, big_endian=False) -> bytes:
    """An uncompressed, single-strip TIFF: grey (samples=1, 8 or 16 bits) or RGB (samples=3, 8 bits)."""
    e = ">" if big_endian else "<"
    data = bytearray()
    for y in range(height):
        for x in range(width):
            value = pixel(x, y)
            for s in (value if isinstance(value, tuple) else (value,)):
                data += struct.pack(e + ("H" if bits == 16 else "B"), s)
    entries = [  # (tag, type, values); type 3 SHORT, 4 LONG, 5 RATIONAL
        (256, 4, [width]), (257, 4, [height]), (258, 3, [bits] * samples), (259, 3, [1]),
        (262, 3, [2 if samples == 3 else 1]), (273, 4, [0]),
    ]
    if orientation:
        entries.append((274, 3, [orientation]))
    entries += [(277, 3, [samples]), (278, 4, [height]), (279, 4, [len(data)])]
    if dpi:
        entries += [(282, 5, [(dpi, 1)]), (283, 5, [(dpi, 1)]), (296, 3, [2])]
    # Layout: header (8), pixel data, then the IFD, then out-of-line values.
    data_offset = 8
    ifd_offset = data_offset + len(data) + (len(data) & 1)
    extra_offset = ifd_offset + 2 + 12 * len(entries) + 4
    ifd, extra = bytearray(struct.pack(e + "H", len(entries))), bytearray()
    for tag, kind, values in entries:
        if tag == 273:
            values = [data_offset]
        if kind == 5:
            payload = b"".join(struct.pack(e + "II", n, d) for n, d in values)
        else:
            payload = b"".join(struct.pack(e + ("H" if kind == 3 else "I"), v) for v in values)
        if len(payload) <= 4:
            field = payload + bytes(4 - len(payload))
        else:
            field = struct.pack(e + "I", extra_offset + len(extra))
            extra += payload + bytes(len(payload) & 1)
        ifd += struct.pack(e + "HHI", tag, kind, len(values)) + field
    ifd += struct.pack(e + "I", 0)
    magic = (b"MM" + struct.pack(">H", 42)) if big_endian else (b"II" + struct.pack("<H", 42))
    return magic + struct.pack(e + "I", ifd_offset) + bytes(data) + bytes(len(data) & 1) + bytes(ifd) + bytes(extra)


# ------------------------------------------------------------------------------------------- EXIF


def exif_app1(orientation, big_endian=False) -> bytes:
    """A JPEG APP1 segment holding an EXIF block whose IFD0 has one entry: Orientation."""
    e = ">" if big_endian else "<"
    tiff = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    # Two entries so the parser has to walk: a harmless XResolution-free Make tag first, then Orientation.
    make = b"DocSentry\x00"
    make_offset = 8 + 2 + 12 * 2 + 4
    tiff += struct.pack(e + "H", 2)
    tiff += struct.pack(e + "HHII", 0x010F, 2, len(make), make_offset)
    tiff += struct.pack(e + "HHI", 0x0112, 3, 1) + struct.pack(e + "HH", orientation, 0)
    tiff += struct.pack(e + "I", 0) + make
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def insert_after_soi(jpeg: bytes, segment: bytes) -> bytes:
    """Puts a marker segment right after the JPEG's SOI (EXIF readers look at the first segments)."""
    assert jpeg[:2] == b"\xff\xd8", "not a JPEG"
    return jpeg[:2] + segment + jpeg[2:]


# -------------------------------------------------------------------------------------- leptonica


class Leptonica:
    """The few leptonica calls the fixtures need: make a PIX, set pixels, write it to memory."""

    FORMATS = {"bmp": 1, "jpeg": 2, "png": 3, "tiff": 4, "tiff-g4": 8, "tiff-lzw": 9, "tiff-zip": 10,
               "pnm": 11, "gif": 13, "jp2": 14, "webp": 15}

    def __init__(self):
        name = ctypes.util.find_library("lept") or "liblept.so.5"
        self.lib = ctypes.CDLL(name)
        lib = self.lib
        vp, i32 = ctypes.c_void_p, ctypes.c_int32
        lib.pixCreate.restype = vp
        lib.pixCreate.argtypes = [i32, i32, i32]
        lib.pixSetPixel.argtypes = [vp, i32, i32, ctypes.c_uint32]
        lib.pixSetRGBPixel.argtypes = [vp, i32, i32, i32, i32, i32]
        lib.pixSetResolution.argtypes = [vp, i32, i32]
        lib.pixSetSpp.argtypes = [vp, i32]
        lib.pixDestroy.argtypes = [ctypes.POINTER(vp)]
        lib.pixWriteMem.argtypes = [ctypes.POINTER(vp), ctypes.POINTER(ctypes.c_size_t), vp, i32]
        lib.pixWriteMemJpeg.argtypes = [ctypes.POINTER(vp), ctypes.POINTER(ctypes.c_size_t), vp, i32, i32]
        lib.pixWriteMemWebP.argtypes = [ctypes.POINTER(vp), ctypes.POINTER(ctypes.c_size_t), vp, i32, i32]
        lib.lept_free.argtypes = [vp]
        lib.setMsgSeverity.argtypes = [i32]
        lib.setMsgSeverity(6)

    def pix(self, width, height, pixel, depth=8, dpi=None, alpha=False):
        """A PIX of depth 1, 8 or 32. pixel gives an int (1/8 bpp), (r,g,b) or (r,g,b,a) (32 bpp)."""
        pix = self.lib.pixCreate(width, height, depth)
        if not pix:
            raise RuntimeError("pixCreate failed")
        for y in range(height):
            for x in range(width):
                value = pixel(x, y)
                if depth == 32:
                    r, g, b = value[:3]
                    a = value[3] if len(value) > 3 else 255
                    self.lib.pixSetPixel(pix, x, y, (r << 24) | (g << 16) | (b << 8) | a)
                else:
                    self.lib.pixSetPixel(pix, x, y, value)
        if alpha:
            self.lib.pixSetSpp(pix, 4)
        if dpi:
            self.lib.pixSetResolution(pix, dpi, dpi)
        return pix

    def _take(self, call) -> bytes:
        data, size = ctypes.c_void_p(), ctypes.c_size_t()
        if call(ctypes.byref(data), ctypes.byref(size)) != 0 or not data.value:
            raise RuntimeError("leptonica could not write the image")
        out = ctypes.string_at(data.value, size.value)
        self.lib.lept_free(data)
        return out

    def write(self, pix, fmt) -> bytes:
        return self._take(lambda d, s: self.lib.pixWriteMem(d, s, pix, self.FORMATS[fmt]))

    def jpeg(self, pix, quality=92, progressive=False) -> bytes:
        return self._take(lambda d, s: self.lib.pixWriteMemJpeg(d, s, pix, quality, 1 if progressive else 0))

    def webp(self, pix, quality=90, lossless=True) -> bytes:
        return self._take(lambda d, s: self.lib.pixWriteMemWebP(d, s, pix, quality, 1 if lossless else 0))

    def destroy(self, pix):
        p = ctypes.c_void_p(pix)
        self.lib.pixDestroy(ctypes.byref(p))


# ---------------------------------------------------------------------------------------- colours


def luma709(r, g, b) -> float:
    """The grey DocSentry makes of an sRGB colour: Rec. 709 weights, as libpng's default rgb-to-grey."""
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def over_white(grey, alpha) -> float:
    """A grey level with alpha (0-255) composited on a white page."""
    return grey * alpha / 255 + 255 * (1 - alpha / 255)
