#!/usr/bin/env python3
"""Writes TestImages/decode/: one small image per format and PNG colour type / bit depth, and answers.json.

The decode tests (Tests/DocSentryTests/Decode/) open every file listed in answers.json and compare the
decoded 8-bit grey raster with the expected grey levels of a few pixels. Expected values are computed here
from the samples written into the file, with the rules DocSentry promises: Rec. 709 weights for colour,
alpha composited on white, low bit depths scaled to 0-255, 16 bits reduced to their high byte, EXIF
orientation applied.

PNG, BMP, PNM and plain TIFF are written in pure Python; JPEG, WebP, GIF, JPEG 2000 and compressed TIFF
through leptonica (ctypes), which DocSentry also decodes with. Deterministic: running it twice gives the
same bytes. Usage: python3 scripts/make-decode-fixtures.py [OUT_DIR]
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imagefixtures import (Leptonica, bmp_bytes, exif_app1, insert_after_soi, luma709, over_white,  # noqa: E402
                           png_bytes, pnm_bytes, tiff_bytes)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "TestImages", "decode")

# ------------------------------------------------------------------ PNG: every colour type and bit depth
W, H = 97, 29  # odd sizes: partial bytes at row ends, partial Adam7 passes; 97 clears the MRZ minimum of 90
POINTS = [(0, 0), (1, 0), (2, 0), (96, 0), (0, 28), (96, 28), (48, 14), (5, 7), (71, 22), (13, 25), (3, 1), (4, 1),
          (90, 3), (60, 27)]
ALPHAS = [0, 64, 128, 192, 255]


def base8(x, y):
    return (x * 7 + y * 13) % 256


def rgb8(x, y):
    return ((x * 9 + y * 3) % 256, (x * 4 + y * 17) % 256, (x * 13 + y * 7) % 256)


def alpha8(x, y):
    return ALPHAS[(x + y) % 5]


def low(x, y, depth):
    return (x + 2 * y) % (1 << depth)


def palette(depth):
    n = {1: 2, 2: 4, 4: 16, 8: 200}[depth]
    return [((i * 53 + 17) % 256, (i * 97 + 5) % 256, (i * 151 + 90) % 256) for i in range(n)]


def index(x, y, depth):
    return (x * 3 + y * 5) % len(palette(depth))


answers = {}
files = {}


def add_png(name, expected, note, tolerance=1, dpi=None, **kwargs):
    files[name] = png_bytes(W, H, dpi=dpi, **kwargs)
    answers[name] = {
        "format": "png", "width": W, "height": H, "dpi": dpi, "note": note, "tolerance": tolerance,
        "pixels": [[x, y, round(expected(x, y))] for (x, y) in POINTS],
    }


def png_family(interlace):
    suffix = "-interlaced" if interlace else ""
    il = ", Adam7 interlaced" if interlace else ""
    for depth in (1, 2, 4):
        add_png(f"grey-{depth}{suffix}.png", lambda x, y, d=depth: low(x, y, d) * 255 / ((1 << d) - 1),
                f"grey, {depth}-bit{il}", pixel=lambda x, y, d=depth: low(x, y, d), color_type=0, bit_depth=depth,
                interlace=interlace)
    add_png(f"grey-8{suffix}.png", base8, f"grey, 8-bit{il}", pixel=base8, color_type=0, interlace=interlace)
    add_png(f"grey-16{suffix}.png", base8, f"grey, 16-bit{il}", pixel=lambda x, y: base8(x, y) * 257,
            color_type=0, bit_depth=16, interlace=interlace)
    for depth in (8, 16):
        scale = 257 if depth == 16 else 1
        add_png(f"grey-alpha-{depth}{suffix}.png", lambda x, y: over_white(base8(x, y), alpha8(x, y)),
                f"grey + alpha, {depth}-bit{il}", pixel=lambda x, y, s=scale: (base8(x, y) * s, alpha8(x, y) * s),
                color_type=4, bit_depth=depth, interlace=interlace, tolerance=2)
        add_png(f"rgb-{depth}{suffix}.png", lambda x, y: luma709(*rgb8(x, y)), f"RGB, {depth}-bit{il}",
                pixel=lambda x, y, s=scale: tuple(c * s for c in rgb8(x, y)), color_type=2, bit_depth=depth,
                interlace=interlace, tolerance=2, dpi=300 if depth == 8 and not interlace else None)
        add_png(f"rgba-{depth}{suffix}.png", lambda x, y: over_white(luma709(*rgb8(x, y)), alpha8(x, y)),
                f"RGB + alpha, {depth}-bit{il}",
                pixel=lambda x, y, s=scale: tuple(c * s for c in rgb8(x, y) + (alpha8(x, y),)),
                color_type=6, bit_depth=depth, interlace=interlace, tolerance=2)
    for depth in (1, 2, 4, 8):
        add_png(f"palette-{depth}{suffix}.png", lambda x, y, d=depth: luma709(*palette(d)[index(x, y, d)]),
                f"palette, {depth}-bit{il}", pixel=lambda x, y, d=depth: index(x, y, d), color_type=3,
                bit_depth=depth, palette=palette(depth), interlace=interlace, tolerance=2)


png_family(False)
png_family(True)

# Transparency by tRNS instead of an alpha channel.
PALETTE_ALPHA = [(i * 37) % 256 for i in range(150)]  # entries 150..199 stay opaque
add_png("palette-8-trns.png",
        lambda x, y: over_white(luma709(*palette(8)[index(x, y, 8)]),
                                PALETTE_ALPHA[index(x, y, 8)] if index(x, y, 8) < 150 else 255),
        "palette, 8-bit, tRNS alpha per entry", pixel=lambda x, y: index(x, y, 8), color_type=3,
        palette=palette(8), trns=bytes(PALETTE_ALPHA), tolerance=2)
KEY_GREY = base8(48, 14)
add_png("grey-8-trns.png", lambda x, y: 255 if base8(x, y) == KEY_GREY else base8(x, y),
        "grey, 8-bit, tRNS transparent grey level", pixel=base8, color_type=0,
        trns=KEY_GREY.to_bytes(2, "big"))
KEY_RGB = rgb8(5, 7)
add_png("rgb-8-trns.png", lambda x, y: 255 if rgb8(x, y) == KEY_RGB else luma709(*rgb8(x, y)),
        "RGB, 8-bit, tRNS transparent colour", pixel=rgb8, color_type=2,
        trns=b"".join(c.to_bytes(2, "big") for c in KEY_RGB), tolerance=2)
add_png("grey-8-split-idat.png", base8, "grey, 8-bit, image data over many IDAT chunks", pixel=base8,
        color_type=0, idat_split=64)

# --------------------------------------------------------- other formats: one quadrant pattern, 96x64
QW, QH = 96, 64
QUAD_POINTS = [(24, 16), (72, 16), (24, 48), (72, 48), (3, 3), (92, 3), (3, 60), (92, 60)]
GREYS = [20, 90, 160, 230]                                                  # TL, TR, BL, BR
COLOURS = [(200, 40, 40), (40, 160, 60), (50, 70, 210), (235, 235, 220)]
BITS = [1, 0, 0, 1]                                                          # 1 = black


def quadrant(x, y):
    return (1 if x >= QW // 2 else 0) + (2 if y >= QH // 2 else 0)


def grey_q(x, y):
    return GREYS[quadrant(x, y)]


def colour_q(x, y):
    return COLOURS[quadrant(x, y)]


def bit_q(x, y):
    return BITS[quadrant(x, y)]


def add_quad(name, fmt, data, expected, note, tolerance=1, dpi=None, width=QW, height=QH, **extra):
    files[name] = data
    answers[name] = {
        "format": fmt, "width": width, "height": height, "dpi": dpi, "note": note, "tolerance": tolerance,
        "pixels": [[x, y, round(expected(x, y))] for (x, y) in QUAD_POINTS], **extra,
    }


def colour_grey(x, y):
    return luma709(*colour_q(x, y))


def bit_grey(x, y):
    return 0 if bit_q(x, y) else 255


# BMP
grey_palette = [(v, v, v) for v in GREYS]
add_quad("bmp-24.bmp", "bmp", bmp_bytes(QW, QH, colour_q, bits=24), colour_grey, "BMP, 24-bit BGR, bottom-up",
         tolerance=2)
add_quad("bmp-24-top-down.bmp", "bmp", bmp_bytes(QW, QH, colour_q, bits=24, top_down=True), colour_grey,
         "BMP, 24-bit BGR, top-down (negative height)", tolerance=2)
add_quad("bmp-8-palette.bmp", "bmp", bmp_bytes(QW, QH, quadrant, bits=8, palette=COLOURS), colour_grey,
         "BMP, 8-bit palette", tolerance=2)
add_quad("bmp-1.bmp", "bmp", bmp_bytes(QW, QH, lambda x, y: 1 - bit_q(x, y), bits=1,
                                       palette=[(0, 0, 0), (255, 255, 255)]), bit_grey, "BMP, 1-bit")

# PNM
add_quad("pbm-p1.pbm", "pnm", pnm_bytes("P1", QW, QH, bit_q), bit_grey, "PBM, ASCII (P1)")
add_quad("pbm-p4.pbm", "pnm", pnm_bytes("P4", QW, QH, bit_q), bit_grey, "PBM, binary (P4)")
add_quad("pgm-p2.pgm", "pnm", pnm_bytes("P2", QW, QH, grey_q), grey_q, "PGM, ASCII (P2)")
add_quad("pgm-p5.pgm", "pnm", pnm_bytes("P5", QW, QH, grey_q), grey_q, "PGM, binary 8-bit (P5)")
add_quad("pgm-p5-16.pgm", "pnm", pnm_bytes("P5", QW, QH, lambda x, y: grey_q(x, y) * 257, maxval=65535), grey_q,
         "PGM, binary 16-bit (P5, maxval 65535)")
add_quad("ppm-p6.ppm", "pnm", pnm_bytes("P6", QW, QH, colour_q), colour_grey, "PPM, binary (P6)", tolerance=2)
add_quad("ppm-p3.ppm", "pnm", pnm_bytes("P3", QW, QH, colour_q), colour_grey, "PPM, ASCII (P3)", tolerance=2)

# TIFF (plain ones in Python)
add_quad("tiff-grey-8.tif", "tiff", tiff_bytes(QW, QH, grey_q, dpi=300), grey_q,
         "TIFF, uncompressed, grey 8-bit, little-endian, 300 dpi", dpi=300)
add_quad("tiff-grey-16.tif", "tiff", tiff_bytes(QW, QH, lambda x, y: grey_q(x, y) * 257, bits=16), grey_q,
         "TIFF, uncompressed, grey 16-bit")
add_quad("tiff-rgb-8-big-endian.tif", "tiff", tiff_bytes(QW, QH, colour_q, samples=3, big_endian=True),
         colour_grey, "TIFF, uncompressed, RGB 8-bit, big-endian (MM)", tolerance=2)


def orient(orientation, grid):
    """Applies an EXIF/TIFF orientation (1-8) to a grid of rows: the transform that shows it upright."""
    h, w = len(grid), len(grid[0])
    at = {
        1: lambda x, y: grid[y][x], 2: lambda x, y: grid[y][w - 1 - x], 3: lambda x, y: grid[h - 1 - y][w - 1 - x],
        4: lambda x, y: grid[h - 1 - y][x], 5: lambda x, y: grid[x][y], 6: lambda x, y: grid[h - 1 - x][y],
        7: lambda x, y: grid[h - 1 - x][w - 1 - y], 8: lambda x, y: grid[x][w - 1 - y],
    }[orientation]
    ow, oh = (h, w) if orientation >= 5 else (w, h)
    return [[at(x, y) for x in range(ow)] for y in range(oh)]


INVERSE = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}


def stored_for(orientation, fn):
    """The stored pixels of an image tagged `orientation` whose upright picture is fn over QW x QH."""
    upright = [[fn(x, y) for x in range(QW)] for y in range(QH)]
    stored = orient(INVERSE[orientation], upright)
    assert orient(orientation, stored) == upright
    return len(stored[0]), len(stored), lambda x, y: stored[y][x]


for o in range(2, 9):
    sw, sh, stored = stored_for(o, grey_q)
    add_quad(f"tiff-orientation-{o}.tif", "tiff", tiff_bytes(sw, sh, stored, orientation=o), grey_q,
             f"TIFF, grey 8-bit, stored {sw}x{sh} with Orientation tag {o}: decodes upright",
             exif_orientation=o, orientation_applied=True)

lept = Leptonica()


def via_lept(width, height, fn, depth, writer, dpi=None, alpha=False):
    pix = lept.pix(width, height, fn, depth=depth, dpi=dpi, alpha=alpha)
    try:
        return writer(pix)
    finally:
        lept.destroy(pix)


add_quad("tiff-g4.tif", "tiff", via_lept(QW, QH, bit_q, 1, lambda p: lept.write(p, "tiff-g4")), bit_grey,
         "TIFF, CCITT G4, 1-bit (leptonica, which writes Orientation 1)", exif_orientation=1)
add_quad("tiff-lzw-rgb.tif", "tiff", via_lept(QW, QH, colour_q, 32, lambda p: lept.write(p, "tiff-lzw")),
         colour_grey, "TIFF, LZW, RGB (leptonica, which writes Orientation 1)", tolerance=2, exif_orientation=1)

# JPEG (leptonica); lossy, so a wider tolerance, and quadrant centres well inside 8x8 blocks of one colour.
add_quad("jpeg-grey.jpg", "jpeg", via_lept(QW, QH, grey_q, 8, lambda p: lept.jpeg(p, 95)), grey_q,
         "JPEG, grey baseline (leptonica, quality 95)", tolerance=6)
add_quad("jpeg-rgb.jpg", "jpeg", via_lept(QW, QH, colour_q, 32, lambda p: lept.jpeg(p, 95), dpi=300), colour_grey,
         "JPEG, YCbCr baseline, JFIF density 300 dpi (leptonica, quality 95)", tolerance=8, dpi=300)
add_quad("jpeg-progressive.jpg", "jpeg", via_lept(QW, QH, colour_q, 32, lambda p: lept.jpeg(p, 95, True)),
         colour_grey, "JPEG, progressive (leptonica, quality 95)", tolerance=8)
for o, big_endian, what in [(6, False, "turned 90 degrees left"), (3, True, "upside down"),
                           (8, False, "turned 90 degrees right")]:
    sw, sh, stored = stored_for(o, grey_q)
    add_quad(f"jpeg-exif-{o}.jpg", "jpeg",
             insert_after_soi(via_lept(sw, sh, stored, 8, lambda p: lept.jpeg(p, 95)), exif_app1(o, big_endian)),
             grey_q, f"JPEG stored {what}, EXIF Orientation {o} ({'MM' if big_endian else 'II'}): decodes upright",
             tolerance=6, exif_orientation=o, orientation_applied=True)
jpeg1 = via_lept(QW, QH, grey_q, 8, lambda p: lept.jpeg(p, 95))
add_quad("jpeg-exif-1.jpg", "jpeg", insert_after_soi(jpeg1, exif_app1(1)), grey_q,
         "JPEG with EXIF Orientation 1 (normal): nothing to apply", tolerance=6,
         exif_orientation=1, orientation_applied=False)

# WebP, GIF, JPEG 2000 (leptonica)
add_quad("webp-lossless.webp", "webp", via_lept(QW, QH, colour_q, 32, lambda p: lept.webp(p, lossless=True)),
         colour_grey, "WebP, lossless RGB (leptonica)", tolerance=2)
add_quad("webp-lossy.webp", "webp", via_lept(QW, QH, colour_q, 32, lambda p: lept.webp(p, 90, lossless=False)),
         colour_grey, "WebP, lossy RGB (leptonica, quality 90)", tolerance=10)
QUAD_ALPHA = [255, 128, 0, 255]
add_quad("webp-alpha.webp", "webp",
         via_lept(QW, QH, lambda x, y: colour_q(x, y) + (QUAD_ALPHA[quadrant(x, y)],), 32,
                  lambda p: lept.webp(p, lossless=True), alpha=True),
         lambda x, y: over_white(colour_grey(x, y), QUAD_ALPHA[quadrant(x, y)]),
         "WebP, lossless RGBA: alpha composited on white", tolerance=3)
add_quad("gif-grey.gif", "gif", via_lept(QW, QH, grey_q, 8, lambda p: lept.write(p, "gif")), grey_q,
         "GIF, 8-bit grey palette (leptonica)")
add_quad("jp2-rgb.jp2", "jp2", via_lept(QW, QH, colour_q, 32, lambda p: lept.write(p, "jp2")), colour_grey,
         "JPEG 2000 (JP2 box format, leptonica/OpenJPEG, lossy)", tolerance=8)

os.makedirs(OUT, exist_ok=True)
for name, data in sorted(files.items()):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
with open(os.path.join(OUT, "answers.json"), "w") as f:
    json.dump(dict(sorted(answers.items())), f, indent=1)
    f.write("\n")
total = sum(len(d) for d in files.values())
print(f"wrote {len(files)} images ({total} bytes) and answers.json to {OUT}")
