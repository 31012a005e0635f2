#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target (see Fuzz/README.md) into OUT_DIR, from TestImages/ and Rules/.

- image targets (png, jpeg, tiff, bmp, gif, pnm, webp, jpeg2000): every file under TestImages/ of that format,
  told by its first bytes as the decoder tells it (so TestImages/bad/jpeg-named.png seeds jpeg), up to
  MAX_IMAGE_BYTES (larger pages slow every execution for little new code);
- mrz-text: the MRZ text files of TestImages/mrz/ and the printed MRZ (`mrz_lines`) of every answer key;
- corrector: the same MRZs in the harness's grid encoding (an options byte, then per cell: the character's
  index among the 37, a confidence of 240/255, no alternatives, no filler likeness, no print shape), one plain and
  one with every corrector option on;
- rules: each file of Rules/ that RuleSet.load reads, after the byte that selects it.

Usage: python3 scripts/fuzz-seeds.py TARGET OUT_DIR
"""

import glob
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_IMAGE_BYTES = 64 * 1024
ALPHABET = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
FORMATS = ["TD1", "TD2", "TD3", "MRVA", "MRVB"]  # MRZFormat.allCases order
RULE_FILES = ["countries.yaml", "document-codes.yaml", "profiles.yaml", "specimens.yaml", "lost-stolen.csv",
              "policy.yaml", "rules.yaml"]  # RuleSet.fileNames order


def image_format(head):
    """ImageFormat.detect, in Python."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith(b"GIF87a") or head.startswith(b"GIF89a"):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n") or head.startswith(b"\xff\x4f\xff\x51"):
        return "jpeg2000"
    if head.startswith(b"BM") and len(head) >= 18 and int.from_bytes(head[14:18], "little") in (12, 16, 40, 52, 56, 64, 108, 124):
        return "bmp"
    if len(head) >= 3 and head[0:1] == b"P" and head[1:2] in b"1234567" and head[2:3] in b" \t\n\r":
        return "pnm"
    return None


def mrz_texts():
    """Every MRZ in TestImages/: the .txt files, then the printed lines of the answer keys."""
    texts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "TestImages", "**", "*.txt"), recursive=True)):
        texts.append(open(path, "rb").read())
    for path in sorted(glob.glob(os.path.join(ROOT, "TestImages", "**", "*.json"), recursive=True)):
        try:
            key = json.load(open(path))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(key, dict) and isinstance(key.get("mrz_lines"), list):
            texts.append(("\n".join(key["mrz_lines"]) + "\n").encode())
    return texts


def format_of(lines):
    if len(lines) == 3 and all(len(l) == 30 for l in lines):
        return "TD1"
    if len(lines) == 2 and all(len(l) == 36 for l in lines):
        return "MRVB" if lines[0].startswith("V") else "TD2"
    if len(lines) == 2 and all(len(l) == 44 for l in lines):
        return "MRVA" if lines[0].startswith("V") else "TD3"
    return None


def corrector_seeds():
    seeds = []
    for text in mrz_texts():
        lines = [l.strip() for l in text.decode("utf-8", "replace").splitlines() if l.strip()]
        form = format_of(lines)
        if form is None:
            continue
        cells = bytearray()
        for line in lines:
            for character in line:
                index = ALPHABET.find(character)
                cells += bytes([index if index >= 0 else 250, 240, 0, 0, 0])
        for options in (0x00, 0x78):
            seeds.append(bytes([FORMATS.index(form) | options]) + bytes(cells))
    return seeds


def seeds(target):
    if target == "mrz-text":
        return mrz_texts()
    if target == "corrector":
        return corrector_seeds()
    if target == "rules":
        return [bytes([index]) + open(os.path.join(ROOT, "Rules", name), "rb").read()
                for index, name in enumerate(RULE_FILES)]
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "TestImages", "**", "*"), recursive=True)):
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_IMAGE_BYTES:
            continue
        with open(path, "rb") as f:
            if image_format(f.read(32)) == target:
                f.seek(0)
                found.append(f.read())
    return found


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    written = 0
    for data in seeds(target):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        written += 1
    if written == 0:
        sys.exit(f"fuzz-seeds: no seed for target '{target}'")


if __name__ == "__main__":
    main()
