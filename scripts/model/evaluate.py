#!/usr/bin/env python3
"""Line-level accuracy of a Tesseract model on held-out MRZ line images.

Usage: evaluate.py --images DIR [--holdout tenth|all] --lang L [--tessdata-dir D] [--whitelist]
                   [--jobs 2] [--out RESULTS.tsv] [--label NAME]
Runs `tesseract IMAGE - --psm 7 -l L` on every IMAGE.tif/.png in DIR that has IMAGE.gt.txt (with --holdout
tenth: only the files whose number is a multiple of 10, the validation part of the real lines), removes
whitespace from the output (the MRZ alphabet has no space) and compares it with the ground truth:
exact-line rate and character error rate (Levenshtein distance summed over lines / characters of truth).
Prints one summary line and writes per-line results to --out (not the text: only lengths and distances).
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

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
    p.add_argument("--holdout", choices=["tenth", "all"], default="all")
    p.add_argument("--lang", required=True)
    p.add_argument("--tessdata-dir")
    p.add_argument("--whitelist", action="store_true")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--out")
    p.add_argument("--label")
    a = p.parse_args()

    items = []
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
            items.append((os.path.join(a.images, name), f.read().strip()))
    if not items:
        sys.exit("evaluate: no images with .gt.txt in %s" % a.images)

    command = ["tesseract", None, "-", "--psm", "7", "-l", a.lang]
    if a.tessdata_dir:
        command += ["--tessdata-dir", a.tessdata_dir]
    if a.whitelist:
        command += ["-c", "tessedit_char_whitelist=" + ALPHABET]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def read(item):
        path, truth = item
        cmd = list(command)
        cmd[1] = path
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        text = "".join(r.stdout.split())
        return path, truth, text

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(read, items))
    seconds = time.time() - started

    exact = errors = chars = 0
    rows = []
    for path, truth, text in results:
        d = levenshtein(truth, text)
        exact += d == 0
        errors += d
        chars += len(truth)
        rows.append("%s\t%d\t%d\t%d" % (os.path.basename(path), len(truth), len(text), d))
    summary = {
        "label": a.label or a.lang, "lines": len(results), "exact": exact,
        "exact_rate": exact / len(results), "cer": errors / max(chars, 1),
        "edit_errors": errors, "characters": chars, "seconds": round(seconds, 1),
    }
    if a.out:
        with open(a.out, "w") as f:
            f.write("file\ttruth_len\tread_len\tdistance\n")
            f.write("\n".join(rows) + "\n")
        with open(os.path.splitext(a.out)[0] + ".json", "w") as f:
            json.dump(summary, f, indent=1)
    print("%s: %d/%d lines exact (%.1f%%), CER %.2f%% (%d errors / %d chars), %.0f s"
          % (summary["label"], exact, len(results), 100 * summary["exact_rate"], 100 * summary["cer"],
             errors, chars, seconds))


if __name__ == "__main__":
    main()
