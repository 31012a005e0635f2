#!/usr/bin/env python3
"""Writes a Tesseract line box file (one WordStr entry covering the whole image) beside each line image.

Usage: linebox.py DIR [DIR ...]
For every IMAGE.png / IMAGE.tif with IMAGE.gt.txt beside it, writes IMAGE.box unless it already exists:
    WordStr 0 0 W H 0 #TEXT
    <TAB> W 0 W+1 H+1 0
the format of tesstrain's generate_line_box.py. Image sizes are read from the file headers (stdlib only).
Prints the number of box files written and the number of images skipped (no or empty .gt.txt, unreadable).
"""
import os
import struct
import sys


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", head[16:24])


def tiff_size(path):
    with open(path, "rb") as f:
        data = f.read(65536)
        order = {b"II": "<", b"MM": ">"}.get(data[:2])
        if order is None or struct.unpack(order + "H", data[2:4])[0] != 42:
            raise ValueError("not a TIFF")
        (ifd,) = struct.unpack(order + "I", data[4:8])
        if ifd + 2 > len(data):
            f.seek(0)
            data = f.read(ifd + 4096)
    (count,) = struct.unpack(order + "H", data[ifd:ifd + 2])
    width = height = None
    for i in range(count):
        entry = data[ifd + 2 + 12 * i: ifd + 14 + 12 * i]
        tag, kind, _n = struct.unpack(order + "HHI", entry[:8])
        value = struct.unpack(order + ("H" if kind == 3 else "I"), entry[8:10] if kind == 3 else entry[8:12])[0]
        if tag == 256:
            width = value
        elif tag == 257:
            height = value
    if width is None or height is None:
        raise ValueError("TIFF without size")
    return width, height


def main(dirs):
    written = skipped = 0
    for directory in dirs:
        for name in sorted(os.listdir(directory)):
            base, ext = os.path.splitext(name)
            if ext.lower() not in (".png", ".tif", ".tiff"):
                continue
            image = os.path.join(directory, name)
            box = os.path.join(directory, base + ".box")
            if os.path.exists(box):
                continue
            try:
                with open(os.path.join(directory, base + ".gt.txt"), encoding="utf-8") as f:
                    text = f.read().strip()
                width, height = png_size(image) if ext.lower() == ".png" else tiff_size(image)
            except (OSError, ValueError):
                skipped += 1
                continue
            if not text:
                skipped += 1
                continue
            with open(box + ".tmp", "w", encoding="utf-8") as f:
                f.write("WordStr 0 0 %d %d 0 #%s\n" % (width, height, text))
                f.write("\t %d 0 %d %d 0\n" % (width, width + 1, height + 1))
            os.replace(box + ".tmp", box)
            written += 1
    print("linebox: %d box files written, %d images skipped" % (written, skipped))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
