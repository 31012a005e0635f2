#!/usr/bin/env python3
"""The fixed training / held-out split of a folder of real MRZ line images, by source image.

Usage: split.py LINES [--out SPLIT.tsv]
LINES is a folder of line images (IMAGE.tif/.png with IMAGE.gt.txt), or a folder holding such a folder `lines/`.
Its `sources.tsv` (columns line, source_image, kind; looked for in LINES, then beside the image folder) names the
image each line was cut from and its kind (`photo`, `font_rendered`, ...). All lines of one source image fall on
the same side: the two or three lines of one photographed MRZ never train and test at once, which a split by file
number would do. A line that sources.tsv does not list is its own source, of kind `unlisted`.

The side of a source is fixed by a hash of its name, so the split does not depend on which other lines are in the
folder, on their order or on any seed: SHA-256 of "docsentry-mrz-holdout/" + source name, first 8 bytes as a
fraction of 2^64, held out when below the kind's share (HELD_OUT_SHARE: photo 20%, the rest 10%).

Prints a summary (sources and lines per kind and side); with --out, writes line, source_image, kind, side
(`train` or `held_out`) for every line, sorted by line name. Used by makelists.py (training lists) and
evaluate.py (--holdout source), so training and evaluation always agree. Standard library only.
"""
import argparse
import collections
import csv
import hashlib
import os
import sys

HELD_OUT_SHARE = {"photo": 0.20}
DEFAULT_SHARE = 0.10
IMAGE_EXTENSIONS = (".tif", ".tiff", ".png")


class SplitError(Exception):
    pass


def image_folder(lines):
    """The folder that holds the line images: LINES itself, or LINES/lines."""
    if not os.path.isdir(lines):
        raise SplitError("%s: not a folder" % lines)
    for folder in (lines, os.path.join(lines, "lines")):
        if os.path.isdir(folder) and any(n.endswith(".gt.txt") for n in os.listdir(folder)):
            return folder
    raise SplitError("%s: no line images with .gt.txt files (IMAGE.tif or IMAGE.png beside IMAGE.gt.txt)" % lines)


def line_images(folder):
    """(stem, image path) of every image in `folder` with a non-empty .gt.txt beside it, sorted by stem."""
    items = []
    for name in sorted(os.listdir(folder)):
        stem, extension = os.path.splitext(name)
        if extension.lower() not in IMAGE_EXTENSIONS:
            continue
        truth = os.path.join(folder, stem + ".gt.txt")
        if os.path.exists(truth) and os.path.getsize(truth) > 0:
            items.append((stem, os.path.join(folder, name)))
    return items


def sources_file(lines, folder):
    for candidate in (os.path.join(lines, "sources.tsv"), os.path.join(folder, "sources.tsv"),
                      os.path.join(os.path.dirname(os.path.abspath(folder)), "sources.tsv")):
        if os.path.isfile(candidate):
            return candidate
    return None


def held_out(source, kind):
    digest = hashlib.sha256(("docsentry-mrz-holdout/" + source).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64 < HELD_OUT_SHARE.get(kind, DEFAULT_SHARE)


def development(source, kind, share):
    """Whether a training-side source is set aside for development (choosing a learning rate or a checkpoint):
    the same kind of hash as the hold-out, with another salt, so the development lines are a fixed part of the
    training side, never of the held-out side."""
    digest = hashlib.sha256(("docsentry-mrz-development/" + kind + "/" + source).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64 < share


def split(lines):
    """{stem: (image path, source, kind, side)} for the line images of `lines`, and the sources.tsv used (or None)."""
    folder = image_folder(lines)
    listed = {}
    path = sources_file(lines, folder)
    if path:
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                try:
                    listed[row["line"]] = (row["source_image"], row["kind"])
                except KeyError:
                    raise SplitError("%s: expected the columns line, source_image, kind" % path)
    result = {}
    for stem, image in line_images(folder):
        source, kind = listed.get(stem, ("line:" + stem, "unlisted"))
        # A source's name is only unique within its kind in some datasets: hash both.
        result[stem] = (image, source, kind, "held_out" if held_out(kind + "/" + source, kind) else "train")
    return result, path


def summary(result):
    counts = collections.defaultdict(lambda: [set(), 0])
    for _image, source, kind, side in result.values():
        counts[(kind, side)][0].add(source)
        counts[(kind, side)][1] += 1
    parts = []
    for kind in sorted({k for k, _ in counts}):
        t, h = counts[(kind, "train")], counts[(kind, "held_out")]
        parts.append("%s: train %d lines (%d sources), held out %d lines (%d sources)"
                     % (kind, t[1], len(t[0]), h[1], len(h[0])))
    return "; ".join(parts)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("lines")
    p.add_argument("--out")
    a = p.parse_args()
    try:
        result, path = split(a.lines)
    except SplitError as error:
        sys.exit("split: %s" % error)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write("line\tsource_image\tkind\tside\n")
            for stem in sorted(result):
                _image, source, kind, side = result[stem]
                f.write("%s\t%s\t%s\t%s\n" % (stem, source, kind, side))
    print("split (%s): %s" % (os.path.basename(path) if path else "no sources.tsv: each line its own source",
                              summary(result)))


if __name__ == "__main__":
    main()
