#!/usr/bin/env python3
"""Line-level accuracy of a Tesseract model on held-out MRZ line images.

Usage: evaluate.py --images DIR [--holdout source|all|tenth] --lang L [--tessdata-dir D] [--whitelist]
                   [--jobs 2] [--out RESULTS.tsv] [--label NAME]
Runs `tesseract IMAGE - --psm 7 -l L` on every IMAGE.tif/.png in DIR that has IMAGE.gt.txt, removes whitespace
from the output (the MRZ alphabet has no space) and compares it with the ground truth: exact-line rate and
character error rate (Levenshtein distance summed over lines / characters of truth).

--holdout source (real lines): only the held-out side of split.py's split by source image, DIR being what
split.py takes; one figure per kind of line (photo, font_rendered, ...), reported apart, and for each kind the
exact rate on the held-out lines whose text no training line has (other photos of one specimen share a text).
--holdout tenth: the files whose number is a multiple of 10 (the split of the models shipped before
2026-12-07, kept to compare with their figures; it puts lines of one photo on both sides). --holdout all: every
line (a folder never trained on, such as the synthetic validation lines).
Prints one summary line per kind and writes per-line results to --out (not the text: only kind, lengths and
distances), with the summaries in the .json beside it.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split as splitting  # noqa: E402

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"


def levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--images", required=True)
    p.add_argument("--holdout", choices=["source", "tenth", "all"], default="all")
    p.add_argument("--lang", required=True)
    p.add_argument("--tessdata-dir")
    p.add_argument("--whitelist", action="store_true")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--out")
    p.add_argument("--label")
    a = p.parse_args()

    items = []  # (path, truth, kind, text seen in training)
    if a.holdout == "source":
        try:
            lines, _sources = splitting.split(a.images)
        except splitting.SplitError as error:
            sys.exit("evaluate: %s" % error)
        def truth(path):
            with open(os.path.splitext(path)[0] + ".gt.txt", encoding="utf-8") as f:
                return f.read().strip()
        seen = {truth(image) for image, _s, _k, side in lines.values() if side == "train"}
        for stem in sorted(lines):
            image, _source, kind, side = lines[stem]
            if side == "held_out":
                text = truth(image)
                items.append((image, text, kind, text in seen))
    else:
        for name in sorted(os.listdir(a.images)):
            base, ext = os.path.splitext(name)
            if ext.lower() not in (".tif", ".tiff", ".png"):
                continue
            gt = os.path.join(a.images, base + ".gt.txt")
            if not os.path.exists(gt):
                continue
            if a.holdout == "tenth":
                m = re.search(r"(\d+)$", base)
                if not m or int(m.group(1)) % 10 != 0:
                    continue
            with open(gt, encoding="utf-8") as f:
                items.append((os.path.join(a.images, name), f.read().strip(), "all", False))
    if not items:
        sys.exit("evaluate: no images with .gt.txt in %s" % a.images)

    command = ["tesseract", None, "-", "--psm", "7", "-l", a.lang]
    if a.tessdata_dir:
        command += ["--tessdata-dir", a.tessdata_dir]
    if a.whitelist:
        command += ["-c", "tessedit_char_whitelist=" + ALPHABET]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def read(item):
        cmd = list(command)
        cmd[1] = item[0]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        return item, "".join(r.stdout.split())

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(read, items))
    seconds = time.time() - started

    rows, groups = [], {}
    for (path, truth, kind, seen), text in results:
        d = levenshtein(truth, text)
        g = groups.setdefault(kind, {"lines": 0, "exact": 0, "edit_errors": 0, "characters": 0,
                                     "unseen_text_lines": 0, "unseen_text_exact": 0})
        g["lines"] += 1
        g["exact"] += d == 0
        g["edit_errors"] += d
        g["characters"] += len(truth)
        g["unseen_text_lines"] += not seen
        g["unseen_text_exact"] += (not seen) and d == 0
        rows.append("%s\t%s\t%d\t%d\t%d" % (os.path.basename(path), kind, len(truth), len(text), d))
    label = a.label or a.lang
    summaries = []
    for kind in sorted(groups):
        g = groups[kind]
        g.update(label=label if kind == "all" else "%s, %s" % (label, kind), kind=kind,
                 exact_rate=g["exact"] / g["lines"], cer=g["edit_errors"] / max(g["characters"], 1),
                 seconds=round(seconds, 1))
        summaries.append(g)
    if a.out:
        with open(a.out, "w") as f:
            f.write("file\tkind\ttruth_len\tread_len\tdistance\n")
            f.write("\n".join(rows) + "\n")
        with open(os.path.splitext(a.out)[0] + ".json", "w") as f:
            json.dump(summaries[0] if len(summaries) == 1 else summaries, f, indent=1)
    for g in summaries:
        print(describe(g))


def describe(g):
    """One line for one summary (also used to print a cached summary)."""
    text = "%s: %d/%d lines exact (%.1f%%), CER %.2f%% (%d errors / %d chars)" % (
        g["label"], g["exact"], g["lines"], 100 * g["exact_rate"], 100 * g["cer"], g["edit_errors"], g["characters"])
    if g.get("unseen_text_lines", g["lines"]) != g["lines"]:
        text += "; text in no training line: %d/%d" % (g["unseen_text_exact"], g["unseen_text_lines"])
    return text + ", %.0f s" % g["seconds"]

if __name__ == "__main__":
    main()
