#!/usr/bin/env python3
"""Writes TestImages/bad/: hand-made broken inputs, each with an answer key beside it (x.png -> x.json).

A key says what DocSentry must answer for the file:
  {"file": NAME, "expected_error": KIND or null, "expected_exit_code": N, "message_contains": TEXT, "why": ...}
KIND is DecodeError.kind (empty-file, corrupt-image, unknown-format, image-too-large, zero-size-image,
image-too-small). A file that must decode (a JPEG named .png) has "expected_error": null, an
"expected_decode" block, and the verdict the whole pipeline gives (unreadable: there is no MRZ on it).

Deterministic: the same bytes every run. Usage: python3 scripts/make-bad-images.py [OUT_DIR]
"""

import json
import os
import random
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imagefixtures import Leptonica, bmp_bytes, ihdr, png_bytes, png_chunk, PNG_SIGNATURE  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "TestImages", "bad")

BAD_INPUT = 65     # EX_DATAERR: the file's content is the problem
UNREADABLE = 30    # verdict unreadable: the image decodes but holds no MRZ

entries = []


def bad(name, data, kind, contains, why, exit_code=BAD_INPUT):
    entries.append((name, data, {"file": name, "expected_error": kind, "expected_exit_code": exit_code,
                                 "message_contains": contains, "why": why}))


def page(x, y):
    """A light page with dark bars: enough structure that truncation lands inside real image data."""
    if 20 <= y < 100 and (y // 10) % 2 == 0 and 15 <= x < 285 and (x // 7) % 5 != 4:
        return 30 + (x * 3 + y) % 40
    return 235 - (x + y) % 16


# A valid 300x120 grey PNG to break in several ways.
good = png_bytes(300, 120, page, color_type=0)

bad("empty.png", b"", "empty-file", "empty",
    "zero bytes: a scan or a copy that did not complete")

bad("truncated.png", good[: len(good) * 6 // 10], "corrupt-image", "libpng",
    "a valid PNG cut at 60% of its length, inside the image data: libpng's error is reported")


def with_bad_idat_crc(png: bytes) -> bytes:
    at = png.index(b"IDAT")
    length = struct.unpack(">I", png[at - 4:at])[0]
    crc_at = at + 4 + length
    return png[:crc_at] + bytes([png[crc_at] ^ 0xFF]) + png[crc_at + 1:]


bad("bad-crc.png", with_bad_idat_crc(good), "corrupt-image", "CRC",
    "a valid PNG with one byte of its IDAT chunk's CRC changed")

bad("text-named.png", b"This is not an image.\nIt is a text file that was given a .png name by mistake.\n",
    "unknown-format", "plain text", "plain text named .png: the format is taken from the bytes")

bad("one-pixel.png", png_bytes(1, 1, lambda x, y: 255, color_type=0), "image-too-small", "1x1",
    "a valid 1x1 PNG: no MRZ fits in it")

huge = PNG_SIGNATURE + ihdr(100000, 100000, 8, 0) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) \
    + png_chunk(b"IEND", b"")
bad("huge-dimensions.png", huge, "image-too-large", "100000x100000",
    "IHDR declares 100000x100000 (10 gigapixels) with a valid CRC: refused from the header, nothing allocated")

bad("zero-length-idat.png",
    PNG_SIGNATURE + ihdr(200, 100, 8, 0) + png_chunk(b"IDAT", b"") + png_chunk(b"IEND", b""),
    "corrupt-image", "libpng", "a 200x100 header whose only IDAT chunk is empty: no image data at all")

rng = random.Random(20240605)
garbage = bytes(rng.randrange(256) for _ in range(4096))
assert garbage[:1] not in (b"\x89", b"\xff", b"I", b"M", b"G", b"R", b"B", b"P", b"\x00"), "garbage looks like an image"
bad("garbage.png", garbage, "unknown-format", "first bytes",
    "4096 random bytes named .png")

bad("pdf-named.png", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    "unknown-format", "PDF", "a PDF document named .png: DocSentry reads images, not PDFs")

bad("zero-width.png", PNG_SIGNATURE + ihdr(0, 100, 8, 0) + png_chunk(b"IDAT", zlib.compress(b"")) +
    png_chunk(b"IEND", b""), "zero-size-image", "0x100", "IHDR declares a width of 0 (valid CRC)")

lept = Leptonica()
pix = lept.pix(400, 150, lambda x, y: page(x * 3 // 4, y * 4 // 5), depth=8)
jpeg = lept.jpeg(pix, 90)
lept.destroy(pix)

bad("truncated-jpeg.jpg", jpeg[: len(jpeg) // 2], "corrupt-image", "JPEG",
    "a valid JPEG cut in half: libjpeg's warnings make leptonica refuse it, no half-grey image is used")


def jpeg_with_frame_size(jpeg: bytes, width: int, height: int) -> bytes:
    """Rewrites the SOF0 frame header's size, leaving everything else as it was."""
    at = jpeg.index(b"\xff\xc0")
    return jpeg[:at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9:]


bad("huge-dimensions-jpeg.jpg", jpeg_with_frame_size(jpeg, 65000, 65000), "image-too-large", "65000x65000",
    "a JPEG whose frame header (SOF0) declares 65000x65000: refused before libjpeg allocates anything")

bad("huge-dimensions-bmp.bmp", bmp_bytes(100000, 1, lambda x, y: (255, 255, 255))[:54].replace(
    struct.pack("<ii", 100000, 1), struct.pack("<ii", 100000, 100000)) + bytes(64), "image-too-large",
    "100000x100000", "a BMP header declaring 100000x100000 followed by 64 bytes")

# GIF: a small logical screen, but one frame whose own descriptor declares 65535x65535.
gif = b"GIF89a" + struct.pack("<HHBBB", 100, 100, 0, 0, 0)
gif += b"\x2c" + struct.pack("<HHHHB", 0, 0, 65535, 65535, 0) + b"\x02\x02\x44\x01\x00" + b"\x3b"
bad("huge-frame.gif", gif, "image-too-large", "65535x65535",
    "a GIF whose screen is 100x100 but whose frame declares 65535x65535 (giflib would allocate 4 GB)")

entries.append(("jpeg-named.png", jpeg, {
    "file": "jpeg-named.png", "expected_error": None,
    "expected_decode": {"format": "jpeg", "width": 400, "height": 150},
    "expected_exit_code": UNREADABLE, "expected_verdict": "unreadable",
    "why": "a valid JPEG named .png: it must DECODE (format from the bytes); it shows no MRZ, so the "
           "pipeline's verdict is unreadable",
}))

os.makedirs(OUT, exist_ok=True)
for name, data, key in entries:
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    with open(os.path.join(OUT, os.path.splitext(name)[0] + ".json"), "w") as f:
        json.dump(key, f, indent=1)
        f.write("\n")
print(f"wrote {len(entries)} bad files and their keys to {OUT}")
